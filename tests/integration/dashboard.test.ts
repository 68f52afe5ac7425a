/**
 * The dashboard in Debian's Chromium (playwright-core), on the dev server with a worker: sign
 * in, start a case, see it on the cases page with its RAG status, record a decision on the
 * case page; axe-core finds no WCAG 2.2 AA violation on any page; each page is saved as a
 * screenshot under .screenshots/ (git-ignored).
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatIsoDate, parseIsoDate } from '../../src/calendar';
import { londonDate } from '../../src/calendar/london';
import type { Role } from '../../src/auth/roles';
import { bearer } from '../helpers/auth';
import { type TestStack, startTestStack } from '../helpers/stack';
import { caseIdFor, idPath } from '../../src/ids';
import { actionIdFor } from '../../src/client/learningActionService';

const shots = path.resolve(__dirname, '..', '..', '.screenshots');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let stack: TestStack;
let browser: Browser;
beforeAll(async () => {
  fs.mkdirSync(shots, { recursive: true });
  stack = await startTestStack();
  browser = await chromium.launch({
    executablePath: inject('chromium'),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Runs axe (WCAG 2.0-2.2 A and AA) on the page and saves its screenshot. */
async function check(page: Page, name: string): Promise<void> {
  // Through the debugging protocol, not a <script>: the page's CSP rightly refuses inline scripts.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (o: unknown) => Promise<{ violations: { id: string; help: string }[] }> };
      }
    ).axe;
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help}`);
  });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  expect(violations, name).toEqual([]);
}

/** Submits a form (or follows a link) and waits for the page it leads to. */
async function submit(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.click(selector)]);
}

async function signIn(page: Page, role: string, partnership: string, partner?: string): Promise<void> {
  await page.goto(`${stack.api.url}/cases`);
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await check(page, 'sign-in');
  await page.fill('#userId', 'bm-1');
  await page.check(`input[name=role][value=${role}]`);
  await page.check(`input[name=partnerships][value=${partnership}]`);
  if (partner) await page.selectOption('#partner', partner);
  await submit(page, 'button:has-text("Sign in")');
  expect(new URL(page.url()).pathname).toBe('/cases');
}

describe('the dashboard', () => {
  it('signs in, starts a case, shows its status, and records a decision', { timeout: 120_000 }, async () => {
    const page = await browser.newPage();
    await signIn(page, 'business-manager', 'dudley');
    await check(page, 'cases-empty');

    // A case whose awareness is long past is overdue from the start: red.
    await submit(page, 'a:has-text("Start a case")');
    await check(page, 'start-a-case');
    await submit(page, 'button:has-text("Start the case")');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('reference');
    await check(page, 'start-a-case-errors');
    await page.fill('#reference', 'DUD-WEB-1');
    await page.fill('#awareAt', formatIsoDate(parseIsoDate(londonDate(new Date())) - 30));
    await page.check('input[name=facts][value=abuseOrNeglectSuspected]');
    await page.check('input[name=facts][value=seriouslyHarmed]');
    await submit(page, 'button:has-text("Start the case")');
    expect(new URL(page.url()).pathname).toBe(`/cases/${idPath(caseIdFor('dudley', 'DUD-WEB-1'))}`);

    // A case aware today is on track: green.
    await page.goto(`${stack.api.url}/cases/new`);
    await page.fill('#reference', 'DUD-WEB-2');
    await page.fill('#awareAt', londonDate(new Date()));
    await page.check('input[name=facts][value=abuseOrNeglectSuspected]');
    await page.check('input[name=facts][value=childDied]');
    await submit(page, 'button:has-text("Start the case")');
    await check(page, 'case');

    await expect
      .poll(
        async () => {
          await page.goto(`${stack.api.url}/cases`);
          return page
            .locator('[data-case] [data-rag]')
            .evaluateAll((tags) =>
              tags.map((t) => `${t.closest('tr')?.getAttribute('data-case')}=${t.getAttribute('data-rag')}`),
            );
        },
        { timeout: 20_000 },
      )
      .toEqual([`${caseIdFor('dudley', 'DUD-WEB-1')}=red`, `${caseIdFor('dudley', 'DUD-WEB-2')}=green`]);
    await check(page, 'cases');

    // Filters: overdue only; due within 3 working days (the green case has 5).
    await page.selectOption('#status', 'red');
    await submit(page, 'button:has-text("Filter")');
    expect(
      await page.locator('[data-case]').evaluateAll((r) => r.map((x) => x.getAttribute('data-case'))),
    ).toEqual([caseIdFor('dudley', 'DUD-WEB-1')]);
    await page.goto(`${stack.api.url}/cases?within=3`);
    expect(await page.locator('[data-case]').count()).toBe(1);
    const csv = await page.evaluate(async () => (await fetch('/cases.csv')).text());
    expect(csv.split('\r\n')[0]).toBe(
      'reference,partnership,stage,nextDeadline,workingDaysLeft,status,againstStatute',
    );
    expect(csv).toContain('DUD-WEB-1,dudley,notification');
    expect(csv).toContain('Overdue,late against the statute');

    await page.goto(`${stack.api.url}/cases/${idPath(caseIdFor('dudley', 'DUD-WEB-2'))}`);
    await page.selectOption('#notification-decision-outcome', 'notified');
    await page.fill('#notification-decision-notifiedOn', 'not a date');
    await submit(page, 'button:has-text("Record the decision")');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('YYYY-MM-DD');
    await check(page, 'case-errors');
    // A date before awareness passes the form's schema and is refused by the workflow itself.
    await page.selectOption('#notification-decision-outcome', 'notified');
    await page.fill('#notification-decision-notifiedOn', '2020-01-01');
    await submit(page, 'button:has-text("Record the decision")');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('before the case');
    await page.selectOption('#notification-decision-outcome', 'notified');
    await page.fill('#notification-decision-notifiedOn', londonDate(new Date()));
    await submit(page, 'button:has-text("Record the decision")');
    expect(await page.locator('[data-deadline=notification] .govuk-tag').textContent()).toContain('met');
    expect(await page.locator('#form-notification-decision').count()).toBe(0);
    expect(await page.locator('#form-rapid-review').count()).toBe(1);
    expect(await page.locator('[data-notice=incident-notified] .govuk-tag').textContent()).toContain(
      'Delivered',
    );
    await check(page, 'case-rapid-review');

    // The cases page reads from the API's board, loaded above: it catches up with the move.
    const inStage = async (stage: string) => {
      await page.goto(`${stack.api.url}/cases?stage=${stage}`);
      return page.locator('[data-case]').evaluateAll((r) => r.map((x) => x.getAttribute('data-case')));
    };
    await expect
      .poll(() => inStage('rapid-review'), { timeout: 20_000 })
      .toEqual([caseIdFor('dudley', 'DUD-WEB-2')]);
    expect(await inStage('notification')).toEqual([caseIdFor('dudley', 'DUD-WEB-1')]);

    // Information from an agency for the rapid review: requested, holding the review, received.
    const today = londonDate(new Date());
    await page.goto(`${stack.api.url}/cases/${idPath(caseIdFor('dudley', 'DUD-WEB-2'))}`);
    const requestReturn = async (email: string) => {
      await page.selectOption('#agency-returns-agency', 'west-midlands-police');
      await page.fill('#agency-returns-requestedOn', today);
      await page.fill('#agency-returns-contactName', 'Public Protection Unit');
      await page.fill('#agency-returns-contactEmail', email);
      await page.check('#agency-returns-required');
      await submit(page, 'button:has-text("Request the information")');
    };
    await requestReturn('not an address');
    expect(await page.locator('.govuk-error-summary').textContent()).toMatch(/email/i);
    await requestReturn('ppu@police.example');
    const policeRow = page.locator('[data-return=west-midlands-police]');
    expect(await policeRow.textContent()).toContain('requested');
    await check(page, 'case-agency-returns');
    await page.fill('#rapid-review-completedOn', today);
    await page.selectOption('#rapid-review-format', 'meeting');
    await submit(page, 'button:has-text("Record the rapid review")');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'the information from West Midlands Police is still outstanding',
    );
    await page.selectOption('#agency-return-chases-agency', 'west-midlands-police');
    await submit(page, 'button:has-text("Send the chase")');
    expect(await page.locator('[data-notice=return-chase]').count()).toBe(1);
    await page.selectOption('#agency-return-receipts-agency', 'west-midlands-police');
    await page.fill('#agency-return-receipts-receivedOn', today);
    await submit(page, 'button:has-text("Record it received")');
    expect(await policeRow.textContent()).toContain('received');
    expect(await page.locator('#form-agency-return-receipts').count()).toBe(0);

    // The timeliness report: the open rapid review, drawn and in a table; the same figures as CSV.
    await submit(page, 'a:has-text("Reports")');
    await check(page, 'report-default');
    await page.fill('#from', today);
    await page.fill('#to', '');
    await submit(page, 'button:has-text("Show the report")');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Give both dates, or neither');
    await page.fill('#to', formatIsoDate(parseIsoDate(today) + 60));
    await submit(page, 'button:has-text("Show the report")');
    const figure = (name: string) => page.locator(`[data-figure=${name}]`).textContent();
    expect([
      await figure('count'),
      await figure('on-time'),
      await figure('late'),
      await figure('open'),
    ]).toEqual(['1', '0', '0', '1']);
    expect(await page.locator('#chart-rapid-reviews desc').textContent()).toBe(
      'On time: 0 reviews; Late: 0 reviews; Still open: 1 reviews',
    );
    expect(await page.locator('#chart-rapid-reviews [data-bar="Still open"]').getAttribute('width')).toBe(
      '1000',
    );
    await check(page, 'report');
    const csvHref = (await page.locator('[data-csv]').getAttribute('href'))!;
    const reportCsv = await page.evaluate(async (href) => (await fetch(href)).text(), csvHref);
    expect(reportCsv.split('\r\n')).toContain('rapid reviews,still open,1');

    // A learning action from the case: agreed, read, and recorded done with its evidence.
    await submit(page, 'nav a:has-text("Actions")');
    await submit(page, 'a:has-text("Agree a learning action")');
    await check(page, 'agree-an-action');
    await submit(page, 'button:has-text("Agree the action")');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('caseId');
    await page.fill('#agree-caseReference', 'DUD-WEB-2');
    await page.fill('#agree-reference', 'LA-WEB-1');
    await page.selectOption('#agree-source', 'rapid-review');
    await page.fill('#agree-recommendation', 'Share neglect concerns at the first strategy meeting');
    await page.fill('#agree-action', 'update the neglect escalation procedure');
    await page.selectOption('#agree-owner', 'dudley-ccg');
    await page.fill('#agree-dueDate', formatIsoDate(parseIsoDate(today) + 20));
    await submit(page, 'button:has-text("Agree the action")');
    expect(new URL(page.url()).pathname).toBe(`/actions/${idPath(actionIdFor('dudley', 'LA-WEB-1'))}`);
    await expect
      .poll(async () => {
        await page.reload();
        return (await page.locator('.govuk-summary-list').allTextContents()).join();
      })
      .toContain('the joint Learning and Improvement sub-group (LIG)');
    await check(page, 'action');
    await page.fill('#completion-doneOn', today);
    await page.fill('#completion-evidence', 'procedure v4 published');
    await submit(page, 'button:has-text("Record it done")');
    expect(await page.locator('.govuk-summary-list').textContent()).toContain(
      `${today}: procedure v4 published`,
    );
    expect(await page.locator('#form-completion').count()).toBe(0);
    await expect
      .poll(async () => {
        await page.goto(`${stack.api.url}/actions`);
        return (
          await page.locator(`[data-row="${actionIdFor('dudley', 'LA-WEB-1')}"]`).allTextContents()
        ).join();
      })
      .toContain('done');

    // The rapid review now runs (15 working days): it is on the upcoming page and in the feed.
    await submit(page, 'a:has-text("Upcoming")');
    await check(page, 'upcoming');
    expect(
      await page.locator(`[data-upcoming="${caseIdFor('dudley', 'DUD-WEB-2')}:rapidReview"]`).count(),
    ).toBe(1);
    const feedUrl = (await page.locator('[data-feed]').textContent())!.trim();
    const feed = await fetch(feedUrl); // as Outlook fetches it: no session cookie
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = await feed.text();
    expect(ics).toContain(`UID:${caseIdFor('dudley', 'DUD-WEB-2')}.rapidReview@case-review`);
    expect(ics).toContain('SUMMARY:DUD-WEB-2: rapid review due');
    expect((await fetch(feedUrl.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).status).toBe(403);
    await page.close();
  });

  it('lists notices, complaints and meetings, and answers a browser with pages for errors', async () => {
    const page = await browser.newPage();
    await signIn(page, 'business-manager', 'dudley');
    for (const [name, heading] of [
      ['notices', 'Notices'],
      ['complaints', 'Complaints'],
      ['meetings', 'Meetings'],
    ] as const) {
      await submit(page, `nav a:has-text("${heading}")`);
      expect(await page.locator('h1').textContent()).toBe(heading);
      await check(page, name);
    }
    expect(await page.locator('[data-row]').count()).toBe(0); // no meetings yet
    await page.goto(`${stack.api.url}/notices`);
    expect(await page.locator('[data-row]').count()).toBeGreaterThan(0); // the first test's notices
    const missing = await page.goto(`${stack.api.url}/no-such-page`);
    expect(missing?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    await check(page, 'not-found');
    const durham = await page.goto(`${stack.api.url}/cases/${idPath(caseIdFor('durham', 'NOT-MINE'))}`);
    expect(durham?.status()).toBe(404);
    await page.close();
  });

  it("shows a case's local review and takes its decisions", { timeout: 120_000 }, async () => {
    // Drive a case to its local review over the API, as the people who decide it would.
    const today = londonDate(new Date());
    const api = async (path: string, body: unknown, role: Role, partnerId?: string) => {
      const res = await fetch(`${stack.api.url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(await bearer(stack.dataDir, role, {
            partnerships: ['dudley'],
            ...(partnerId && { partnerId }),
          })),
        },
        body: JSON.stringify(body),
      });
      expect(res.status, await res.clone().text()).toBeLessThan(300);
    };
    await api(
      '/api/cases',
      {
        partnership: 'dudley',
        reference: 'DUD-WEB-3',
        awareAt: today,
        abuseOrNeglectSuspected: true,
        childDied: true,
        seriouslyHarmed: false,
      },
      'safeguarding-lead',
    );
    const id = caseIdFor('dudley', 'DUD-WEB-3');
    await api(
      `/api/cases/${id}/notification-decision`,
      { outcome: 'notified', notifiedOn: today },
      'safeguarding-lead',
    );
    await api(
      `/api/cases/${id}/rapid-review`,
      { completedOn: today, format: 'meeting' },
      'safeguarding-lead',
    );
    for (const partnerId of ['dudley-mbc', 'west-midlands-police']) {
      await api(
        `/api/cases/${id}/votes`,
        { partnerId, vote: 'local-cspr', rationale: 'learning', votedOn: today },
        'partner-representative',
        partnerId,
      );
    }
    await api(`/api/cases/${id}/panel-response`, { receivedOn: today, response: 'agrees' }, 'panel-liaison');

    const page = await browser.newPage();
    await signIn(page, 'business-manager', 'dudley');
    await expect
      .poll(async () => {
        await page.goto(`${stack.api.url}/cases/${id}`);
        return page.locator('#local-review').count();
      })
      .toBe(1);
    expect(await page.locator('[data-review-deadline=csprPublication]').count()).toBe(1);
    await page.fill('#local-review-reviewer-commissionedOn', today);
    await page.fill('#local-review-reviewer-reviewer', 'Independent Reviews Ltd');
    await page.check('#local-review-reviewer-independent-2'); // No
    await page.fill('#local-review-reviewer-termsOfReference', 'the year before the incident');
    await submit(page, 'button:has-text("Record the commission")');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('independent');
    await check(page, 'case-review-errors');
    await page.check('#local-review-reviewer-independent');
    await submit(page, 'button:has-text("Record the commission")');
    expect(await page.locator('#form-local-review-drafts').count()).toBe(1);
    // The review asks an agency for its information, from its own form.
    await page.selectOption('#local-review-agency-returns-agency', 'dudley-ccg');
    await page.fill('#local-review-agency-returns-requestedOn', today);
    await page.fill('#local-review-agency-returns-contactName', 'Designated nurse');
    await page.fill('#local-review-agency-returns-contactEmail', 'nurse@ccg.example');
    await submit(page, 'button:has-text("Request the information")');
    expect(
      await page.locator('#local-review-agency-returns [data-return=dudley-ccg]').textContent(),
    ).toContain('requested');
    expect(await page.locator('#form-local-review-agency-return-receipts').count()).toBe(1);
    await check(page, 'case-review');
    await page.close();
  });

  it('starts a case of another kind, refusing one that is not of its kind, and shows its kind', async () => {
    const page = await browser.newPage();
    await signIn(page, 'safeguarding-lead', 'kirklees');
    await page.goto(`${stack.api.url}/cases/new`);
    const start = async (age: string) => {
      await page.fill('#reference', 'KIR-CL-1');
      await page.selectOption('#caseType', 'care-leaver-death');
      await page.fill('#awareAt', londonDate(new Date()));
      await page.check('input[name=facts][value=childDied]');
      await page.fill('#ageAtDeath', age);
      await submit(page, 'button:has-text("Start the case")');
    };
    await start('25');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'ageAtDeath: must be at most 24',
    );
    await check(page, 'start-a-case-kind-errors');
    await start('23');
    expect(new URL(page.url()).pathname).toBe(`/cases/${idPath(caseIdFor('kirklees', 'KIR-CL-1'))}`);
    expect(await page.locator('.govuk-summary-list').textContent()).toContain("A care leaver's death");
    await expect
      .poll(async () => {
        await page.goto(`${stack.api.url}/cases`);
        // allTextContents does not wait for the row, as textContent would (for 30 s).
        return page
          .locator(`[data-case="${caseIdFor('kirklees', 'KIR-CL-1')}"] [data-kind]`)
          .allTextContents();
      })
      .toEqual(["A care leaver's death"]);
    await check(page, 'cases-with-kinds');
    await page.close();
  });

  it('refuses a form posted without the session’s CSRF token', async () => {
    const page = await browser.newPage();
    await signIn(page, 'safeguarding-lead', 'durham');
    const status = await page.evaluate(async () => {
      const res = await fetch('/cases/new', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'partnership=durham&reference=X&awareAt=2026-11-02',
      });
      return res.status;
    });
    expect(status).toBe(403);
    await page.close();
  });

  it(
    'signs a partner representative in for their partner, who votes for it and no other',
    { timeout: 120_000 },
    async () => {
      const id = caseIdFor('dudley', 'DUD-WEB-VOTE');
      const manager = await bearer(stack.dataDir, 'business-manager', { partnerships: ['dudley'] });
      const api = (route: string, body: unknown) =>
        fetch(`${stack.api.url}${route}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...manager },
          body: JSON.stringify(body),
        });
      const today = londonDate(new Date());
      expect(
        (
          await api('/api/cases', {
            partnership: 'dudley',
            reference: 'DUD-WEB-VOTE',
            awareAt: today,
            abuseOrNeglectSuspected: true,
            childDied: false,
            seriouslyHarmed: true,
          })
        ).status,
      ).toBe(201);
      await api(`/api/cases/${id}/notification-decision`, { outcome: 'notified', notifiedOn: today });
      expect(
        (await api(`/api/cases/${id}/rapid-review`, { completedOn: today, format: 'meeting' })).status,
      ).toBe(200);

      const page = await browser.newPage();
      await page.goto(`${stack.api.url}/sign-in`);
      await page.fill('#userId', 'police-rep');
      await page.check('input[name=role][value=partner-representative]');
      await page.check('input[name=partnerships][value=dudley]');
      await submit(page, 'button:has-text("Sign in")');
      // A partner representative must say whom they vote for.
      expect(await page.locator('.govuk-error-summary').textContent()).toContain('partner you vote for');
      await signIn(page, 'partner-representative', 'dudley', 'west-midlands-police');
      await page.goto(`${stack.api.url}/cases/${idPath(id)}`);
      await page.selectOption('#votes-partnerId', 'dudley-mbc');
      await page.selectOption('#votes-vote', 'local-cspr');
      await page.fill('#votes-rationale', 'learning for the police');
      await page.fill('#votes-votedOn', today);
      await submit(page, '#form-votes + form button');
      expect(await page.locator('h1').textContent()).toBe('You cannot do that');
      await page.goto(`${stack.api.url}/cases/${idPath(id)}`);
      await page.selectOption('#votes-partnerId', 'west-midlands-police');
      await page.selectOption('#votes-vote', 'local-cspr');
      await page.fill('#votes-rationale', 'learning for the police');
      await page.fill('#votes-votedOn', today);
      await submit(page, '#form-votes + form button');
      expect(new URL(page.url()).pathname).toBe(`/cases/${idPath(id)}`);
      const view = (await (await fetch(`${stack.api.url}/api/cases/${id}`, { headers: manager })).json()) as {
        decision: { votes: { partnerId: string }[] };
      };
      expect(view.decision.votes.map((v) => v.partnerId)).toEqual(['west-midlands-police']);
      await page.close();
    },
  );

  it('ends a session at sign-out: the old cookie opens no page and is no bearer token', async () => {
    const page = await browser.newPage();
    await signIn(page, 'business-manager', 'dudley');
    const session = (await page.context().cookies()).find((c) => c.name === 'case_review_session')!.value;
    const asBearer = () =>
      fetch(`${stack.api.url}/api/cases?partnership=dudley`, {
        headers: { authorization: `Bearer ${session}` },
      });
    expect((await asBearer()).status).toBe(200);
    await submit(page, 'button:has-text("Sign out")');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect((await asBearer()).status).toBe(401);
    const again = await fetch(`${stack.api.url}/cases`, {
      headers: { cookie: `case_review_session=${session}` },
      redirect: 'manual',
    });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/sign-in');
    await page.close();
  });

  it('refuses a sign-in posted from anywhere but its own form', async () => {
    const forged = await fetch(`${stack.api.url}/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://elsewhere.example' },
      body: 'userId=bm-1&role=business-manager&partnerships=dudley',
      redirect: 'manual',
    });
    expect(forged.status).toBe(403);
    const noToken = await fetch(`${stack.api.url}/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'userId=bm-1&role=business-manager&partnerships=dudley',
      redirect: 'manual',
    });
    expect(noToken.status).toBe(403);
    expect(noToken.headers.get('set-cookie') ?? '').not.toContain('case_review_session=ey');
  });
});
