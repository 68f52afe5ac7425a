/**
 * complaintWorkflow on the time-skipping server, 000 §13 (Derby and Derbyshire's procedure,
 * the national default here): 5 working days to confirm the action (§13.4), 20 to the
 * outcome or a timescale (§13.5), and 10 for the independent chair to answer an appeal
 * (§13.7). Each test checks the deadlines and who was told.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { formatIsoDate, parseIsoDate } from '../../src/calendar';
import { complaintWorkflow } from '../../workflows/complaint/workflow';
import * as m from '../../src/complaint/messages';
import { complaintDecisions } from '../../src/complaint/decisions';
import { chair, complaintInput, expectedDue, manager, noticesFor, startTracked } from '../helpers/cases';
import { type CaseSuite, useCaseSuite } from '../helpers/driver';

const MINUTE = 60_000;
let env: TestWorkflowEnvironment;
let taskQueue: string;
let d: CaseSuite['driver'];
useCaseSuite((suite) => ({ env, taskQueue, driver: d } = suite));

const start = async (receivedOn: string) => {
  const input = complaintInput({ receivedOn });
  return { input, handle: await startTracked(env, taskQueue, complaintWorkflow, input.complaintId, input) };
};
const due = (view: { deadlines: { key: string }[] }, key: string) =>
  view.deadlines.find((x) => x.key === key) as { dueDate: string; dueAt: string; state: string } | undefined;

describe('a complaint (000 §13)', () => {
  it('confirms the action, gives a timescale and then the outcome, and answers an appeal', async () => {
    const day = await d.today();
    const { input, handle } = await start(day);
    await expect
      .poll(
        async () =>
          (await handle.query(m.complaintViewQuery)).notices.filter((n) => n.status === 'delivered').length,
      )
      .toBe(1);
    const received = await handle.query(m.complaintViewQuery);
    const rule = (workingDays: number) => ({ kind: 'working-days-after' as const, workingDays });
    expect(due(received, 'actionConfirmed')?.dueDate).toBe(
      expectedDue(input.partnership, day, rule(5)).dueDate,
    );
    expect(due(received, 'complaintOutcome')?.dueDate).toBe(
      expectedDue(input.partnership, day, rule(20)).dueDate,
    );
    expect(await noticesFor(input.complaintId)).toEqual([
      ['complaint-received', ['partnership-manager', 'subgroup-chair']],
    ]);

    const early = await d.refusal(
      handle.executeUpdate(complaintDecisions.outcome.update, {
        args: [{ kind: 'outcome', decidedOn: day, summary: 'upheld', actor: manager }],
      }),
    );
    expect(early.type).toBe('WrongStage');
    await handle.executeUpdate(complaintDecisions.action.update, {
      args: [{ confirmedOn: day, action: 'raised with the subgroup chair', actor: manager }],
    });
    const furtherActionBy = formatIsoDate(parseIsoDate(day) + 30);
    const timescale = await handle.executeUpdate(complaintDecisions.outcome.update, {
      args: [
        { kind: 'timescale', decidedOn: day, summary: 'audit of cases', furtherActionBy, actor: manager },
      ],
    });
    expect(timescale.stage).toBe('further-action');
    expect(due(timescale, 'complaintOutcome')?.state).toBe('met');
    expect(due(timescale, 'furtherAction')).toMatchObject({ dueDate: furtherActionBy, state: 'pending' });

    const outcome = await handle.executeUpdate(complaintDecisions.outcome.update, {
      args: [{ kind: 'outcome', decidedOn: day, summary: 'partly upheld', actor: manager }],
    });
    expect(outcome.stage).toBe('outcome-given');
    expect(due(outcome, 'furtherAction')?.state).toBe('met');

    const appealed = await handle.executeUpdate(complaintDecisions.appeal.update, {
      args: [{ appealedOn: day, actor: manager }],
    });
    expect(due(appealed, 'appealResponse')?.dueDate).toBe(
      expectedDue(input.partnership, day, rule(10)).dueDate,
    );
    expect((await noticesFor(input.complaintId)).at(-1)).toEqual([
      'complaint-appeal',
      ['independent-chair', 'partnership-manager'],
    ]);
    const answer = { answeredOn: day, response: 'responded' as const, summary: 'apology and review' };
    const byManager = await d.refusal(
      handle.executeUpdate(complaintDecisions.appealAnswer.update, { args: [{ ...answer, actor: manager }] }),
    );
    expect(byManager).toMatchObject({ type: 'InvalidDecision', message: expect.stringContaining('§13.7') });
    const closed = await handle.executeUpdate(complaintDecisions.appealAnswer.update, {
      args: [{ ...answer, actor: chair }],
    });
    expect(closed).toMatchObject({ stage: 'closed', status: 'closed' });
    expect(closed.deadlines.map((x) => [x.key, x.state])).toEqual([
      ['actionConfirmed', 'met'],
      ['complaintOutcome', 'met'],
      ['furtherAction', 'met'],
      ['appealResponse', 'met'],
    ]);
  });

  it('reminds the partnership manager, then escalates a missed confirmation once', async () => {
    const day = await d.today();
    const { input, handle } = await start(day);
    await expect
      .poll(async () => due(await handle.query(m.complaintViewQuery), 'actionConfirmed'))
      .toBeDefined();
    const action = due(await handle.query(m.complaintViewQuery), 'actionConfirmed')!;
    await d.sleepUntil(action.dueAt, MINUTE);
    expect(due(await handle.query(m.complaintViewQuery), 'actionConfirmed')?.state).toBe('breached');
    expect((await noticesFor(input.complaintId)).slice(1)).toEqual([
      ['deadline-reminder', ['partnership-manager']],
      ['deadline-reminder', ['partnership-manager']],
      ['deadline-breached', ['business-manager', 'independent-chair']],
    ]);

    const today = await d.today();
    await handle.executeUpdate(complaintDecisions.action.update, {
      args: [{ confirmedOn: today, action: 'late reply', actor: manager }],
    });
    await handle.executeUpdate(complaintDecisions.outcome.update, {
      args: [{ kind: 'outcome', decidedOn: today, summary: 'not upheld', actor: manager }],
    });
    const closed = await handle.executeUpdate(complaintDecisions.closure.update, {
      args: [{ closedOn: today, reason: 'no appeal', actor: manager }],
    });
    expect(closed.stage).toBe('closed');
    expect(due(closed, 'actionConfirmed')?.state).toBe('met-late');
  });

  it('takes one decision at a time: a second outcome sent at the same moment is refused, and the complaint runs on', async () => {
    const day = await d.today();
    const { handle } = await start(day);
    await handle.executeUpdate(complaintDecisions.action.update, {
      args: [{ confirmedOn: day, action: 'raised', actor: manager }],
    });
    const timescale = {
      kind: 'timescale' as const,
      decidedOn: day,
      summary: 'audit',
      furtherActionBy: formatIsoDate(parseIsoDate(day) + 20),
      actor: manager,
    };
    const results = await Promise.allSettled([
      handle.executeUpdate(complaintDecisions.outcome.update, { args: [timescale] }),
      handle.executeUpdate(complaintDecisions.outcome.update, { args: [timescale] }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const view = await handle.query(m.complaintViewQuery);
    expect(view.stage).toBe('further-action');
    expect(view.deadlines.filter((x) => x.key === 'furtherAction')).toHaveLength(1);
    const closedOn = await handle.executeUpdate(complaintDecisions.outcome.update, {
      args: [{ kind: 'outcome', decidedOn: day, summary: 'done', actor: manager }],
    });
    expect(closedOn.stage).toBe('outcome-given');
  });
});
