/**
 * `/healthz` for the worker, which otherwise serves no HTTP: an orchestrator (the compose
 * file's health check, Kubernetes) restarts a worker that has stopped polling.
 */
import http from 'node:http';
import type { Worker } from '@temporalio/worker';

export async function serveWorkerHealth(worker: Worker, port: number, host: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (req.url !== '/healthz') return void res.writeHead(404).end();
    const state = worker.getState();
    res.writeHead(state === 'RUNNING' ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ state }));
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}
