/**
 * Runs `temporal server start-dev` as a child process on a SQLite file under the data
 * directory, so cases survive a restart of the stack.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { waitForConnection } from './connection';
import { ensureSearchAttributes } from './searchAttributesAdmin';
import { devServerSearchAttributeFlags } from './searchAttributes';

export interface DevServerOptions {
  cliPath: string;
  dataDir: string;
  port: number;
  uiPort: number;
  namespace: string;
  host?: string;
  /** The codec endpoint the Web UI decrypts payloads with (the API's /codec). */
  uiCodecEndpoint?: string;
  /** Where the server's own output goes; defaults to a log file in the data directory. */
  logFile?: string;
}

export interface DevServer {
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
  /** Kills it outright (SIGKILL), as a crash would: for fault tests. */
  kill(): Promise<void>;
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const host = options.host ?? '127.0.0.1';
  fs.mkdirSync(options.dataDir, { recursive: true });
  const logFile = options.logFile ?? path.join(options.dataDir, 'temporal-server.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    options.cliPath,
    [
      'server',
      'start-dev',
      '--db-filename',
      path.join(options.dataDir, 'temporal.sqlite'),
      '--ip',
      host,
      '--port',
      String(options.port),
      '--ui-port',
      String(options.uiPort),
      '--namespace',
      options.namespace,
      '--log-level',
      'warn',
      ...devServerSearchAttributeFlags(),
      ...(options.uiCodecEndpoint ? ['--ui-codec-endpoint', options.uiCodecEndpoint] : []),
    ],
    // Its own process group, so a Ctrl-C at the terminal reaches only us and we stop the
    // server last, after the worker has finished with it.
    { stdio: ['ignore', log, log], detached: true },
  );
  // If we die without stopping it, take it with us rather than leave it orphaned.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  fs.closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const address = `${host}:${options.port}`;

  const stop = () => stopChild(child, exited);
  try {
    const connection = await Promise.race([
      waitForConnection(address, 120_000),
      exited.then((code) => {
        throw new Error(`the Temporal dev server exited with code ${code} while starting; see ${logFile}`);
      }),
    ]);
    await ensureSearchAttributes(connection, options.namespace);
    await connection.close();
  } catch (err) {
    await stop();
    throw err;
  }
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  return { address, uiUrl: `http://${host}:${options.uiPort}`, stop, kill };
}

/** SIGTERM, then SIGKILL if it has not gone within `graceMs`. */
export async function stopChild(
  child: ChildProcess,
  exited: Promise<unknown>,
  graceMs = 10_000,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
