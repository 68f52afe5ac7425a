/**
 * Production sign-in to the dashboard: the authorization code flow with PKCE against a real
 * OpenID Provider on loopback (oidc-provider, with its development login and consent pages),
 * in Debian's Chromium. The ID token's `role` and `partnerships` claims become the session.
 */
import http from 'node:http';
import Provider from 'oidc-provider';
import { type Browser, chromium } from 'playwright-core';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../api/app';
import { assembleServices } from '../../api/assemble';
import { loadPolicies } from '../../src/policy/registry';
import { freePort } from '../../src/temporal/ports';
import { type TestStack, startTestStack } from '../helpers/stack';
import { testCodec } from '../helpers/temporal';

let stack: TestStack;
let browser: Browser;
let idp: http.Server;
let dashboard: http.Server;
let dashboardUrl = '';

beforeAll(async () => {
  stack = await startTestStack();
  const [idpPort, appPort] = [await freePort(), await freePort()];
  const issuer = `http://127.0.0.1:${idpPort}`;
  dashboardUrl = `http://127.0.0.1:${appPort}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'case-review-dashboard',
        client_secret: 'a-client-secret',
        redirect_uris: [`${dashboardUrl}/auth/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    // Every account here is a Durham business manager: the claims the service needs.
    async findAccount(_ctx, sub) {
      return {
        accountId: sub,
        claims: async () => ({ sub, role: 'business-manager', partnerships: ['durham'] }),
      };
    },
    claims: { openid: ['sub'], case_review: ['role', 'partnerships'] },
    scopes: ['openid', 'case_review'],
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['a-cookie-key'] },
  });
  idp = http.createServer(provider.callback());
  await new Promise<void>((r) => idp.listen(idpPort, '127.0.0.1', () => r()));

  const app = createApp(
    await assembleServices({
      client: stack.client,
      codec: testCodec,
      taskQueue: stack.taskQueue,
      policies: loadPolicies(),
      dataDir: stack.dataDir,
      auth: { mode: 'oidc', issuer, audience: 'case-review-api', jwksUrl: `${issuer}/jwks` },
      oidcClient: {
        clientId: 'case-review-dashboard',
        clientSecret: 'a-client-secret',
        redirectUrl: `${dashboardUrl}/auth/callback`,
      },
      secureCookies: false, // plain HTTP on loopback in this test
      log: (message, err) => console.error(message, err),
      requestLog: pino({ level: 'silent' }),
    }),
  );
  dashboard = await new Promise<http.Server>((resolve) => {
    const s = app.listen(appPort, '127.0.0.1', () => resolve(s));
  });
  browser = await chromium.launch({
    executablePath: inject('chromium'),
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
});
afterAll(async () => {
  await browser?.close();
  dashboard?.closeAllConnections();
  await new Promise((r) => dashboard?.close(r));
  idp?.closeAllConnections();
  await new Promise((r) => idp?.close(r));
  await stack?.stop();
});

describe('sign-in through the identity provider', () => {
  it(
    'signs a business manager in with the authorization code flow and PKCE',
    { timeout: 60_000 },
    async () => {
      const page = await browser.newPage();
      await page.goto(`${dashboardUrl}/cases`);
      // Redirected to the provider's own login page.
      expect(new URL(page.url()).origin).not.toBe(dashboardUrl);
      await page.fill('input[name=login]', 'alice');
      await page.fill('input[name=password]', 'anything');
      await Promise.all([page.waitForEvent('load'), page.click('button[type=submit]')]);
      if (await page.locator('button[type=submit]').count()) {
        // The consent page, the first time.
        await Promise.all([page.waitForURL(`${dashboardUrl}/**`), page.click('button[type=submit]')]);
      }
      expect(page.url()).toBe(`${dashboardUrl}/cases`);
      expect(await page.locator('main, body').first().textContent()).toContain(
        'Signed in as alice (business-manager), durham',
      );
      const cookies = await page.context().cookies(dashboardUrl);
      expect(cookies.find((c) => c.name === 'case_review_session')).toMatchObject({
        httpOnly: true,
        sameSite: 'Lax',
      });
      await page.close();
    },
  );

  it('refuses a callback that did not start here', async () => {
    const res = await fetch(`${dashboardUrl}/auth/callback?code=forged&state=forged`, {
      headers: { accept: 'text/html' },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Start again from the sign-in page');
  });
});
