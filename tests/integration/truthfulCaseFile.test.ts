/**
 * Issue 21's "done when", against the stack `npm start` runs (the dev server, a worker and
 * the API, tests/helpers/stack.ts), in real time: a Durham case aware on 2026-10-01 refuses
 * an extension of its breached notification and, once notified, reads met-late; a 2-2 vote
 * among Derby and Derbyshire's partners shows the tie and the independent chair's route
 * resolves it; when the Panel agrees, the safeguarding partners get a notice; a care leaver's
 * death sends its notification to the Secretary of State and Ofsted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonDate } from '../../src/calendar/london';
import { caseIdFor } from '../../src/ids';
import { bearer } from '../helpers/auth';
import { type TestStack, startTestStack } from '../helpers/stack';

let stack: TestStack;
let lead: Record<string, string>;
let manager: Record<string, string>;
beforeAll(async () => {
  stack = await startTestStack();
  lead = await bearer(stack.dataDir, 'safeguarding-lead', { userId: 'lead-1' });
  manager = await bearer(stack.dataDir, 'business-manager', { userId: 'bm-1' });
});
afterAll(async () => {
  await stack?.stop();
});

interface Answer {
  stage?: string;
  status?: string;
  deadlines?: { key: string; state: string; dueDate: string; lateAgainstStatute?: boolean }[];
  decision?: { tied: boolean; outcome?: string; tie?: { since: string } };
  errors?: { field: string }[];
  detail?: string;
}

async function call(method: string, path: string, body?: unknown, headers = lead) {
  const res = await fetch(`${stack.api.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Answer };
}
const post = (path: string, body: unknown, headers = lead) => call('POST', path, body, headers);
const view = async (id: string) => (await call('GET', `/api/cases/${id}`)).body;
const deadline = (a: Answer, key: string) => a.deadlines!.find((d) => d.key === key)!;

async function start(body: Record<string, unknown>): Promise<string> {
  const started = await post('/api/cases', {
    abuseOrNeglectSuspected: true,
    childDied: false,
    seriouslyHarmed: true,
    ...body,
  });
  expect(started.status).toBe(201);
  return caseIdFor(body.partnership as string, body.reference as string);
}

/** The roles each notice of a case went to, by type, from the outbox through the API. */
async function noticesOf(id: string): Promise<Record<string, string[]>> {
  const res = await fetch(`${stack.api.url}/api/notices?caseId=${encodeURIComponent(id)}`, {
    headers: manager,
  });
  const { notices } = (await res.json()) as { notices: { type: string; to: { role: string }[] }[] };
  return Object.fromEntries(notices.map((n) => [n.type, n.to.map((r) => r.role)]));
}

const partner = (partnerId: string) =>
  bearer(stack.dataDir, 'partner-representative', { userId: `rep-${partnerId}`, partnerId });

