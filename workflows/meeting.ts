/**
 * meetingWorkflow: the timescales before one partnership meeting (000 §8.5), or the notice of
 * a special meeting to reconsider a decision (000 §12.22-12.23). It reminds the owners of
 * each step, records when each was done, and ends when the meeting day is over.
 */
import { condition, setHandler } from '@temporalio/workflow';
import type { DeadlineRule } from '../src/calendar';
import type { IsoDate } from '../src/calendar/civilDate';
import { parseIsoDate } from '../src/calendar/civilDate';
import { endOfLondonDayMs, londonDate } from '../src/calendar/london';
import type { MeetingInput, MeetingMilestone, MeetingStage, MeetingView } from '../src/meeting/types';
import type { RecipientRole } from '../src/policy/schema';
import { StagedRecordFile } from './stagedRecordFile';
import { assertPastDate, assertText } from './decisionChecks';
import { meetingDecisions } from '../src/meeting/decisions';
import { meetingViewQuery } from '../src/meeting/messages';
import { allDecisionsAnswered, registerDecisions } from './decisions';
import { replanDeadlines } from '../src/case/messages';
import { wrongStage } from './rejections';

const MEMBERS: RecipientRole[] = ['business-manager', 'safeguarding-partners'];

export async function meetingWorkflow(input: MeetingInput): Promise<MeetingView> {
  const { policy } = input;
  // The request's day: a worker that takes the start up late must not move the notice given.
  const scheduledOn: IsoDate = input.scheduledOn ?? londonDate(new Date());
  const file = new StagedRecordFile<MeetingStage>(
    { caseId: input.meetingId, partnership: input.partnership, reference: input.reference },
    'preparing',
    ['held', 'cancelled'],
    policy.deadlineNotices,
  );
  const view = (): MeetingView => ({
    meetingId: input.meetingId,
    partnership: input.partnership,
    reference: input.reference,
    kind: input.kind,
    title: input.title,
    meetingDate: input.meetingDate,
    ...file.contents(),
  });
  const answer = () => file.answer(view);

  setHandler(meetingViewQuery, view);

  registerDecisions(meetingDecisions, {
    milestone: {
      validate: (done) => {
        if (file.stage !== 'preparing') throw wrongStage(`the meeting is ${file.stage}`);
        const deadline = file.deadline(done.milestone);
        if (!deadline) throw wrongStage(`a ${input.kind} meeting has no ${done.milestone} step`);
        if (!deadline.isOpen) throw wrongStage(`${done.milestone} has already been recorded`);
        assertPastDate(done.doneOn, 'doneOn', { date: scheduledOn, what: 'the meeting was scheduled on' });
      },
      decide: (done) => {
        const state = file.deadline(done.milestone)!.meet(done.doneOn);
        file.record(done.milestone, `${done.milestone} done on ${done.doneOn} (${state})`, done.actor);
        file.publish();
        return answer();
      },
    },
    cancellation: {
      validate: (cancellation) => {
        if (file.stage !== 'preparing') throw wrongStage(`the meeting is already ${file.stage}`);
        assertText(cancellation.reason, 'reason', 'say why the meeting is cancelled');
      },
      decide: (cancellation) => {
        for (const deadline of file.openDeadlines()) deadline.markNotApplicable('the meeting was cancelled');
        file.record('cancelled', `meeting cancelled: ${cancellation.reason}`, cancellation.actor);
        file.moveTo('cancelled');
        return answer();
      },
    },
  });

  setHandler(replanDeadlines, ({ reason, actor }) => file.replanOpen(reason, actor));

  // ---- Before the meeting ----

  file.record('meeting-scheduled', `${input.title} on ${input.meetingDate}`, input.startedBy);
  const before = (workingDays: number): DeadlineRule => ({ kind: 'working-days-before', workingDays });
  const plan = (key: MeetingMilestone, rule: DeadlineRule, remindTo: RecipientRole[]) =>
    file.plan({ key, basisDate: input.meetingDate, rule }, { remindTo });

  if (input.kind === 'special') {
    // Notice goes now; the API refused a date with less than the required notice, unless the
    // Chair determined a shorter period as urgent (000 §12.23): then that is the notice kept.
    const { urgency } = input;
    if (urgency)
      file.record(
        'urgent-notice',
        `the Chair determined ${urgency.noticeDays} days' notice instead of ${policy.specialMeetingNoticeDays}, as urgent: ${urgency.reason}`,
        urgency.determinedBy,
      );
    const notice = await file.plan(
      {
        key: 'specialMeetingNotice',
        basisDate: input.meetingDate,
        rule: { kind: 'calendar-days-before', days: urgency?.noticeDays ?? policy.specialMeetingNoticeDays },
      },
      { reminders: false },
    );
    notice.meet(scheduledOn);
    if (file.stage === 'preparing')
      await file.notify(
        'special-meeting-notice',
        'special-meeting-notice',
        ['safeguarding-partners', 'executive-group'],
        {
          title: input.title,
          meetingDate: input.meetingDate,
          givenOn: scheduledOn,
          ...(urgency && { shortenedAsUrgent: `${urgency.noticeDays} days` }),
        },
      );
  } else {
    const requests = await plan(
      'agendaRequests',
      before(policy.agendaRequestWorkingDays[input.kind]),
      MEMBERS,
    );
    const reports = await plan('reports', before(policy.reportsWorkingDays), MEMBERS);
    const circulation = await plan('agendaCirculation', before(policy.agendaCirculationWorkingDays), [
      'business-manager',
    ]);
    if (file.stage === 'preparing')
      await file.notify('meeting-scheduled', 'meeting-scheduled', MEMBERS, {
        title: input.title,
        meetingDate: input.meetingDate,
        agendaRequests: requests.dueDate,
        reports: reports.dueDate,
        agendaCirculation: circulation.dueDate,
      });
  }

  // Cancelled while the dates were being planned: nothing planned after it may remind anyone.
  if (file.stage === 'cancelled') {
    for (const deadline of file.openDeadlines()) deadline.markNotApplicable('the meeting was cancelled');
  }

  // ---- The meeting day ----

  const overMs = endOfLondonDayMs(parseIsoDate(input.meetingDate)) - Date.now();
  if (overMs > 0) await condition(() => file.stage !== 'preparing', overMs);
  if (file.stage === 'preparing') {
    file.record('held', `the meeting day ${input.meetingDate} is over`);
    file.moveTo('held');
  }
  await file.settled();
  await allDecisionsAnswered();
  return view();
}
