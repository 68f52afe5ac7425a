/**
 * Free text typed into decisions (rationales, reasons, justifications) can name a child or a
 * family. It belongs in the case's own record and nowhere else: this test types a sentinel
 * name into every free-text field of a case's life, then scans the search attributes every
 * list and dashboard reads, and the subjects of every notice sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIsoDate, parseIsoDate } from '../../src/calendar';
import { londonDate } from '../../src/calendar/london';
import type { Role } from '../../src/case/types';
import { OutboxNotifier, outboxDir } from '../../src/notify/outbox';
import { bearer } from '../helpers/auth';
import { type TestStack, startTestStack } from '../helpers/stack';

const SENTINEL = 'Jayden Sentinel-Smith';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function post(path: string, body: unknown, role: Role, partnerId?: string) {
  const res = await fetch(`${stack.api.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(await bearer(stack.dataDir, role, { partnerships: ['dudley'], ...(partnerId && { partnerId }) })),
    },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return (await res.json()) as { deadlines?: { key: string; dueDate: string }[] };
}

describe('personal data typed into decisions', () => {
  it('stays out of search attributes and notice subjects', { timeout: 60_000 }, async () => {
    const today = londonDate(new Date());
    const id = 'case-dudley-PD-1';
    await post(
      '/api/cases',
      {
        partnership: 'dudley',
        reference: 'PD-1',
        awareAt: today,
        abuseOrNeglectSuspected: true,
        childDied: false,
        seriouslyHarmed: true,
      },
      'safeguarding-lead',
    );
    const notified = await post(
      `/api/cases/${id}/notification-decision`,
      { outcome: 'notified', notifiedOn: today },
      'safeguarding-lead',
    );
    const rapid = notified.deadlines!.find((d) => d.key === 'rapidReview')!;
    await post(
      `/api/cases/${id}/extensions`,
      {
        key: 'rapidReview',
        newDueDate: formatIsoDate(parseIsoDate(rapid.dueDate) + 7),
        reason: `${SENTINEL}'s school records are late`,
      },
      'business-manager',
    );
    await post(
      `/api/cases/${id}/rapid-review`,
      { completedOn: today, format: 'meeting' },
      'safeguarding-lead',
    );
    for (const partnerId of ['dudley-mbc', 'west-midlands-police']) {
      await post(
        `/api/cases/${id}/votes`,
        { partnerId, vote: 'no-review', rationale: `${SENTINEL} was known to services` },
        'partner-representative',
        partnerId,
      );
    }
    await post(
      `/api/cases/${id}/panel-response`,
      { receivedOn: today, response: 'disagrees' },
      'panel-liaison',
    );
    await post(
      `/api/cases/${id}/reconsideration`,
      { decidedOn: today, outcome: 'adhere', justification: `${SENTINEL}'s family have moved away` },
      'business-manager',
    );

    // The record keeps it, as it should: the case file is where it belongs.
    const view = await (
      await fetch(`${stack.api.url}/api/cases/${id}`, { headers: await bearer(stack.dataDir, 'viewer') })
    ).text();
    expect(view).toContain(SENTINEL);

    // Visibility: what every list, the dashboard and the metrics read.
    const attributes = (await stack.client.workflow.getHandle(id).describe()).typedSearchAttributes;
    const values = attributes.getAll().map((pair) => String(pair.value));
    expect(values.length).toBeGreaterThan(3);
    expect(values.join(' ')).not.toContain('Sentinel');

    // Notices: subjects travel in mail headers and lists; none may carry the free text.
    const notices = await new OutboxNotifier(outboxDir(stack.dataDir)).list({ caseId: id });
    expect(notices.length).toBeGreaterThan(4);
    expect(notices.map((n) => n.subject).join('\n')).not.toContain('Sentinel');
  });
});
