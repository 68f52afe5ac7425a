/**
 * caseWorkflow: one serious child safeguarding incident, from the day a partner became aware
 * of it, through the notification to the National Panel, to the rapid review.
 * The workflow's history is the case file: every decision arrives as an Update carrying who
 * made it, and every due date was planned by an activity and recorded.
 */
import { condition, proxyActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type * as activities from '../activities';
import { type IsoDate, parseIsoDate } from '../src/calendar/civilDate';
import { londonDate } from '../src/calendar/london';
import type {
  Actor,
  CaseInput,
  CaseStage,
  CaseStatus,
  CaseView,
  DeadlineKey,
  NotificationDecision,
  PlannedDeadline,
  TimelineEvent,
} from '../src/case/types';
import {
  Breached,
  CaseStage as CaseStageAttr,
  CaseStatus as CaseStatusAttr,
  NextDeadlineAt,
} from '../src/temporal/searchAttributes';
import { Deadline } from './deadline';
import { caseViewQuery, recordNotificationDecision } from './messages';
import { invalidDecision, wrongStage } from './rejections';

const { loadCasePolicy, planDeadline } = proxyActivities<activities.Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export async function caseWorkflow(input: CaseInput): Promise<CaseView> {
  const timeline: TimelineEvent[] = [];
  const deadlines = new Map<DeadlineKey, Deadline>();
  const watchers: Promise<void>[] = [];
  let stage: CaseStage = 'notification';
  let status = 'open' as CaseStatus;
  let notification: NotificationDecision | undefined;
  /** True while a due date is being planned, so answers wait for the complete picture. */
  let planning = false;

  const record = (type: string, summary: string, actor?: Actor) =>
    timeline.push({ at: new Date().toISOString(), type, summary, ...(actor && { actor }) });

  const view = (): CaseView => ({
    caseId: input.caseId,
    partnership: input.partnership,
    reference: input.reference,
    awareAt: input.awareAt,
    stage,
    status,
    deadlines: [...deadlines.values()].map((d) => d.view()),
    timeline: [...timeline],
  });

  const publishSearchAttributes = () => {
    const open = [...deadlines.values()]
      .filter((d) => d.isOpen)
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    upsertSearchAttributes([
      { key: CaseStageAttr, value: stage },
      { key: CaseStatusAttr, value: status },
      { key: NextDeadlineAt, value: open[0] ? new Date(open[0].dueAt) : null },
      { key: Breached, value: [...deadlines.values()].some((d) => d.isBreached) },
    ]);
  };

  const plan = async (request: Omit<activities.PlanDeadlineInput, 'partnership'>): Promise<Deadline> => {
    planning = true;
    try {
      return track(await planDeadline({ partnership: input.partnership, ...request }));
    } finally {
      planning = false;
    }
  };

  const track = (plan: PlannedDeadline): Deadline => {
    const deadline = new Deadline(plan, async (d) => {
      record('deadline-breached', `${d.key} deadline passed (due ${d.dueDate}) with nothing recorded`);
      publishSearchAttributes();
    });
    deadlines.set(plan.key, deadline);
    record('deadline-planned', `${plan.key} due ${plan.dueDate} (${plan.ruleText} ${plan.basisDate})`);
    publishSearchAttributes();
    watchers.push(deadline.watch());
    return deadline;
  };

  setHandler(caseViewQuery, view);

  setHandler(
    recordNotificationDecision,
    async (decision) => {
      await condition(() => deadlines.has('notification'));
      notification = decision;
      const deadline = deadlines.get('notification')!;
      if (decision.outcome === 'notified') {
        const state = deadline.meet(decision.notifiedOn);
        record('notified', `National Panel notified on ${decision.notifiedOn} (${state})`, decision.actor);
      } else {
        const state = deadline.meet(decision.decidedOn);
        record(
          'not-notifiable',
          `decided not notifiable on ${decision.decidedOn} (${state})`,
          decision.actor,
        );
      }
      publishSearchAttributes();
      // Answer with the case as the decision leaves it: at its next stage, next clock planned.
      await condition(() => stage !== 'notification' && !planning);
      return view();
    },
    {
      validator: (decision) => {
        if (stage !== 'notification' || notification !== undefined) {
          throw wrongStage(
            `the notification decision has already been recorded; the case is at stage ${stage}`,
          );
        }
        const on = decision.outcome === 'notified' ? decision.notifiedOn : decision.decidedOn;
        const field = decision.outcome === 'notified' ? 'notifiedOn' : 'decidedOn';
        assertDateInCase(on, field, input.awareAt);
      },
    },
  );

  record('case-started', `case ${input.reference} started; aware on ${input.awareAt}`, input.startedBy);
  const policy = await loadCasePolicy(input.partnership);

  await plan({
    key: 'notification',
    basisDate: input.awareAt,
    rule: { kind: 'working-days-after', workingDays: policy.notificationWorkingDays },
  });

  await condition(() => notification !== undefined);

  if (notification!.outcome === 'not-notifiable') {
    stage = 'closed';
    status = 'closed';
    record('case-closed', 'not a notifiable incident: no rapid review is required');
    publishSearchAttributes();
    return view();
  }

  const basis = policy.rapidReviewBasis === 'notification' ? notification!.notifiedOn : input.awareAt;
  planning = true; // before the stage moves, so the decision's answer includes the new clock
  stage = 'rapid-review';
  await plan({
    key: 'rapidReview',
    basisDate: basis,
    rule: { kind: 'working-days-after', workingDays: policy.rapidReviewWorkingDays },
  });

  // The rapid review, the review decision and the Panel's response follow here; until they
  // are recorded the case stays open with its clocks running.
  await condition(() => status === 'closed');
  await Promise.all(watchers);
  return view();
}

/** A decision's date can be neither before the case began nor in the future. */
function assertDateInCase(date: IsoDate, field: string, awareAt: IsoDate): void {
  try {
    parseIsoDate(date);
  } catch {
    throw invalidDecision(`${field} must be a real date in the form YYYY-MM-DD`, field);
  }
  if (date < awareAt)
    throw invalidDecision(`${field} (${date}) is before the case's awareness date ${awareAt}`, field);
  const today = londonDate(new Date());
  if (date > today) throw invalidDecision(`${field} (${date}) is in the future (today is ${today})`, field);
}
