/**
 * A fifth partnership adopts the product by writing a pack, and nothing else (issue 22): the
 * Wessex pack (tests/fixtures/policies/wessex.json, loaded as POLICY_DIR would load it) has its
 * own rules, and a case runs by them end to end on the time-skipping server, started and
 * decided through the same services the API uses. Its rapid review counts from awareness and
 * its misses go to its Safeguarding Executive; its Virtual Panel has its own members; its
 * review allows two further drafts and three rounds of comments, an independent reviewer, a
 * sign-off only the Chair records, no communication strategy; its partners and Executive are
 * told of publication; its partners may reconsider to no review at all; and its Case Review
 * Group decides at a quorate meeting (eight members, four agencies, the chair or vice chair)
 * with no proxy votes.
 */
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIsoDate, londonDay, parseIsoDate } from '../../src/calendar';
import { caseDecisions } from '../../src/case/decisions';
import * as messages from '../../src/case/messages';
import type { Actor, CaseView } from '../../src/case/types';
import { createWorkflowServices } from '../../src/client';
import type { CaseService } from '../../src/client/caseService';
import type { DecisionAnswer } from '../../src/client/workflowGateway';
import type { CaseFormView } from '../../src/case/decisions';
import type { Decision } from '../../src/decisions/catalogue';
import type { LocalReviewFormView } from '../../src/localReview/decisions';
import { DomainError } from '../../src/errors';
import { localReviewIdFor } from '../../src/ids';
import { localReviewDecisions as review } from '../../src/localReview/decisions';
import * as lr from '../../src/localReview/messages';
import type { LocalReviewView } from '../../src/localReview/types';
import { loadPolicies } from '../../src/policy/registry';
import {
  caseWorker,
  chair,
  lead,
  liaison,
  manager,
  noticesFor,
  outbox,
  partnerRep,
  track,
} from '../helpers/cases';
import { useTimeSkippingServer } from '../helpers/driver';

const MINUTE = 60_000;
const policies = loadPolicies({ dir: path.resolve(__dirname, '..', 'fixtures', 'policies') });
const pack = policies.get('wessex');
const EXECUTIVE = 'body:wessex-executive';
/** A quorate meeting of its Case Review Group: eight members from four agencies, the vice chair presiding. */
const quorate = () => ({
  heldOn: today,
  represented: ['wessex-council', 'wessex-police', 'wessex-icb', 'wessex-hospitals'],
  members: 8,
  chairedBy: 'vice-chair',
});

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
let cases: CaseService;
useTimeSkippingServer((e) => (env = e));
beforeAll(async () => {
  const started = await caseWorker(env, { policies });
  worker = started.worker;
  running = worker.run();
  ({ cases } = createWorkflowServices(env.client, started.taskQueue, policies, {
    settings: { callTimeoutMs: 30_000, decisionWaitMs: 20_000, pageTokenKey: 'fifth partnership tests' },
    today: () => today,
  }));
});
afterAll(async () => {
  worker.shutdown();
  await running;
});

let today = '';
const now = async () => (today = formatIsoDate(londonDay(await env.currentTimeMs())));
const sleepUntil = async (instant: string, offsetMs = 0) =>
  env.sleep(Date.parse(instant) - (await env.currentTimeMs()) + offsetMs);

/** The record as the decision left it (a decision whose outcome is not known yet fails the test). */
function viewOf<V>(answer: DecisionAnswer<V>): V {
  if (answer.outcome === 'waiting') throw new Error(`decision ${answer.updateId} not answered`);
  return answer.view;
}

async function decide<A>(
  d: Decision<CaseView, A, CaseFormView>,
  id: string,
  body: object,
  actor: Actor = manager,
) {
  return viewOf(await cases.decide(d, id, body, actor));
}
async function decideReview<A>(
  d: Decision<LocalReviewView, A, LocalReviewFormView>,
  caseId: string,
  body: object,
  actor: Actor = manager,
) {
  return viewOf(await cases.decideLocalReview(d, caseId, body, actor));
}
async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}
const deadline = (view: { deadlines: CaseView['deadlines'] }, key: string) =>
  view.deadlines.find((x) => x.key === key)!;

/** A Wessex case started through the service, aware yesterday and notified today. */
async function notifiedCase(reference: string): Promise<{ id: string; handle: WorkflowHandle }> {
  const awareAt = formatIsoDate(parseIsoDate(await now()) - 1);
  const { id } = await cases.start(
    {
      partnership: 'wessex',
      reference,
      awareAt,
      abuseOrNeglectSuspected: true,
      childDied: false,
      seriouslyHarmed: true,
    },
    lead,
  );
  const handle = track(env.client.workflow.getHandle(id));
  await decide(caseDecisions.notificationDecision, id, { outcome: 'notified', notifiedOn: today }, lead);
  return { id, handle };
}

