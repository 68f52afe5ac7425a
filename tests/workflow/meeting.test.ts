/**
 * meetingWorkflow on the time-skipping server (000 §8.5 and §12.22-12.23): agenda requests
 * 15 working days before an executive meeting and 10 before a subgroup, reports 7, agenda
 * circulation 5, all counted around bank holidays; a special meeting with 7 days' notice.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { formatIsoDate, parseIsoDate } from '../../src/calendar';
import type { MeetingView } from '../../src/meeting/types';
import { meetingWorkflow } from '../../workflows/meeting';
import * as m from '../../src/meeting/messages';
import { meetingDecisions } from '../../src/meeting/decisions';
import { expectedDue, manager, meetingInput, noticesFor, policies, startTracked } from '../helpers/cases';
import { type CaseSuite, useCaseSuite } from '../helpers/driver';

const MINUTE = 60_000;
let env: TestWorkflowEnvironment;
let taskQueue: string;
let d: CaseSuite['driver'];
useCaseSuite((suite) => ({ env, taskQueue, driver: d } = suite));

const deadline = (view: MeetingView, key: string) => view.deadlines.find((x) => x.key === key)!;

/** A meeting in mid-January next year: its working days before run back over Christmas. */
async function januaryMeeting(): Promise<string> {
  return `${Number((await d.today()).slice(0, 4)) + 1}-01-14`;
}

async function started(kind: 'executive' | 'subgroup' | 'special', meetingDate: string) {
  const input = meetingInput({ kind, meetingDate });
  const handle = await startTracked(env, taskQueue, meetingWorkflow, input.meetingId, input);
  await expect
    .poll(
      async () =>
        (await handle.query(m.meetingViewQuery)).notices.filter((n) => n.status === 'delivered').length,
    )
    .toBe(1);
  return { input, handle, view: await handle.query(m.meetingViewQuery) };
}

describe('a meeting (000 §8.5)', () => {
  it('counts an executive meeting’s deadlines back over the Christmas bank holidays, and reminds the owners', async () => {
    const meetingDate = await januaryMeeting();
    const { input, handle, view } = await started('executive', meetingDate);
    const before = (workingDays: number) => ({ kind: 'working-days-before' as const, workingDays });
    const requests = deadline(view, 'agendaRequests');
    expect(requests.dueDate).toBe(expectedDue(input.partnership, meetingDate, before(15)).dueDate);
    // 15 working days would be 21 calendar days without holidays; Christmas and New Year push it back.
    expect(parseIsoDate(meetingDate) - parseIsoDate(requests.dueDate)).toBeGreaterThan(21);
    expect(
      policies
        .calendar(input.partnership)
        .workingDaysBetween(parseIsoDate(requests.dueDate), parseIsoDate(meetingDate)),
    ).toBe(15);
    expect(deadline(view, 'reports').dueDate).toBe(
      expectedDue(input.partnership, meetingDate, before(7)).dueDate,
    );
    expect(deadline(view, 'agendaCirculation').dueDate).toBe(
      expectedDue(input.partnership, meetingDate, before(5)).dueDate,
    );
    expect(await noticesFor(input.meetingId)).toEqual([
      ['meeting-scheduled', ['business-manager', 'safeguarding-partners']],
    ]);

    await d.sleepUntil(requests.dueAt, -MINUTE);
    await handle.executeUpdate(meetingDecisions.milestone.update, {
      args: [{ milestone: 'agendaRequests', doneOn: await d.today(), actor: manager }],
    });
    await d.sleepUntil(deadline(view, 'reports').dueAt, MINUTE);
    const late = await handle.query(m.meetingViewQuery);
    expect(deadline(late, 'agendaRequests').state).toBe('met');
    expect(deadline(late, 'reports').state).toBe('breached');
    const types = (await noticesFor(input.meetingId)).map(([type, to]) => `${type}→${to.join('+')}`);
    expect(types.filter((t) => t.startsWith('deadline-reminder'))).toContain(
      'deadline-reminder→business-manager+safeguarding-partners',
    );
    expect(types.at(-1)).toBe('deadline-breached→business-manager+independent-chair');

    await d.sleepUntil(`${meetingDate}T23:59:59.999Z`, MINUTE);
    await expect.poll(async () => (await handle.describe()).status.name).toBe('COMPLETED');
    expect((await handle.query(m.meetingViewQuery)).stage).toBe('held');
  });

  it('asks for subgroup agenda items 10 working days before', async () => {
    const meetingDate = await januaryMeeting();
    const { input, view } = await started('subgroup', meetingDate);
    expect(deadline(view, 'agendaRequests').dueDate).toBe(
      expectedDue(input.partnership, meetingDate, { kind: 'working-days-before', workingDays: 10 }).dueDate,
    );
  });

  it("gives a special meeting 7 days' notice (000 §12.23)", async () => {
    const meetingDate = await januaryMeeting();
    const { input, view } = await started('special', meetingDate);
    expect(view.deadlines.map((x) => x.key)).toEqual(['specialMeetingNotice']);
    expect(deadline(view, 'specialMeetingNotice')).toMatchObject({
      dueDate: expectedDue(input.partnership, meetingDate, { kind: 'calendar-days-before', days: 7 }).dueDate,
      state: 'met',
      metOn: await d.today(),
    });
    expect(await noticesFor(input.meetingId)).toEqual([
      ['special-meeting-notice', ['safeguarding-partners', 'executive-group']],
    ]);
  });

  it('gives its notice on the day it was scheduled, however late a worker takes it up', async () => {
    const meetingDate = await januaryMeeting();
    const yesterday = formatIsoDate(parseIsoDate(await d.today()) - 1);
    const input = meetingInput({ kind: 'special', meetingDate, scheduledOn: yesterday });
    const handle = await startTracked(env, taskQueue, meetingWorkflow, input.meetingId, input);
    await expect
      .poll(async () => deadline(await handle.query(m.meetingViewQuery), 'specialMeetingNotice')?.metOn)
      .toBe(yesterday);
  });

  it('stops every clock when the meeting is cancelled', async () => {
    const { handle } = await started('executive', await januaryMeeting());
    const cancelled = await handle.executeUpdate(meetingDecisions.cancellation.update, {
      args: [{ reason: 'chair unavailable', actor: manager }],
    });
    expect(cancelled.stage).toBe('cancelled');
    expect(cancelled.deadlines.every((x) => x.state === 'not-applicable')).toBe(true);
    await expect.poll(async () => (await handle.describe()).status.name).toBe('COMPLETED');
  });
});