describe('the truthful case file on the running stack', () => {
  it('a Durham case aware on 2026-10-01 refuses to extend its breached notification, and once notified reads met-late', async () => {
    const today = londonDate(new Date());
    const id = await start({ partnership: 'durham', reference: 'DUR-2610', awareAt: '2026-10-01' });
    await expect
      .poll(async () => deadline(await view(id), 'notification')?.state, { timeout: 20_000 })
      .toBe('breached');
    expect(deadline(await view(id), 'notification').dueDate).toBe('2026-10-08');

    const refused = await post(
      `/api/cases/${id}/extensions`,
      { key: 'notification', newDueDate: today, reason: 'awaiting the police', approvedOn: today },
      manager,
    );
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'key' })]);
    expect(refused.body.detail).toContain('cannot be extended');

    await post(`/api/cases/${id}/consideration-meeting`, { heldOn: '2026-10-02', criteriaMet: true });
    const notified = await post(`/api/cases/${id}/notification-decision`, {
      outcome: 'notified',
      notifiedOn: today,
    });
    expect(deadline(notified.body, 'notification')).toMatchObject({
      state: 'met-late',
      dueDate: '2026-10-08',
      lateAgainstStatute: true,
    });
  });

  it("a 2-2 vote among Derby and Derbyshire's partners shows the tie, and the independent chair's route resolves it", async () => {
    const today = londonDate(new Date());
    const id = await start({ partnership: 'derby-derbyshire', reference: 'DD-TIE', awareAt: today });
    await post(`/api/cases/${id}/notification-decision`, { outcome: 'notified', notifiedOn: today });
    await post(`/api/cases/${id}/rapid-review`, { completedOn: today, format: 'meeting' });
    const votes = [
      ['derby-city-council', 'local-cspr'],
      ['derbyshire-county-council', 'local-cspr'],
      ['derbyshire-constabulary', 'no-review'],
      ['derby-derbyshire-icb', 'no-review'],
    ] as const;
    // The Child Safeguarding Practice Review Group meets, quorate (000 §11.2).
    const meeting = { heldOn: today, represented: votes.map(([p]) => p), members: 6, chairedBy: 'chair' };
    expect((await post(`/api/cases/${id}/decision-meeting`, meeting, manager)).status).toBe(200);
    let tied: Answer = {};
    for (const [partnerId, vote] of votes) {
      const reply = await post(
        `/api/cases/${id}/votes`,
        { partnerId, vote, rationale: 'as discussed at the executive board', votedOn: today },
        await partner(partnerId),
      );
      expect(reply.status).toBe(200);
      tied = reply.body;
    }
    expect(tied.decision).toMatchObject({ tied: true, tie: { since: today } });
    expect(deadline(tied, 'tieResolution').state).toBe('pending');

    const resolved = await post(
      `/api/cases/${id}/tie-resolution`,
      {
        resolution: 'outcome',
        decidedOn: today,
        outcome: 'local-cspr',
        rationale: 'the learning about agencies working together outweighs the cost',
      },
      await bearer(stack.dataDir, 'independent-chair', { userId: 'ic-1' }),
    );
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ stage: 'panel-response', decision: { outcome: 'local-cspr' } });
    expect(deadline(resolved.body, 'tieResolution').state).toBe('met');
  });

  it('when the Panel agrees, the safeguarding partners get a notice', async () => {
    const today = londonDate(new Date());
    const id = await start({ partnership: 'dudley', reference: 'DUD-AGREE', awareAt: today });
    await post(`/api/cases/${id}/notification-decision`, { outcome: 'notified', notifiedOn: today });
    await post(`/api/cases/${id}/rapid-review`, { completedOn: today, format: 'meeting' });
    for (const partnerId of ['dudley-mbc', 'west-midlands-police'])
      await post(
        `/api/cases/${id}/votes`,
        { partnerId, vote: 'no-review', rationale: 'no further learning', votedOn: today },
        await partner(partnerId),
      );
    const agreed = await post(
      `/api/cases/${id}/panel-response`,
      { receivedOn: today, response: 'agrees' },
      await bearer(stack.dataDir, 'panel-liaison', { userId: 'pl-1' }),
    );
    expect(agreed.status).toBe(200);
    await expect
      .poll(async () => (await noticesOf(id))['panel-agrees'], { timeout: 20_000 })
      .toEqual(['safeguarding-partners', 'business-manager']);
  });

  it("a care leaver's death sends its notification to the Secretary of State and Ofsted", async () => {
    const today = londonDate(new Date());
    const id = await start({
      partnership: 'durham',
      reference: 'DUR-CL',
      awareAt: today,
      caseType: 'care-leaver-death',
      ageAtDeath: 22,
      abuseOrNeglectSuspected: false,
      childDied: true,
      seriouslyHarmed: false,
    });
    await post(`/api/cases/${id}/notification-decision`, { outcome: 'notified', notifiedOn: today });
    await expect
      .poll(async () => (await noticesOf(id))['incident-notified'], { timeout: 20_000 })
      .toEqual(['secretary-of-state', 'ofsted']);
    await expect.poll(async () => (await view(id)).status, { timeout: 20_000 }).toBe('closed');
  });
});
