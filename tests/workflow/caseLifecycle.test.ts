/**
 * caseWorkflow on the time-skipping server, path by path (SPEC lifecycle steps 1-4; seeds
 * 003 for Durham's consideration meeting, 2-of-3 majority and Panel reconsideration; 004
 * §12.6 for Kirklees' Virtual Panel; 000 §12.5 for Derby and Derbyshire's four partners).
 * Each test checks the deadlines, the stage, and exactly which notices went to whom.
 */
import { localReviewIdFor } from '../../src/ids';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { formatIsoDate, parseIsoDate } from '../../src/calendar';
import { Breached, CaseStage, LateWithinExtension } from '../../src/temporal/searchAttributes';
import * as messages from '../../src/case/messages';
import { caseDecisions } from '../../src/case/decisions';
import { caseInput, expectedDue, lead, manager, noticesFor, policies, startCase } from '../helpers/cases';
import { type CaseSuite, useCaseSuite } from '../helpers/driver';

const MINUTE = 60_000;
let env: TestWorkflowEnvironment;
let taskQueue: string;
let d: CaseSuite['driver'];
useCaseSuite((suite) => ({ env, taskQueue, driver: d } = suite));
describe('notification (5 working days from awareness)', () => {
  it('reminds before the due date, stays pending to the minute, then breaches and escalates once', async () => {
    const input = caseInput({ partnership: 'dudley', awareAt: await d.today() });
    const due = expectedDue('dudley', input.awareAt, { kind: 'working-days-after', workingDays: 5 });
    const handle = await startCase(env, taskQueue, input);

    await d.sleepUntil(due.dueAt, -MINUTE);
    const before = d.deadline(await handle.query(messages.caseViewQuery), 'notification');
    expect(before).toMatchObject({ state: 'pending', dueDate: due.dueDate, remindersSent: [3, 1] });

    await env.sleep(2 * MINUTE);
    const view = await handle.query(messages.caseViewQuery);
    expect(d.deadline(view, 'notification').state).toBe('breached');
    await env.sleep('3 days'); // nothing more is sent while it stays breached
    expect(await noticesFor(input.caseId)).toEqual([
      ['case-started', ['safeguarding-lead', 'business-manager']],
      ['deadline-reminder', ['safeguarding-lead', 'business-manager']],
      ['deadline-reminder', ['safeguarding-lead', 'business-manager']],
      ['deadline-breached', ['business-manager', 'independent-chair']],
    ]);
    const attributes = (await handle.describe()).typedSearchAttributes;
    expect(attributes.get(Breached)).toBe(true);
    expect(attributes.get(CaseStage)).toBe('notification');
  });

  it('is breached at once for a case started after its deadline, with no reminders, and met late when recorded', async () => {
    const input = caseInput({ partnership: 'dudley', awareAt: await d.daysAgo(30) });
    const handle = await startCase(env, taskQueue, input);
    await env.sleep(MINUTE);
    expect(d.deadline(await handle.query(messages.caseViewQuery), 'notification').state).toBe('breached');
    const view = await d.notify(handle, await d.daysAgo(1));
    expect(d.deadline(view, 'notification')).toMatchObject({ state: 'met-late', remindersSent: [] });
    // The breach and the start notice go out together; their order is not part of the contract.
    expect((await noticesFor(input.caseId)).map(([type]) => type).sort()).toEqual([
      'case-started',
      'deadline-breached',
      'incident-notified',
    ]);
  });

  it('plans due dates with the bank holiday calendar in an activity, recorded in the history', async () => {
    // SPEC example: aware Friday 2025-12-19; 25 and 26 December are bank holidays.
    const handle = await startCase(
      env,
      taskQueue,
      caseInput({ partnership: 'dudley', awareAt: '2025-12-19' }),
    );
    await env.sleep(MINUTE);
    expect(d.deadline(await handle.query(messages.caseViewQuery), 'notification')).toMatchObject({
      dueDate: '2025-12-30',
      dueAt: '2025-12-30T23:59:59.999Z',
      holidaySource: 'gov.uk',
      calendarVersion: expect.stringMatching(/^gov\.uk:/),
      policyVersion: expect.stringMatching(/^dudley@/),
    });
    const history = await handle.fetchHistory();
    const activities = (history.events ?? []).flatMap((e) =>
      e.activityTaskScheduledEventAttributes
        ? [e.activityTaskScheduledEventAttributes.activityType?.name]
        : [],
    );
    expect(activities[0]).toBe('planDeadline');
  });

  it("holds Durham's consideration meeting first, then notifies the Panel and the partners (003)", async () => {
    const day = await d.today();
    const input = caseInput({ partnership: 'durham', awareAt: day });
    const handle = await startCase(env, taskQueue, input);
    const early = await d.refusal(d.notify(handle, day));
    expect(early.type).toBe('WrongStage');
    expect(early.message).toContain('consideration meeting');

    await d.meet(handle, day);
    const view = await d.notify(handle, day);
    expect(view.stage).toBe('rapid-review');
    expect(d.deadline(view, 'considerationMeeting').state).toBe('met');
    expect(d.deadline(view, 'notification')).toMatchObject({ state: 'met', metOn: day });
    const rapid = expectedDue('durham', day, { kind: 'working-days-after', workingDays: 15 });
    expect(d.deadline(view, 'rapidReview')).toMatchObject({
      state: 'pending',
      basisDate: day,
      dueDate: rapid.dueDate,
    });
    expect(view.timeline.find((e) => e.type === 'notified')?.actor).toEqual(lead);
    expect(await noticesFor(input.caseId)).toEqual([
      ['case-started', ['safeguarding-lead', 'business-manager']],
      ['incident-notified', ['panel-liaison', 'safeguarding-partners']],
    ]);
  });

  it("also tells Ofsted and the Secretary of State of a looked-after child's death", async () => {
    const day = await d.today();
    const input = caseInput({
      partnership: 'dudley',
      awareAt: day,
      childDied: true,
      caseType: 'looked-after-child-death',
    });
    const handle = await startCase(env, taskQueue, input);
    await d.notify(handle, day);
    expect((await noticesFor(input.caseId)).find(([type]) => type === 'incident-notified')).toEqual([
      'incident-notified',
      ['panel-liaison', 'safeguarding-partners', 'ofsted', 'secretary-of-state'],
    ]);
  });

  it('makes the national clocks not applicable when the incident is not notifiable; partners may still decide', async () => {
    const day = await d.today();
    const input = caseInput({ partnership: 'dudley', awareAt: day });
    const handle = await startCase(env, taskQueue, input);
    const view = await handle.executeUpdate(caseDecisions.notificationDecision.update, {
      args: [
        {
          outcome: 'not-notifiable',
          decidedOn: day,
          rationale: 'no abuse or neglect suspected after all',
          actor: lead,
        },
      ],
    });
    expect(view.stage).toBe('review-decision');
    expect(d.deadline(view, 'rapidReview')).toMatchObject({ state: 'not-applicable' });
    expect((await d.refusal(d.vote(handle, 'dudley-mbc', 'refer-national'))).type).toBe('InvalidDecision');

    await d.vote(handle, 'dudley-mbc', 'no-review');
    const decided = await d.vote(handle, 'west-midlands-police', 'no-review');
    // Decided, but the family is still owed the outcome and its rationale (003): open until told.
    expect(decided).toMatchObject({ stage: 'closed', status: 'open', decision: { outcome: 'no-review' } });
    expect(d.deadline(decided, 'familyTold')).toMatchObject({ state: 'pending', basisDate: day });
    await d.familyTold(handle, day);
    const result = await d.completed(handle);
    expect(result).toMatchObject({ stage: 'closed', status: 'closed', decision: { outcome: 'no-review' } });
    expect(d.deadline(result, 'familyTold')).toMatchObject({ state: 'met', metOn: day });
    expect(await noticesFor(input.caseId)).toEqual([
      ['case-started', ['safeguarding-lead', 'business-manager']],
      ['decision-outcome', ['safeguarding-lead']],
    ]);
  });
});