describe('a fifth partnership, by its pack alone', () => {
  it('runs a case end to end by its own rules', async () => {
    const { id, handle } = await notifiedCase('WSX-1');
    const started = await handle.query(messages.caseViewQuery);
    expect(started.rules).toEqual({
      policyVersion: 'wessex@2026.1',
      workingTogetherEdition: '2023',
      reconsiderationOutcomes: ['adhere', 'commission-cspr', 'no-review'],
      virtualPanel: { members: pack.virtualPanel!.members, usedWhen: pack.virtualPanel!.usedWhen },
    });
    // Its rapid review counts from awareness, not the notification (its §5.2).
    const rapid = deadline(started, 'rapidReview');
    expect(rapid.basisDate).toBe(started.awareAt);
    expect(rapid.reminders.map((r) => r.workingDaysBefore)).toEqual([5, 2]);

    // Reminded, and missed: told as its pack routes the rapid review (its §5.5).
    await sleepUntil(rapid.dueAt, MINUTE);
    const missed = (await noticesFor(id)).filter(([type]) =>
      ['deadline-reminder', 'deadline-breached'].includes(type),
    );
    expect(missed).toEqual([
      ['deadline-reminder', ['business-manager']],
      ['deadline-reminder', ['business-manager']],
      ['deadline-breached', ['business-manager', 'independent-chair', EXECUTIVE]],
    ]);
    const breach = (await outbox.list({ caseId: id })).find((n) => n.type === 'deadline-breached')!;
    expect(breach.to.find((r) => r.role === EXECUTIVE)?.name).toBe('Wessex Safeguarding Executive');

    // Its Virtual Panel, with its members and the reason recorded.
    await now();
    const reviewed = await decide(caseDecisions.rapidReview, id, {
      completedOn: today,
      format: 'virtual-panel',
      virtualPanelReason: 'the designated nurse was on leave for the fortnight',
    });
    expect(reviewed.rapidReview?.virtualPanel?.members).toEqual(pack.virtualPanel!.members);
    expect(deadline(reviewed, 'rapidReview').state).toBe('met-late');
    // Its partners vote through their own representatives: no proxy votes (its §6.3).
    const proxy = await refusal(
      decide(caseDecisions.vote, id, {
        partnerId: 'wessex-police',
        vote: 'local-cspr',
        rationale: 'learning',
        votedOn: today,
        proxyAuthorisedBy: 'the Chief Constable',
        proxyAuthorisedOn: today,
      }),
    );
    expect(proxy.fields).toEqual([{ field: 'proxyAuthorisedBy', message: expect.stringContaining('§6.3') }]);
    for (const partnerId of ['wessex-council', 'wessex-police'])
      await decide(
        caseDecisions.vote,
        id,
        { partnerId, vote: 'local-cspr', rationale: 'learning', votedOn: today },
        partnerRep,
      );
    await decide(caseDecisions.panelResponse, id, { receivedOn: today, response: 'agrees' }, liaison);
    // The family is told the decision and its rationale (003): the case closes only then.
    await decide(
      caseDecisions.familyTold,
      id,
      { toldOn: today, how: 'in-writing', toldBy: 'social worker' },
      lead,
    );

    // Its local review, by the rules the case started with.
    const child = track(env.client.workflow.getHandle(localReviewIdFor(id)));
    await expect.poll(async () => (await child.describe()).status.name).toBe('RUNNING');
    const notIndependent = await refusal(
      decideReview(review.reviewer, id, {
        commissionedOn: today,
        reviewer: 'Council officer',
        independent: false,
        termsOfReference: 'ToR',
      }),
    );
    expect(notIndependent.fields).toEqual([
      { field: 'independent', message: expect.stringContaining('independent reviewer') },
    ]);
    await decideReview(review.reviewer, id, {
      commissionedOn: today,
      reviewer: 'IR Ltd',
      independent: true,
      termsOfReference: 'ToR',
    });
    await decideReview(review.draft, id, { receivedOn: today, draft: 'first' });
    for (let round = 1; round <= 3; round++) {
      await decideReview(review.comments, id, { sentOn: today });
      if (round < 3) await decideReview(review.draft, id, { receivedOn: today, draft: 'further' });
    }
    const thirdFurther = await refusal(
      decideReview(review.draft, id, { receivedOn: today, draft: 'further' }),
    );
    expect(thirdFurther).toMatchObject({
      kind: 'wrong-stage',
      message: 'there are 2 further drafts before sign-off, all used',
    });
    const fourthRound = await refusal(decideReview(review.comments, id, { sentOn: today }));
    expect(fourthRound.message).toContain(
      'the Learning Review Group has 3 rounds of comments before sign-off',
    );

    const byManager = await refusal(decideReview(review.signOff, id, { signedOffOn: today }));
    expect(byManager.message).toContain(
      'is approved by the Wessex Safeguarding Executive and must be recorded by the independent chair',
    );
    const signed = await decideReview(review.signOff, id, { signedOffOn: today }, chair);
    expect(signed.timeline.find((e) => e.type === 'signed-off')?.summary).toContain(
      'the Wessex Safeguarding Executive',
    );
    // No communication strategy in its arrangements: publication is set without one.
    const publicationDate = signed.earliestPublicationDate!;
    const awaiting = await decideReview(review.publicationDate, id, { publicationDate, sentOn: today });
    expect(awaiting.stage).toBe('awaiting-publication');
    await sleepUntil(`${publicationDate}T12:00:00Z`);
    const published = await decideReview(review.publication, id, { publishedOn: publicationDate });
    expect((await noticesFor(id)).find(([type]) => type === 'report-published')).toEqual([
      'report-published',
      ['business-manager', 'safeguarding-partners', EXECUTIVE],
    ]);

    // A year online, then down; the case closes with its review.
    const takedown = deadline(published, 'takedown');
    await sleepUntil(takedown.dueAt, -MINUTE);
    await decideReview(review.takedown, id, { removedOn: takedown.dueDate });
    await expect
      .poll(async () => (await handle.describe()).status.name, { timeout: 10_000 })
      .toBe('COMPLETED');
    expect((await handle.query(messages.caseViewQuery)).status).toBe('closed');
  });

  it('reconsiders to its own outcome: no review after all, and the case closes', async () => {
    const { id, handle } = await notifiedCase('WSX-2');
    await decide(caseDecisions.rapidReview, id, { completedOn: today, format: 'meeting' });
    // Its Case Review Group decides at a meeting of eight members from four agencies, the
    // chair or vice chair among them (its §6.1); a Virtual Panel, as in the case above, needs none.
    const short = await refusal(decide(caseDecisions.decisionMeeting, id, { ...quorate(), members: 7 }));
    expect(short.message).toMatch(/not quorate: it needs 8 members \(7 present\).*Wessex arrangements §6\.1/);
    await decide(caseDecisions.decisionMeeting, id, quorate());
    for (const partnerId of ['wessex-council', 'wessex-icb'])
      await decide(
        caseDecisions.vote,
        id,
        { partnerId, vote: 'local-cspr', rationale: 'learning', votedOn: today },
        partnerRep,
      );
    await decide(caseDecisions.panelResponse, id, { receivedOn: today, response: 'disagrees' }, liaison);
    const reconsidered = await decide(caseDecisions.reconsideration, id, {
      decidedOn: today,
      outcome: 'no-review',
      justification: 'the Panel found the learning already in hand',
    });
    expect(reconsidered.timeline.find((e) => e.type === 'reconsideration')?.summary).toMatch(
      /^the Wessex Safeguarding Executive reconsidered on .*: no-review: the Panel found the learning already in hand$/,
    );
    // The outcome changed: the family is told it, with the justification (003).
    expect(deadline(reconsidered, 'familyToldAgain').state).toBe('pending');
    await decide(
      caseDecisions.familyTold,
      id,
      { toldOn: today, how: 'in-writing', toldBy: 'social worker' },
      lead,
    );
    await expect
      .poll(async () => (await handle.describe()).status.name, { timeout: 10_000 })
      .toBe('COMPLETED');
    const closed = await handle.query(messages.caseViewQuery);
    expect(closed).toMatchObject({ stage: 'closed', status: 'closed' });
    // The review started at the partners' decision is stopped, its clock lapsed, not run on.
    const stopped = await env.client.workflow.getHandle(localReviewIdFor(id)).query(lr.localReviewViewQuery);
    expect(stopped).toMatchObject({ stage: 'closed', status: 'closed' });
    expect(stopped.deadlines[0]).toMatchObject({ state: 'not-applicable' });
    expect(await noticesFor(id)).toContainEqual(['reconsideration-outcome', ['panel-liaison']]);
  });
});
