/**
 * A local review's completion and publication held up (003 L390: "unless there are
 * extenuating circumstances such as an ongoing criminal or coronial proceedings. Any delay …
 * will be approved by the Extended Safeguarding Executive Group and the reasons notified to
 * the National Panel and Secretary of State"): a delay to a known date, an extension beside
 * the statutory date within the pack's limit; or a pause with no known end, its reasons sent
 * at once, recalled at the pack's interval while it lasts, and on resumption the due date
 * moved on by the time paused.
 */
import { condition } from '@temporalio/workflow';
import { calendarOf } from '../../src/calendar/calendarWindow';
import { formatIsoDate, type IsoDate, parseIsoDate } from '../../src/calendar/civilDate';
import { londonDate, londonHourMs } from '../../src/calendar/london';
import type { ApprovedDelay, LocalReviewView, Pause, Resumption } from '../../src/localReview/types';
import { DELAY_WORDS } from '../../src/localReview/values';
import { assertApprover, assertPastDate, assertRealDate, assertText } from '../decisionChecks';
import type { DecisionHandler } from '../decisions';
import { invalidDecision, wrongStage } from '../rejections';
import type { LocalReviewRecord } from './localReviewRecord';

type Handler<A> = DecisionHandler<LocalReviewView, A>;

const TO_PANEL_AND_SOS = ['panel-liaison', 'secretary-of-state'] as const;
/** Reminders of an open pause go at 09:00 London time, as a deadline's do. */
const REMINDER_HOUR = 9;

/** The open completion deadline, or a refusal naming why there is none to change. */
function completion(r: LocalReviewRecord, what: string) {
  const deadline = r.file.deadline('csprPublication');
  if (!deadline?.isOpen) throw wrongStage(`there is no open completion deadline to ${what}`);
  return deadline;
}

export function delayHandler(r: LocalReviewRecord): Handler<ApprovedDelay> {
  return {
    validate: (delay) => {
      const deadline = completion(r, 'delay');
      if (r.delaying) throw wrongStage('another delay is being recorded; try again');
      if (deadline.isPaused) throw wrongStage('the review is paused: resume it first');
      assertApprover(delay.actor, 'a delay', r.rules.approval('delay'));
      if (!r.fileRules.delayLimit)
        throw invalidDecision("the partnership's pack allows no delay of the local review", 'newDueDate');
      assertPastDate(delay.approvedOn, 'approvedOn', r.since(undefined, 'the decision of'));
      assertRealDate(delay.newDueDate, 'newDueDate');
      if (r.window && delay.newDueDate > r.window.through) {
        throw invalidDecision(
          `newDueDate is beyond the review's planned calendar (to ${r.window.through}); re-plan it first (cli replan)`,
          'newDueDate',
        );
      }
      if (delay.newDueDate <= deadline.clockDueDate)
        throw invalidDecision(
          `newDueDate must be after the current due date ${deadline.clockDueDate}`,
          'newDueDate',
        );
      assertText(delay.details, 'details', 'the reasons for the delay go to the Panel: give them');
    },
    decide: async (delay) => {
      r.delaying = true;
      try {
        const deadline = r.file.deadline('csprPublication')!;
        const reason = DELAY_WORDS[delay.reason];
        await r.file.extend(deadline, delay.newDueDate, `${reason}: ${delay.details}`, delay.actor, {
          limit: r.fileRules.delayLimit ?? undefined,
          approvedOn: delay.approvedOn,
        });
        await r.file.notify(
          `csprPublication:v${deadline.version}:delayed`,
          'cspr-delayed',
          [...TO_PANEL_AND_SOS],
          { reason, details: delay.details, newDueDate: delay.newDueDate },
        );
      } finally {
        r.delaying = false;
      }
      return r.answer();
    },
  };
}

