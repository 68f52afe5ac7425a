/**
 * learningActionWorkflow on the time-skipping server: an action a review recommended, owned
 * by an agency and monitored by the sub-group the pack names (002 L403: Dudley's joint
 * Learning and Improvement sub-group; 004 L580: Kirklees's CSPR sub-group).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatIsoDate, parseIsoDate } from '../../src/calendar';
import type { LearningActionInput } from '../../src/learning/types';
import { learningActionWorkflow } from '../../workflows/learningAction';
import * as m from '../../src/learning/messages';
import { learningActionDecisions } from '../../src/learning/decisions';
import { caseDecisions } from '../../src/case/decisions';
import {
  caseInput,
  expectedDue,
  manager,
  noticesFor,
  outbox,
  startCase,
  startTracked,
} from '../helpers/cases';
import { type CaseSuite, useCaseSuite } from '../helpers/driver';

const MINUTE = 60_000;
let env: TestWorkflowEnvironment;
let taskQueue: string;
let d: CaseSuite['driver'];
useCaseSuite((suite) => ({ env, taskQueue, driver: d } = suite));

function actionInput(caseId: string, dueDate: string, overrides: Partial<LearningActionInput> = {}) {
  const reference = `A-${randomUUID().slice(0, 8)}`;
  return {
    actionId: `action-dudley-${reference}`,
    partnership: 'dudley',
    reference,
    caseId,
    source: 'rapid-review',
    recommendation: 'Agencies should share concerns about neglect at the first strategy meeting',
    action: 'update the neglect escalation procedure and brief its safeguarding leads',
    owner: { agency: 'west-midlands-police', agencyName: 'West Midlands Police' },
    dueDate,
    overseenBy: 'the joint Learning and Improvement sub-group (LIG)',
    startedBy: manager,
    ...overrides,
  } satisfies LearningActionInput;
}

const start = (input: LearningActionInput) =>
  startTracked(env, taskQueue, learningActionWorkflow, input.actionId, input);

describe('a learning action', () => {
  it('reminds its owner, tells the sub-group chair when it is overdue, and is done late with its evidence; the case closed long before', async () => {
    // The case the learning came from closes (not notifiable, no review) while the action runs on.
    const day = await d.today();
    const kase = await startCase(env, taskQueue, caseInput({ partnership: 'dudley', awareAt: day }));
    await kase.executeUpdate(caseDecisions.notificationDecision.update, {
      args: [{ outcome: 'not-notifiable', decidedOn: day, rationale: 'criteria not met', actor: manager }],
    });
    const dueDate = formatIsoDate(parseIsoDate(day) + 30);
    const input = actionInput(kase.workflowId, dueDate);
    const handle = await start(input);
    await d.vote(kase, 'dudley-mbc', 'no-review');
    await d.vote(kase, 'west-midlands-police', 'no-review');
    await d.familyTold(kase);
    expect((await d.completed(kase)).status).toBe('closed');

    await expect
      .poll(
        async () =>
          (await handle.query(m.learningActionViewQuery)).notices.filter((n) => n.status === 'delivered')
            .length,
      )
      .toBe(1);
    const agreed = await handle.query(m.learningActionViewQuery);
    expect(agreed).toMatchObject({ stage: 'open', status: 'open', caseId: kase.workflowId, dueDate });
    const clock = d.deadline(agreed as never, 'learningAction');
    expect(clock.dueAt).toBe(
      expectedDue('dudley', dueDate, { kind: 'working-days-after', workingDays: 0 }).dueAt,
    );
    const [told] = await outbox.list({ caseId: input.actionId });
    expect(told!.type).toBe('action-agreed');
    expect(told!.body).toContain('update the neglect escalation procedure');
    expect(told!.body).toContain(
      'the joint Learning and Improvement sub-group (LIG) monitors the action plan',
    );

    await d.sleepUntil(clock.dueAt, MINUTE);
    const overdue = await handle.query(m.learningActionViewQuery);
    expect(overdue.stage).toBe('overdue');
    const notices = await noticesFor(input.actionId);
    expect(notices.filter(([t]) => t === 'deadline-reminder').map(([, to]) => to)).toEqual([
      ['agency-contact', 'business-manager'],
      ['agency-contact', 'business-manager'],
    ]);
    expect(notices.at(-1)).toEqual([
      'action-overdue',
      ['learning-subgroup-chair', 'business-manager', 'agency-contact'],
    ]);

    const refused = await d.refusal(
      handle.executeUpdate(learningActionDecisions.completion.update, {
        args: [{ doneOn: await d.today(), evidence: ' ', actor: manager }],
      }),
    );
    expect(refused.type).toBe('InvalidDecision');
    const done = await handle.executeUpdate(learningActionDecisions.completion.update, {
      args: [
        { doneOn: await d.today(), evidence: 'procedure v4 published; 42 leads briefed', actor: manager },
      ],
    });
    expect(done).toMatchObject({
      stage: 'done',
      status: 'closed',
      evidence: 'procedure v4 published; 42 leads briefed',
    });
    expect(d.deadline(done as never, 'learningAction').state).toBe('met-late');
    // Settled, the action's workflow has finished: nothing more can be recorded on it.
    await expect.poll(async () => (await handle.describe()).status.name).toBe('COMPLETED');
  });

  it('can be closed without completion, with its reason, and is then no longer chased', async () => {
    const day = await d.today();
    const input = actionInput('case-dudley-ANY', formatIsoDate(parseIsoDate(day) + 10));
    const handle = await start(input);
    const closed = await handle.executeUpdate(learningActionDecisions.closure.update, {
      args: [{ closedOn: day, reason: 'superseded by the regional neglect strategy', actor: manager }],
    });
    expect(closed).toMatchObject({
      stage: 'closed-without-completion',
      status: 'closed',
      closedReason: 'superseded by the regional neglect strategy',
    });
    expect(d.deadline(closed as never, 'learningAction').state).toBe('not-applicable');
    await d.sleepUntil(d.deadline(closed as never, 'learningAction').dueAt, MINUTE);
    expect((await noticesFor(input.actionId)).map(([t]) => t)).toEqual(['action-agreed']);
  });

  it('was agreed on the day it was asked for, however late a worker takes it up', async () => {
    const day = await d.today();
    const yesterday = formatIsoDate(parseIsoDate(day) - 1);
    const before = formatIsoDate(parseIsoDate(day) - 2);
    const input = actionInput('case-dudley-ANY', formatIsoDate(parseIsoDate(day) + 10), {
      agreedOn: yesterday,
    });
    const handle = await start(input);
    const closure = (closedOn: string) =>
      handle.executeUpdate(learningActionDecisions.closure.update, {
        args: [{ closedOn, reason: 'superseded', actor: manager }],
      });
    await expect(closure(before)).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/the day the action was agreed/) },
    });
    expect(await closure(yesterday)).toMatchObject({ stage: 'closed-without-completion' });
  });
});
