/**
 * The dashboard as time passes: on the time-skipping server, a case page in Chromium shows
 * its notification deadline pending, and breached once the clock passes the due instant.
 * (The cases list needs visibility, which only the dev server has: see the integration test.)
 */
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../api/app';
import { assembleServices } from '../../api/assemble';
import { formatIsoDate, londonDay } from '../../src/calendar';
import { caseWorker, outbox, policies } from '../helpers/cases';
import { caseDriver } from '../helpers/driver';
import { timeSkippingEnvironment, testCodec } from '../helpers/temporal';

let env: Awaited<ReturnType<typeof timeSkippingEnvironment>>;
let browser: Browser;
let stop: () => Promise<void>;
let base = '';
let taskQueue = '';

beforeAll(async () => {
  env = await timeSkippingEnvironment();
  const started = await caseWorker(env);
  taskQueue = started.taskQueue;
  const running = started.worker.run();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dash-ts-'));
  const app = createApp(
    await assembleServices({
      client: env.client,
      codec: testCodec,
      taskQueue,
      policies,
      dataDir,
      auth: { mode: 'development', dataDir },
      // Signing in lands on the cases list, which this server cannot answer (no visibility).
      log: () => undefined,
      outbox,
      health: { temporal: async () => undefined },
      // Decisions and starts are judged by the test server's clock, not the machine's.
      today: () => formatIsoDate(londonDay(Date.now())),
    }),
  );
  const server = await new Promise<http.Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: inject('chromium'),
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  stop = async () => {
    await browser.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    started.worker.shutdown();
    await running;
    await env.teardown();
  };
});
afterAll(async () => {
  await stop?.();
});

describe('a case page as its deadline passes', () => {
  it('shows the notification pending, then breached', { timeout: 90_000 }, async () => {
    const d = caseDriver(env, taskQueue);
    const page = await browser.newPage();
    await page.goto(`${base}/sign-in`);
    await page.fill('#userId', 'lead-1');
    await page.check('input[name=role][value=safeguarding-lead]');
    await page.check('input[name=partnerships][value=kirklees]');
    await Promise.all([page.waitForEvent('load'), page.click('button:has-text("Sign in")')]);
    await page.goto(`${base}/cases/new`);
    await page.selectOption('#partnership', 'kirklees');
    await page.fill('#reference', 'KIR-TIME-1');
    await page.fill('#awareAt', await d.today());
    await page.check('input[name=facts][value=abuseOrNeglectSuspected]');
    await page.check('input[name=facts][value=childDied]');
    await Promise.all([page.waitForEvent('load'), page.click('button:has-text("Start the case")')]);
    const state = async () => {
      await page.reload();
      return page.locator('[data-deadline=notification] .govuk-tag').textContent();
    };
    await expect.poll(state).toContain('pending');
    const view = await env.client.workflow.getHandle('case-kirklees-KIR-TIME-1').query('caseView');
    const due = (view as { deadlines: { key: string; dueAt: string }[] }).deadlines.find(
      (x) => x.key === 'notification',
    )!;
    await d.sleepUntil(due.dueAt, 60_000);
    await expect.poll(state).toContain('breached');
    await page.close();
  });
});