export function pauseHandler(r: LocalReviewRecord): Handler<Pause> {
  return {
    validate: (pause) => {
      const deadline = completion(r, 'pause');
      if (deadline.isPaused) throw wrongStage(`the review is already paused, since ${r.pause?.pausedOn}`);
      assertApprover(pause.actor, 'a pause', r.rules.approval('delay'));
      assertPastDate(pause.pausedOn, 'pausedOn', r.since(undefined, 'the decision of'));
      assertText(pause.details, 'details', 'the reasons for the pause go to the Panel: give them');
    },
    decide: async (pause) => {
      const deadline = r.file.deadline('csprPublication')!;
      const reason = DELAY_WORDS[pause.reason];
      r.pause = { pausedOn: pause.pausedOn, reason, details: pause.details };
      r.file.pause(deadline, pause.pausedOn, `${reason}: ${pause.details}`, pause.actor);
      await r.file.notify(`csprPublication:pause:${pause.pausedOn}`, 'cspr-paused', [...TO_PANEL_AND_SOS], {
        pausedOn: pause.pausedOn,
        reason,
        details: pause.details,
      });
      r.background.push(remindWhilePaused(r, pause.pausedOn, reason));
      r.progressDue = true;
      return r.answer();
    },
  };
}

export function resumptionHandler(r: LocalReviewRecord): Handler<Resumption> {
  return {
    validate: (resumption) => {
      if (!r.isPaused || !r.pause) throw wrongStage('the review is not paused');
      assertApprover(resumption.actor, 'resuming the review', r.rules.approval('delay'));
      assertPastDate(resumption.resumedOn, 'resumedOn', { date: r.pause.pausedOn, what: 'the pause of' });
    },
    decide: async (resumption) => {
      const deadline = r.file.deadline('csprPublication')!;
      const { pausedOn } = r.pause!;
      // Due later by the days it was paused, from the date the clock ran to.
      const paused = parseIsoDate(resumption.resumedOn) - parseIsoDate(pausedOn);
      const newDueDate = formatIsoDate(parseIsoDate(deadline.clockDueDate) + paused);
      const why = `resumed after ${paused} days paused${resumption.details ? `: ${resumption.details}` : ''}`;
      r.pause = undefined;
      await r.file.resume(deadline, resumption.resumedOn, newDueDate, why, resumption.actor);
      await r.file.notify(`csprPublication:resume:${pausedOn}`, 'cspr-resumed', [...TO_PANEL_AND_SOS], {
        pausedOn,
        resumedOn: resumption.resumedOn,
        newDueDate,
        statutoryDueDate: deadline.dueDate,
      });
      r.progressDue = true;
      return r.answer();
    },
  };
}

/**
 * While the pause lasts, the business manager and the independent chair are reminded of it
 * every so many working days (the pack's), counted on the review's recorded calendar.
 */
async function remindWhilePaused(r: LocalReviewRecord, pausedOn: IsoDate, reason: string): Promise<void> {
  const resumed = () => r.pause?.pausedOn !== pausedOn;
  for (let n = 1; !resumed(); n += 1) {
    const next = nextReminderMs(r);
    if (next === undefined) return;
    if (await condition(resumed, Math.max(1, next - Date.now()))) return;
    await r.file.notify(
      `csprPublication:pause:${pausedOn}:reminder:${n}`,
      'cspr-pause-reminder',
      ['business-manager', 'independent-chair'],
      { pausedOn, reason },
    );
  }
}

/** The next reminder's instant: the pack's working days from today, on the review's calendar. */
function nextReminderMs(r: LocalReviewRecord): number | undefined {
  try {
    const calendar = calendarOf(r.window!);
    const day = calendar.addWorkingDays(
      parseIsoDate(londonDate(new Date())),
      r.fileRules.pauseReminderWorkingDays,
    );
    return londonHourMs(day, REMINDER_HOUR);
  } catch {
    // Past the review's planned calendar: a re-plan (cli replan) stretches it; until then, no guess.
    return undefined;
  }
}