describe('rapid review (15 working days)', () => {
  it('may be a Virtual Panel in Kirklees (004 §12.6) and nowhere else', async () => {
    const day = await d.today();
    const kirklees = await startCase(env, taskQueue, caseInput({ partnership: 'kirklees', awareAt: day }));
    await d.notify(kirklees, day);
    // 004 §12.6: used "where it is not possible to convene a meeting within the national timescales".
    const unexplained = await d.refusal(d.review(kirklees, day, 'virtual-panel'));
    expect(unexplained).toMatchObject({
      type: 'InvalidDecision',
      details: [{ field: 'virtualPanelReason' }],
    });
    const reason = 'the police representative could not attend within 15 working days';
    const view = await d.review(kirklees, day, 'virtual-panel', reason);
    expect(view.stage).toBe('review-decision');
    expect(d.deadline(view, 'rapidReview').state).toBe('met');
    // Recorded with the review: the pack's four members (004 §12.6) and the reason.
    expect(view.rapidReview).toEqual({
      completedOn: day,
      format: 'virtual-panel',
      virtualPanel: { members: policies.get('kirklees').virtualPanel!.members, reason },
    });
    expect(view.rapidReview?.virtualPanel?.members).toHaveLength(4);
    expect(view.timeline.at(-1)?.summary).toContain("the Children's Social Care representative");

    const dudley = await startCase(env, taskQueue, caseInput({ partnership: 'dudley', awareAt: day }));
    await d.notify(dudley, day);
    const refused = await d.refusal(d.review(dudley, day, 'virtual-panel'));
    expect(refused.type).toBe('InvalidDecision');
    expect(refused.message).toContain('Virtual Panel');
  });

  it('can be extended by the business manager with a reason, beside its statutory date; the breach then comes at the new date', async () => {
    const day = await d.today();
    const input = caseInput({ partnership: 'dudley', awareAt: day });
    const handle = await startCase(env, taskQueue, input);
    const notified = await d.notify(handle, day);
    const original = d.deadline(notified, 'rapidReview');
    const calendar = policies.calendar('dudley');
    const newDueDate = formatIsoDate(calendar.addWorkingDays(parseIsoDate(original.dueDate), 5));

    const byLead = await d.refusal(
      handle.executeUpdate(caseDecisions.extension.update, {
        args: [{ key: 'rapidReview', newDueDate, reason: 'x', approvedOn: day, actor: lead }],
      }),
    );
    expect(byLead.type).toBe('InvalidDecision');

    const extended = await handle.executeUpdate(caseDecisions.extension.update, {
      args: [
        {
          key: 'rapidReview',
          newDueDate,
          reason: 'agency chronology delayed by police investigation',
          approvedOn: day,
          actor: manager,
        },
      ],
    });
    const rapid = d.deadline(extended, 'rapidReview');
    // Beside the statutory date, never in place of it.
    expect(rapid).toMatchObject({
      state: 'extended',
      dueDate: original.dueDate,
      extension: { dueDate: newDueDate },
      lateAgainstStatute: false,
    });
    expect(rapid.changes).toEqual([
      expect.objectContaining({
        kind: 'extension',
        from: original.dueDate,
        to: newDueDate,
        reason: expect.stringContaining('police'),
        actor: manager,
        decidedOn: day,
      }),
    ]);

    await d.sleepUntil(original.dueAt, MINUTE);
    const past = await handle.query(messages.caseViewQuery);
    expect(d.deadline(past, 'rapidReview')).toMatchObject({
      state: 'extended',
      lateAgainstStatute: true,
      withinExtension: true,
    });
    expect(past.timeline.map((e) => e.type)).toContain('deadline-late-against-statute');
    const attributes = (await handle.describe()).typedSearchAttributes;
    expect(attributes.get(Breached)).toBe(true);
    expect(attributes.get(LateWithinExtension)).toBe(true);
    await d.sleepUntil(rapid.extension!.dueAt, MINUTE);
    expect(d.deadline(await handle.query(messages.caseViewQuery), 'rapidReview').state).toBe('breached');
    const breaches = (await noticesFor(input.caseId)).filter(([type]) => type === 'deadline-breached');
    expect(breaches).toEqual([['deadline-breached', ['business-manager', 'independent-chair']]]);
  });
});

