/**
 * One case driven through the whole of steps 1-4 over HTTP, on the dev server with a worker:
 * decisions as routes, refusals as 401/409/422 problem+json, the list from visibility, and
 * the notices from the outbox.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIsoDate, parseIsoDate } from '../../src/calendar';
import { londonDate } from '../../src/calendar/london';
import { bearer } from '../helpers/auth';
import { type TestStack, startTestStack } from '../helpers/stack';
import { testPayloadKeys } from '../helpers/temporal';
import { caseIdFor } from '../../src/ids';
import { loadPolicies } from '../../src/policy/registry';
import { actionIdFor } from '../../src/client/learningActionService';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  asLead = await bearer(stack.dataDir, 'safeguarding-lead', { userId: 'lead-1' });
  asLiaison = await bearer(stack.dataDir, 'panel-liaison', { userId: 'pl-1' });
  asManager = await bearer(stack.dataDir, 'business-manager', { userId: 'bm-1' });
  asViewer = await bearer(stack.dataDir, 'viewer', { userId: 'v-1' });
});
afterAll(async () => {
  await stack?.stop();
});

let asLead: Record<string, string>;
let asLiaison: Record<string, string>;
let asManager: Record<string, string>;
let asViewer: Record<string, string>;
const asPartnerOf = (partnerId: string) =>
  bearer(stack.dataDir, 'partner-representative', { partnerId, userId: 'rep-1' });

/** The parts of a case view or problem the test reads. */
interface Answer {
  stage?: string;
  status?: string;
  deadlines: {
    key: string;
    state: string;
    dueDate: string;
    extension?: { dueDate: string };
    changes: { reason: string }[];
  }[];
  timeline: { type: string; actor?: unknown }[];
  errors?: { field: string }[];
}

