/**
 * The dashboard as time passes: on the time-skipping server, a case page in Chromium shows
 * its notification deadline pending, and breached once the clock passes the due instant.
 * (The cases list needs visibility, which only the dev server has: see the integration test.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { caseWorker } from '../helpers/cases';
import { caseDriver } from '../helpers/driver';
import { timeSkippingEnvironment } from '../helpers/temporal';
import { serveApi } from '../helpers/timeSkippingApi';
import { caseIdFor } from '../../src/ids';

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
  // Signing in lands on the cases list, which this server cannot answer (no visibility).
  const api = await serveApi(env, { taskQueue, dataDir, log: () => undefined });
  base = api.base;
  browser = await chromium.launch({
    executablePath: inject('chromium'),
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  stop = async () => {
    await browser.close();
    await api.close();
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
    const view = await env.client.workflow.getHandle(caseIdFor('kirklees', 'KIR-TIME-1')).query('caseView');
    const due = (view as { deadlines: { key: string; dueAt: string }[] }).deadlines.find(
      (x) => x.key === 'notification',
    )!;
    await d.sleepUntil(due.dueAt, 60_000);
    await expect.poll(state).toContain('breached');
    await page.close();
  });
});