describe("the partners' decision", () => {
  it('is carried by 2 of 3 in Durham (003); the Panel has the review at once, then the decision, and the family is told', async () => {
    const { handle } = await d.durhamAtDecision();
    const first = await d.vote(handle, 'durham-county-council', 'local-cspr');
    expect(first.decision).toMatchObject({
      votesNeeded: 2,
      awaiting: ['durham-constabulary', 'county-durham-ccgs'],
    });
    expect(first.decision?.outcome).toBeUndefined();

    const second = await d.vote(handle, 'durham-constabulary', 'local-cspr');
    expect(second.decision?.outcome).toBe('local-cspr');
    expect(second.stage).toBe('panel-response');
    // Notices go out side by side, so they are filed in the order they were delivered.
    const types = (await noticesFor(second.caseId)).map(([type, to]) => `${type}→${to.join('+')}`);
    expect(types.sort()).toEqual([
      'case-started→safeguarding-lead+business-manager',
      'decision-outcome→safeguarding-lead',
      'incident-notified→panel-liaison+safeguarding-partners',
      'rapid-review-complete→panel-liaison',
      'review-decision→panel-liaison',
    ]);
  });

  it('refuses a vote from a non-member, a duplicate vote, and a vote at the wrong stage', async () => {
    const { handle } = await d.durhamAtDecision();
    const stranger = await d.refusal(d.vote(handle, 'atlantis-police', 'no-review'));
    expect(stranger.type).toBe('InvalidDecision');
    await d.vote(handle, 'durham-constabulary', 'no-review');
    // The same vote again is refused; a different one would be a change of vote (partnersDecision.test.ts).
    expect((await d.refusal(d.vote(handle, 'durham-constabulary', 'no-review'))).type).toBe('WrongStage');

    const early = await startCase(
      env,
      taskQueue,
      caseInput({ partnership: 'dudley', awareAt: await d.today() }),
    );
    expect((await d.refusal(d.vote(early, 'dudley-mbc', 'no-review'))).type).toBe('WrongStage');
  });

  it("reports a tie among Derby and Derbyshire's four partners (000 §12.5) instead of guessing", async () => {
    const { handle, day } = await d.derbyAtDecision({ meet: true });
    await d.vote(handle, 'derby-city-council', 'local-cspr');
    await d.vote(handle, 'derbyshire-county-council', 'local-cspr');
    const view = await d.vote(handle, 'derbyshire-constabulary', 'no-review');
    expect(view.decision).toMatchObject({ tied: false, awaiting: ['derby-derbyshire-icb'] });
    const tied = await d.vote(handle, 'derby-derbyshire-icb', 'no-review');
    expect(tied.decision).toMatchObject({ tied: true, awaiting: [], tie: { since: day } });
    expect(tied.decision?.outcome).toBeUndefined();
    expect(tied.stage).toBe('review-decision');
    expect(tied.timeline.some((e) => e.type === 'review-tied')).toBe(true);
    // The tie opens the independent chair's step, with its own deadline (000 §12.19; pack).
    expect(d.deadline(tied, 'tieResolution')).toMatchObject({
      state: 'pending',
      dueDate: expectedDue('derby-derbyshire', day, { kind: 'working-days-after', workingDays: 5 }).dueDate,
    });
  });
});