async function post(path: string, body: unknown, headers: Record<string, string> = asLead) {
  const res = await fetch(`${stack.api.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: (await res.json()) as Answer,
  };
}

describe('agency returns over the API', () => {
  it("requests an agency's information with the pack's terms, refuses what does not fit, and records it", async () => {
    const today = londonDate(new Date());
    const id = caseIdFor('dudley', 'DUD-RET');
    expect(
      (
        await post('/api/cases', {
          partnership: 'dudley',
          reference: 'DUD-RET',
          awareAt: today,
          abuseOrNeglectSuspected: true,
          childDied: false,
          seriouslyHarmed: true,
        })
      ).status,
    ).toBe(201);
    await post(`/api/cases/${id}/notification-decision`, { outcome: 'notified', notifiedOn: today });
    const route = `/api/cases/${id}/agency-returns`;
    const contact = { name: 'Public Protection Unit', email: 'ppu@police.example' };

    // Unknown to the pack, and (Dudley's pack naming no contact) without one: 422 naming the field.
    const unknown = await post(route, { agency: 'hogwarts', requestedOn: today, contact }, asManager);
    expect([unknown.status, unknown.body.errors?.map((e) => e.field)]).toEqual([422, ['agency']]);
    const noContact = await post(route, { agency: 'west-midlands-police', requestedOn: today }, asManager);
    expect([noContact.status, noContact.body.errors?.map((e) => e.field)]).toEqual([422, ['contact']]);
    // A lead may not; the body is checked like any other.
    expect((await post(route, { agency: 'west-midlands-police', requestedOn: today, contact })).status).toBe(
      403,
    );
    const badEmail = await post(
      route,
      { agency: 'west-midlands-police', requestedOn: today, contact: { name: 'x', email: 'no' } },
      asManager,
    );
    expect(badEmail.status).toBe(400);

    const requested = await post(
      route,
      { agency: 'west-midlands-police', requestedOn: today, contact },
      asManager,
    );
    expect(requested.status).toBe(200);
    const returns = (requested.body as unknown as { returns: Record<string, unknown>[] }).returns;
    expect(returns).toEqual([
      expect.objectContaining({
        agency: 'west-midlands-police',
        agencyName: 'West Midlands Police',
        state: 'requested',
        required: true,
        // The pack's (national default) 5 working days.
        dueDate: requested.body.deadlines.find((d) => d.key === 'agency-return:west-midlands-police')!
          .dueDate,
      }),
    ]);
    const again = await post(
      route,
      { agency: 'west-midlands-police', requestedOn: today, contact },
      asManager,
    );
    expect(again.status).toBe(409);

    const held = await post(
      `/api/cases/${id}/rapid-review`,
      { completedOn: today, format: 'meeting' },
      asManager,
    );
    expect(held.status).toBe(409);
    const received = await post(
      `/api/cases/${id}/agency-return-receipts`,
      { agency: 'west-midlands-police', receivedOn: today },
      asManager,
    );
    expect((received.body as unknown as { returns: { state: string }[] }).returns[0]!.state).toBe('received');
    expect(
      (await post(`/api/cases/${id}/rapid-review`, { completedOn: today, format: 'meeting' }, asManager)).body
        .stage,
    ).toBe('review-decision');
  });
});

describe('learning actions over the API', () => {
  it("agrees an action for a case's agency, refuses what does not fit, lists it, and records it done", async () => {
    const today = londonDate(new Date());
    const due = formatIsoDate(parseIsoDate(today) + 28);
    expect(
      (
        await post('/api/cases', {
          partnership: 'dudley',
          reference: 'DUD-LA',
          awareAt: today,
          abuseOrNeglectSuspected: true,
          childDied: false,
          seriouslyHarmed: true,
        })
      ).status,
    ).toBe(201);
    const body = {
      partnership: 'dudley',
      reference: 'LA-1',
      caseId: caseIdFor('dudley', 'DUD-LA'),
      source: 'rapid-review',
      recommendation: 'Share neglect concerns at the first strategy meeting',
      action: 'update the neglect escalation procedure',
      owner: 'dudley-ccg',
      dueDate: due,
    };
    const refusedFor = async (change: Record<string, unknown>) => {
      const res = await post('/api/actions', { ...body, ...change }, asManager);
      return [res.status, res.body.errors?.map((e) => e.field)];
    };
    expect(await refusedFor({ owner: 'hogwarts' })).toEqual([422, ['owner']]);
    expect(await refusedFor({ caseId: caseIdFor('dudley', 'NOPE') })).toEqual([422, ['caseId']]);
    expect(await refusedFor({ caseId: caseIdFor('durham', 'DUD-LA') })).toEqual([422, ['caseId']]);
    expect(await refusedFor({ dueDate: formatIsoDate(parseIsoDate(today) - 1) })).toEqual([422, ['dueDate']]);
    expect(await refusedFor({ source: 'gossip' })).toEqual([400, ['source']]);
    expect((await post('/api/actions', body)).status).toBe(403); // a lead does not agree actions

    const agreed = await post('/api/actions', body, asManager);
    expect(agreed.status).toBe(201);
    expect(agreed.body).toMatchObject({ id: actionIdFor('dudley', 'LA-1'), stage: 'open', status: 'open' });
    await expect
      .poll(async () => {
        const res = await fetch(`${stack.api.url}/api/actions?partnership=dudley&status=open`, {
          headers: asManager,
        });
        return ((await res.json()) as { items: { id: string }[] }).items.map((i) => i.id);
      })
      .toContain(actionIdFor('dudley', 'LA-1'));
    // Read from the workflow once it has planned its clock.
    await expect
      .poll(async () =>
        (
          await fetch(`${stack.api.url}/api/actions/${actionIdFor('dudley', 'LA-1')}`, { headers: asViewer })
        ).json(),
      )
      .toMatchObject({
        owner: { agency: 'dudley-ccg', agencyName: 'Dudley Clinical Commissioning Group' },
        overseenBy: 'the joint Learning and Improvement sub-group (LIG)',
        deadlines: [expect.objectContaining({ key: 'learningAction', dueDate: due, state: 'pending' })],
      });
    const done = await post(
      `/api/actions/${actionIdFor('dudley', 'LA-1')}/completion`,
      { doneOn: today, evidence: 'procedure v4 published' },
      asManager,
    );
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ stage: 'done', status: 'closed' });
  });
});

describe('deciding a case over the API', () => {
  it('drives a Dudley case from awareness to a commissioned local review', async () => {
    const today = londonDate(new Date());
    const id = caseIdFor('dudley', 'DUD-42');
    const created = await post('/api/cases', {
      partnership: 'dudley',
      reference: 'DUD-42',
      awareAt: today,
      abuseOrNeglectSuspected: true,
      childDied: false,
      seriouslyHarmed: true,
    });
    expect(created.status).toBe(201);

    const anonymous = await post(
      `/api/cases/${id}/notification-decision`,
      { outcome: 'notified', notifiedOn: today },
      {},
    );
    expect(anonymous.status).toBe(401);
    expect(anonymous.type).toMatch(/problem\+json/);

    const otherPartner = await post(
      `/api/cases/${id}/votes`,
      { partnerId: 'west-midlands-police', vote: 'no-review', rationale: 'r', votedOn: today },
      await asPartnerOf('dudley-mbc'),
    );
    expect(otherPartner.status).toBe(403);
    const otherPartnership = await post(
      `/api/cases/${id}/notification-decision`,
      { outcome: 'notified', notifiedOn: today },
      await bearer(stack.dataDir, 'safeguarding-lead', { partnerships: ['durham'] }),
    );
    // Another partnership's case is answered as one that does not exist.
    expect(otherPartnership.status).toBe(404);

    const tooEarly = await post(
      `/api/cases/${id}/votes`,
      { partnerId: 'dudley-mbc', vote: 'no-review', rationale: 'r', votedOn: today },
      await asPartnerOf('dudley-mbc'),
    );
    expect(tooEarly.status).toBe(409);

    const notified = await post(`/api/cases/${id}/notification-decision`, {
      outcome: 'notified',
      notifiedOn: today,
    });
    expect(notified.status).toBe(200);
    expect(notified.body.stage).toBe('rapid-review');
    expect(notified.body.timeline.find((e) => e.type === 'notified')?.actor).toEqual({
      userId: 'lead-1',
      role: 'safeguarding-lead',
    });

    const virtual = await post(`/api/cases/${id}/rapid-review`, {
      completedOn: today,
      format: 'virtual-panel',
    });
    expect(virtual.status).toBe(422);
    expect(virtual.body.errors).toEqual([expect.objectContaining({ field: 'format' })]);

    expect(
      (await post(`/api/cases/${id}/rapid-review`, { completedOn: today, format: 'meeting' })).body.stage,
    ).toBe('review-decision');
    const stranger = await post(
      `/api/cases/${id}/votes`,
      { partnerId: 'mi5', vote: 'local-cspr', rationale: 'r', votedOn: today },
      asManager,
    );
    expect(stranger.status).toBe(422);
    expect(stranger.body.errors?.[0]?.field).toBe('partnerId');
    const badBody = await post(
      `/api/cases/${id}/votes`,
      { partnerId: 'dudley-mbc', vote: 'maybe' },
      await asPartnerOf('dudley-mbc'),
    );
    expect(badBody.status).toBe(400);

    await post(
      `/api/cases/${id}/votes`,
      { partnerId: 'dudley-mbc', vote: 'local-cspr', rationale: 'learning', votedOn: today },
      await asPartnerOf('dudley-mbc'),
    );
    const decided = await post(
      `/api/cases/${id}/votes`,
      { partnerId: 'west-midlands-police', vote: 'local-cspr', rationale: 'learning', votedOn: today },
      await asPartnerOf('west-midlands-police'),
    );
    expect(decided.body).toMatchObject({ stage: 'panel-response', decision: { outcome: 'local-cspr' } });

    await expect
      .poll(async () => {
        const res = await fetch(
          `${stack.api.url}/api/cases?partnership=dudley&stage=panel-response&status=open`,
          { headers: asViewer },
        );
        return ((await res.json()) as { cases: { id: string }[] }).cases.map((c) => c.id);
      })
      .toEqual([id]);

    const agreed = await post(
      `/api/cases/${id}/panel-response`,
      { receivedOn: today, response: 'agrees' },
      asLiaison,
    );
    expect(agreed.body).toMatchObject({ stage: 'local-review', status: 'open' });

    const notices = async () =>
      (
        (await (await fetch(`${stack.api.url}/api/notices?caseId=${id}`, { headers: asLiaison })).json()) as {
          notices: { type: string; to: { role: string }[]; subject: string }[];
        }
      ).notices;
    // Notices go out side by side, so they are listed in the order they were delivered.
    await expect
      .poll(async () => (await notices()).map((n) => n.type).sort())
      .toEqual([
        'case-started',
        'decision-outcome',
        'incident-notified',
        'panel-agrees',
        'rapid-review-complete',
        'review-commissioned',
        'review-decision',
      ]);
    expect((await notices()).every((n) => n.subject.includes('DUD-42'))).toBe(true);
    expect((await fetch(`${stack.api.url}/api/cases/${id}/cspr`, { headers: asViewer })).status).toBe(200);

    const badFilter = await fetch(`${stack.api.url}/api/cases?stage=limbo`, { headers: asViewer });
    expect(badFilter.status).toBe(400);
  });
});

async function startCase(reference: string, partnership: string, awareAt: string): Promise<string> {
  const created = await post('/api/cases', {
    partnership,
    reference,
    awareAt,
    abuseOrNeglectSuspected: true,
    childDied: true,
    seriouslyHarmed: false,
  });
  expect(created.status).toBe(201);
  return caseIdFor(partnership, reference);
}

describe('extensions and reconsideration over the API', () => {
  it('extends a deadline with the approver, and records the reconsideration after the Panel disagrees', async () => {
    const today = londonDate(new Date());
    const id = await startCase('DUR-7', 'durham', today);
    await post(`/api/cases/${id}/consideration-meeting`, { heldOn: today, criteriaMet: true });
    const notified = await post(`/api/cases/${id}/notification-decision`, {
      outcome: 'notified',
      notifiedOn: today,
    });
    const rapid = notified.body.deadlines.find((d) => d.key === 'rapidReview')!;
    const extension = {
      key: 'rapidReview',
      newDueDate: formatIsoDate(
        loadPolicies().calendar('durham').addWorkingDays(parseIsoDate(rapid.dueDate), 5),
      ),
      reason: 'police chronology awaited',
      approvedOn: today,
    };

    // The route refuses a lead (403); the workflow's own check is tested on the time-skipping server.
    const byLead = await post(`/api/cases/${id}/extensions`, extension);
    expect(byLead.status).toBe(403);
    const notLater = await post(
      `/api/cases/${id}/extensions`,
      { ...extension, newDueDate: rapid.dueDate },
      asManager,
    );
    expect(notLater.status).toBe(422);
    expect(notLater.body.errors?.[0]?.field).toBe('newDueDate');
    const extended = await post(`/api/cases/${id}/extensions`, extension, asManager);
    expect(extended.status).toBe(200);
    // Beside the statutory date, never in its place.
    expect(extended.body.deadlines.find((d) => d.key === 'rapidReview')).toMatchObject({
      state: 'extended',
      dueDate: rapid.dueDate,
      extension: { dueDate: extension.newDueDate },
      changes: [expect.objectContaining({ reason: extension.reason })],
    });

    await post(`/api/cases/${id}/rapid-review`, { completedOn: today, format: 'meeting' }, asManager);
    for (const partnerId of ['durham-county-council', 'durham-constabulary']) {
      await post(
        `/api/cases/${id}/votes`,
        { partnerId, vote: 'no-review', rationale: 'criteria not met', votedOn: today },
        await asPartnerOf(partnerId),
      );
    }
    const early = await post(
      `/api/cases/${id}/reconsideration`,
      { decidedOn: today, outcome: 'adhere', justification: 'x' },
      asManager,
    );
    expect(early.status).toBe(409);
    const disagrees = await post(
      `/api/cases/${id}/panel-response`,
      { receivedOn: today, response: 'disagrees' },
      asLiaison,
    );
    expect(disagrees.body.stage).toBe('reconsideration');
    const noJustification = await post(
      `/api/cases/${id}/reconsideration`,
      { decidedOn: today, outcome: 'commission-cspr' },
      asManager,
    );
    expect(noJustification.status).toBe(400);
    const reconsidered = await post(
      `/api/cases/${id}/reconsideration`,
      { decidedOn: today, outcome: 'commission-cspr', justification: 'new information from health' },
      asManager,
    );
    expect(reconsidered.status).toBe(200);
    expect(reconsidered.body).toMatchObject({ stage: 'local-review', status: 'open' });
    expect(reconsidered.body.timeline.find((e) => e.type === 'reconsideration')?.actor).toEqual({
      userId: 'bm-1',
      role: 'business-manager',
    });

    await expect
      .poll(async () => {
        const res = await fetch(`${stack.api.url}/api/notices?caseId=${id}`, { headers: asLiaison });
        const { notices } = (await res.json()) as { notices: { type: string; to: { role: string }[] }[] };
        return notices.map((n) => [n.type, n.to.map((r) => r.role)]);
      })
      .toEqual(
        expect.arrayContaining([
          ['panel-disagrees', ['business-manager', 'executive-group', 'safeguarding-partners']],
          ['reconsideration-outcome', ['panel-liaison']],
          ['review-commissioned', ['business-manager']],
        ]),
      );
  });

  it('asks every open case of a partnership to re-plan from the command line', async () => {
    const id = await startCase('KIR-3', 'kirklees', londonDate(new Date()));
    await expect
      .poll(async () => {
        const res = await fetch(`${stack.api.url}/api/cases?partnership=kirklees&status=open`, {
          headers: asViewer,
        });
        return ((await res.json()) as { cases: { id: string }[] }).cases.map((c) => c.id);
      })
      .toEqual([id]);

    const root = path.resolve(__dirname, '..', '..');
    const { stdout, stderr } = await promisify(execFile)(
      path.join(root, 'node_modules', '.bin', 'tsx'),
      [
        'src/main/cli.ts',
        'replan',
        '--partnership',
        'kirklees',
        '--reason',
        'closure day added',
        '--user',
        'bm-1',
      ],
      {
        cwd: root,
        env: {
          ...process.env,
          TEMPORAL_ADDRESS: stack.devServer.address,
          TEMPORAL_TASK_QUEUE: stack.taskQueue,
          PAYLOAD_KEYS: testPayloadKeys,
        },
      },
    );
    expect(JSON.parse(stdout)).toEqual({ partnership: 'kirklees', reason: 'closure day added', cases: [id] });
    expect(stderr).toContain('asked 1 case(s) to re-plan');
    await expect
      .poll(async () => {
        const view = (await (
          await fetch(`${stack.api.url}/api/cases/${id}`, { headers: asViewer })
        ).json()) as Answer;
        return view.timeline.find((e) => e.type === 'calendar-replanned')?.actor;
      })
      .toEqual({ userId: 'bm-1', role: 'business-manager' });
  });
});
