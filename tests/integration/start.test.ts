/**
 * `npm start` as a user runs it: the dev server on SQLite, the worker and the API in one
 * command; a case survives a restart; Ctrl-C stops everything; a taken port is explained.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startDevServer } from '../../src/temporal/devServer';
import { freePort } from '../../src/temporal/ports';
import { bearer } from '../helpers/auth';
import { tempDir } from '../helpers/stack';
import { caseIdFor, idPath } from '../../src/ids';

const root = path.resolve(__dirname, '..', '..');
const dataDir = tempDir('cases-start');
const running = new Set<ChildProcess>();

afterAll(() => {
  for (const child of running) if (child.pid) process.kill(-child.pid, 'SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

/** Runs src/main/start.ts in its own process group, as a terminal would run `npm start`. */
function start(env: Record<string, string>): Started {
  let output = '';
  // As `npm start` runs it: node itself takes Ctrl-C, with no wrapper relaying it.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/start.ts'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, TEMPORAL_CLI: inject('temporalCli'), ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  return { child, output: () => output, exit };
}

async function untilRunning(s: Started): Promise<void> {
  await expect.poll(() => s.output(), { timeout: 90_000, interval: 250 }).toContain('Press Ctrl-C to stop.');
}

/** Ctrl-C at a terminal: SIGINT to the whole foreground process group. */
async function pressCtrlC(s: Started): Promise<number | null> {
  process.kill(-s.child.pid!, 'SIGINT');
  return s.exit;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function plannedDueDates(api: string): Promise<string[]> {
  const res = await fetch(`${api}/api/cases/${idPath(caseIdFor('kirklees', 'KIR-7'))}`, {
    headers: await bearer(dataDir, 'viewer'),
  });
  if (!res.ok) return [];
  return ((await res.json()) as { deadlines: { key: string; dueDate: string }[] }).deadlines
    .filter((d) => d.key === 'notification')
    .map((d) => d.dueDate);
}

/** The schedules on the dev server `npm start` runs: the audit's, one per partnership. */
async function auditSchedules(port: number): Promise<string[]> {
  const connection = await Connection.connect({ address: `127.0.0.1:${port}` });
  try {
    const ids: string[] = [];
    for await (const schedule of new Client({ connection }).schedule.list()) ids.push(schedule.scheduleId);
    return ids.sort();
  } finally {
    await connection.close();
  }
}

describe('npm start', () => {
  it('serves the API, keeps cases across a restart, and stops every process on Ctrl-C', async () => {
    const ports = { api: await freePort(), temporal: await freePort(), ui: await freePort() };
    const env = {
      PORT: String(ports.api),
      TEMPORAL_DEV_PORT: String(ports.temporal),
      TEMPORAL_UI_PORT: String(ports.ui),
    };
    const api = `http://127.0.0.1:${ports.api}`;

    const first = start(env);
    await untilRunning(first);
    expect(first.output()).toContain(`API:          ${api}`);
    expect(first.output()).toContain(`Temporal UI:  http://127.0.0.1:${ports.ui}`);
    expect((await fetch(`${api}/readyz`)).status).toBe(200);
    const created = await fetch(`${api}/api/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await bearer(dataDir, 'safeguarding-lead')) },
      body: JSON.stringify({
        partnership: 'kirklees',
        reference: 'KIR-7',
        awareAt: '2026-11-02',
        abuseOrNeglectSuspected: true,
        childDied: true,
        seriouslyHarmed: false,
      }),
    });
    expect(created.status).toBe(201);
    await expect.poll(() => plannedDueDates(api)).toEqual(['2026-11-09']);
    // Schedules are listed from visibility, which catches up a moment later.
    await expect.poll(() => auditSchedules(ports.temporal)).toEqual(['rapid-review-audit-durham']); // only Durham's pack audits (003 L383-385)

    expect(await pressCtrlC(first)).toBe(0);
    expect(first.output()).toContain('"message":"stopped"');
    for (const port of Object.values(ports)) expect(await listening(port)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'temporal.sqlite'))).toBe(true);

    const second = start(env);
    await untilRunning(second);
    await expect.poll(() => plannedDueDates(api)).toEqual(['2026-11-09']);
    expect(await pressCtrlC(second)).toBe(0);
    for (const port of Object.values(ports)) expect(await listening(port)).toBe(false);
  });

  it('uses the server named by TEMPORAL_ADDRESS instead of starting one, and leaves it running', async () => {
    const serverDir = tempDir('cases-existing');
    const ownDir = tempDir('cases-own');
    const existing = await startDevServer({
      cliPath: inject('temporalCli'),
      dataDir: serverDir,
      port: await freePort(),
      uiPort: await freePort(),
      namespace: 'default',
    });
    try {
      const port = await freePort();
      const s = start({
        PORT: String(port),
        TEMPORAL_ADDRESS: existing.address,
        DATA_DIR: tempDir('cases-own'),
      });
      await untilRunning(s);
      expect(s.output()).toContain(`Temporal:     ${existing.address}`);
      expect(s.output()).not.toContain('Temporal UI');
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      expect(await pressCtrlC(s)).toBe(0);
      // Not ours to stop: the existing server still answers.
      expect(await listening(Number(existing.address.split(':')[1]))).toBe(true);
    } finally {
      await existing.stop();
      for (const dir of [serverDir, ownDir]) fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to serve the API beyond this machine with development sign-in: exit 2 and why', async () => {
    const s = start({ HOST: '0.0.0.0', PORT: String(await freePort()) });
    expect(await s.exit).toBe(2);
    expect(s.output()).toContain('npm start: invalid configuration: HOST: 0.0.0.0 is not a loopback address');
    expect(s.output()).not.toMatch(/\n\s+at /);
  });

  it('explains a port that is already in use instead of failing with a stack trace', async () => {
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const s = start({
        PORT: String(port),
        TEMPORAL_DEV_PORT: String(await freePort()),
        TEMPORAL_UI_PORT: String(await freePort()),
      });
      expect(await s.exit).toBe(1);
      expect(s.output()).toContain(`port ${port} (the API) is already in use`);
      expect(s.output()).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });
});