describe("the National Panel's response", () => {
  it('agrees: a local review is commissioned and the case hands over to it', async () => {
    const { handle, day } = await d.durhamAtPanel('local-cspr');
    const view = await d.panel(handle, day, 'agrees');
    expect(view).toMatchObject({ stage: 'local-review', status: 'open' });
    expect(d.deadline(view, 'panelResponse').state).toBe('met');
    await expect
      .poll(async () => (await handle.query(messages.caseViewQuery)).localReview?.deadlines.map((x) => x.key))
      .toEqual(['csprPublication']);
    const { localReview } = await handle.query(messages.caseViewQuery);
    expect(localReview).toMatchObject({ workflowId: localReviewIdFor(view.caseId), stage: 'commissioning' });
    expect(localReview?.deadlines[0]?.dueDate).toBe(
      expectedDue('durham', day, { kind: 'calendar-months-after', months: 6 }).dueDate,
    );
  });

  it('disagrees: the executive group reconsiders and the justification goes to the Panel (003)', async () => {
    const { handle, day } = await d.durhamAtPanel('no-review');
    const view = await d.panel(handle, day, 'disagrees');
    expect(view.stage).toBe('reconsideration');
    const missing = await d.refusal(
      handle.executeUpdate(caseDecisions.reconsideration.update, {
        args: [{ decidedOn: day, outcome: 'commission-cspr', justification: ' ', actor: manager }],
      }),
    );
    expect(missing.type).toBe('InvalidDecision');
    const reconsidered = await handle.executeUpdate(caseDecisions.reconsideration.update, {
      args: [
        {
          decidedOn: day,
          outcome: 'commission-cspr',
          justification: 'new information from health',
          actor: manager,
        },
      ],
    });
    expect(reconsidered.stage).toBe('local-review');
    // In whichever order they were delivered (notices go out side by side).
    await expect
      .poll(async () => await noticesFor(view.caseId))
      .toEqual(
        expect.arrayContaining([
          ['panel-disagrees', ['business-manager', 'executive-group', 'safeguarding-partners']],
          ['reconsideration-outcome', ['panel-liaison']],
          ['review-commissioned', ['business-manager']],
        ]),
      );
  });

  it('adheres after reconsideration: a no-review decision closes the case', async () => {
    const { handle, day } = await d.durhamAtPanel('no-review');
    await d.panel(handle, day, 'disagrees');
    await handle.executeUpdate(caseDecisions.reconsideration.update, {
      args: [
        { decidedOn: day, outcome: 'adhere', justification: 'criteria not met, as recorded', actor: manager },
      ],
    });
    await d.familyTold(handle, day);
    expect((await d.completed(handle)).stage).toBe('closed');
  });

  it('opts for a national review: the case records cooperation and closes locally', async () => {
    const { handle, day } = await d.durhamAtPanel('refer-national');
    await d.panel(handle, day, 'national-review');
    await d.familyTold(handle, day);
    const result = await d.completed(handle);
    expect(result.stage).toBe('national-review');
    expect(result.timeline.some((e) => e.type === 'national-review')).toBe(true);
    expect(await noticesFor(result.caseId)).toContainEqual([
      'national-review',
      ['business-manager', 'safeguarding-partners'],
    ]);
  });
});

describe('decision validation', () => {
  it('refuses dates before awareness or in the future, and a second notification decision', async () => {
    const awareAt = await d.daysAgo(2);
    const handle = await startCase(env, taskQueue, caseInput({ partnership: 'dudley', awareAt }));
    const early = await d.refusal(d.notify(handle, formatIsoDate(parseIsoDate(awareAt) - 1)));
    expect(early).toMatchObject({
      type: 'InvalidDecision',
      message: expect.stringContaining('before the case'),
    });
    const future = await d.refusal(d.notify(handle, formatIsoDate(parseIsoDate(await d.today()) + 1)));
    expect(future).toMatchObject({
      type: 'InvalidDecision',
      message: expect.stringContaining('in the future'),
    });
    await d.notify(handle, awareAt);
    expect((await d.refusal(d.notify(handle, awareAt))).type).toBe('WrongStage');
    const view = await handle.query(messages.caseViewQuery);
    expect(view.timeline.filter((e) => e.type === 'notified')).toHaveLength(1);
  });
});
