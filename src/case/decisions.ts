/**
 * The decisions on a case, steps 1 to 4 (SPEC "The case lifecycle"): for each, the Update the
 * workflow answers, the body it carries, who may take it, and its form on the case page.
 * The workflow registers a handler for every entry (workflows/case/), the API a route
 * (`POST /api/cases/:id/<route>`), the dashboard a form: one entry and its handler make a
 * new decision.
 */
import { APPROVERS, LEADS, LIAISONS, MANAGERS } from '../auth/roles';
import { agencyReturnDecisions, outstandingReturns } from '../agencyReturns/decisions';
import { decisionsOf } from '../decisions/catalogue';
import { date, type Field, select, textarea } from '../decisions/forms';
import { caseBodies } from './bodies';
import { votingDecisions } from './votingDecisions';
import type { CaseFormView, CaseView } from './types';
import {
  CASE_STAGES,
  type CaseStage,
  CaseStages,
  DECIDING_STAGES,
  FamilyToldHow,
  NotificationOutcomes,
  PanelResponses,
  RECONSIDERATION_CHOICES,
  RECONSIDERED_BEFORE,
  ReviewFormats,
  WithdrawalReasons,
} from './values';

export type { CaseFormView };

const { decision } = decisionsOf<CaseView, CaseFormView>();
const rationale = textarea('rationale', 'Rationale');
const OPEN_DEADLINE_STATES = ['pending', 'extended', 'breached'];

export const caseDecisions = {
  considerationMeeting: decision({
    route: 'consideration-meeting',
    update: 'recordConsiderationMeeting',
    body: caseBodies.considerationMeeting,
    roles: LEADS,
    summary: 'Record the notification consideration meeting',
    form: {
      title: 'Record the notification consideration meeting',
      button: 'Record the meeting',
      stages: [CaseStages.notification],
      fields: () => [
        date('heldOn', 'Date held'),
        { name: 'criteriaMet', label: 'Were the criteria for notification met?', kind: 'yes-no' },
      ],
    },
  }),

  notificationDecision: decision({
    route: 'notification-decision',
    update: 'recordNotificationDecision',
    body: caseBodies.notificationDecision,
    roles: LEADS,
    summary: 'Record the notification decision',
    form: {
      title: 'Record the notification decision',
      button: 'Record the decision',
      stages: [CaseStages.notification],
      fields: () => [
        select('outcome', 'Decision', {
          [NotificationOutcomes.notified]: 'Notified to the National Panel',
          [NotificationOutcomes.notNotifiable]: 'Not notifiable',
        }),
        date('notifiedOn', 'Date notified (if notified)'),
        date('decidedOn', 'Date decided (if not notifiable)'),
        { ...rationale, label: 'Rationale (if not notifiable)' },
      ],
      // Only the fields of the chosen outcome travel (the schema is strict).
      toBody: ({ notifiedOn, decidedOn, rationale: why, ...rest }) =>
        rest.outcome === NotificationOutcomes.notified
          ? { ...rest, notifiedOn }
          : { ...rest, decidedOn, rationale: why },
    },
  }),

  rapidReview: decision({
    route: 'rapid-review',
    update: 'recordRapidReview',
    body: caseBodies.rapidReview,
    roles: LEADS,
    summary: 'Record the rapid review',
    form: {
      title: 'Record the rapid review',
      button: 'Record the rapid review',
      stages: [CaseStages.rapidReview],
      fields: (view) => [
        date('completedOn', 'Date completed'),
        select('format', 'How it was held', {
          [ReviewFormats.meeting]: 'Meeting',
          // Offered where the pack has a Virtual Panel (cases from before showed it everywhere).
          ...((view.rules?.virtualPanel ?? !view.rules) && { [ReviewFormats.virtualPanel]: 'Virtual Panel' }),
        }),
        ...virtualPanelField(view),
        ...overrideField(view),
      ],
    },
  }),

  ...votingDecisions,

  familyTold: decision({
    route: 'family-told',
    update: 'recordFamilyTold',
    body: caseBodies.familyTold,
    roles: LEADS,
    summary: 'Record that the child and family were told the decision',
    form: {
      title: 'Record that the child and family were told the decision and its rationale',
      button: 'Record it',
      stages: CASE_STAGES,
      when: (view) =>
        view.deadlines.some(
          (d) =>
            (d.key === 'familyTold' || d.key === 'familyToldAgain') && OPEN_DEADLINE_STATES.includes(d.state),
        ),
      fields: () => [
        date('toldOn', 'Date told'),
        select('how', 'How', {
          [FamilyToldHow.inPersonAndWriting]: 'In person through their practitioner, and in writing',
          [FamilyToldHow.inWriting]: 'In writing',
        }),
        { name: 'toldBy', label: "By (the practitioner's role, never a name)", kind: 'text' },
      ],
    },
  }),

  awarenessCorrection: decision({
    route: 'awareness-date',
    update: 'correctAwarenessDate',
    body: caseBodies.awarenessCorrection,
    roles: APPROVERS,
    summary: 'Correct the awareness date',
    form: {
      title: 'Correct the awareness date',
      button: 'Correct it and re-plan the deadlines',
      stages: DECIDING_STAGES,
      fields: () => [date('awareAt', 'Corrected awareness date'), textarea('reason', 'Why it is corrected')],
    },
  }),

  withdrawal: decision({
    route: 'withdrawal',
    update: 'withdrawCase',
    body: caseBodies.withdrawal,
    roles: APPROVERS,
    summary: 'Withdraw a case opened in error or a duplicate',
    form: {
      title: 'Withdraw the case (opened in error, or a duplicate)',
      button: 'Withdraw the case',
      stages: DECIDING_STAGES,
      fields: () => [
        date('withdrawnOn', 'Date decided'),
        select('reason', 'Why', {
          [WithdrawalReasons.openedInError]: 'Opened in error',
          [WithdrawalReasons.duplicate]: 'A duplicate of another case',
        }),
        { name: 'duplicateOf', label: 'Reference of the case it duplicates (if a duplicate)', kind: 'text' },
        textarea('details', 'Details'),
      ],
    },
  }),

  handOverRetry: decision({
    route: 'local-review-retry',
    update: 'retryLocalReviewStart',
    body: caseBodies.handOverRetry,
    roles: APPROVERS,
    summary: 'Try again to start the local review that could not start',
    form: {
      title: 'Try again to start the local review',
      button: 'Start the local review',
      stages: [CaseStages.csprCommissioned],
      when: (view) => view.localReviewHeld !== undefined,
      fields: () => [textarea('details', 'What was put right')],
    },
  }),

  panelResponse: decision({
    route: 'panel-response',
    update: 'recordPanelResponse',
    body: caseBodies.panelResponse,
    roles: LIAISONS,
    summary: "Record the National Panel's response",
    form: {
      title: "Record the National Panel's response",
      button: 'Record the response',
      stages: [CaseStages.panelResponse],
      fields: () => [
        date('receivedOn', 'Date received'),
        select('response', 'Response', {
          [PanelResponses.agrees]: 'Agrees',
          [PanelResponses.disagrees]: 'Disagrees',
          [PanelResponses.nationalReview]: 'Will undertake a national review',
        }),
      ],
    },
  }),

  reconsideration: decision({
    route: 'reconsideration',
    update: 'recordReconsideration',
    body: caseBodies.reconsideration,
    roles: MANAGERS,
    summary: 'Record the reconsideration',
    form: {
      title: 'Record the reconsideration',
      button: 'Record the reconsideration',
      stages: [CaseStages.reconsideration],
      fields: (view) => [
        date('decidedOn', 'Date decided'),
        select(
          'outcome',
          'Outcome',
          Object.fromEntries(
            (view.rules?.reconsiderationOutcomes ?? RECONSIDERED_BEFORE).map((o) => [
              o,
              RECONSIDERATION_CHOICES[o],
            ]),
          ),
        ),
        textarea('justification', 'Justification for the National Panel'),
      ],
    },
  }),

  extension: decision({
    route: 'extensions',
    update: 'extendDeadline',
    body: caseBodies.extension,
    roles: APPROVERS,
    summary: 'Extend a deadline',
    form: {
      title: 'Extend a deadline',
      button: 'Extend the deadline',
      stages: DECIDING_STAGES,
      fields: (view) => [
        {
          name: 'key',
          label: 'Deadline',
          kind: 'select',
          options: view.deadlines
            .filter((d) => !d.key.startsWith('agency-return:'))
            .filter((d) => OPEN_DEADLINE_STATES.includes(d.state))
            .map((d) => ({ value: d.key, text: `${d.key} (due ${d.dueDate})` })),
        },
        date('newDueDate', 'New due date (a working day)'),
        textarea('reason', 'Reason'),
        date('approvedOn', 'Date approved'),
      ],
    },
  }),

  ...agencyReturnDecisions<CaseView, CaseFormView, CaseStage>({
    forWhat: 'the rapid review',
    requestStages: [CaseStages.notification, CaseStages.rapidReview],
    openStages: DECIDING_STAGES,
    mayBeOptional: true,
  }),
};

export type CaseDecisions = typeof caseDecisions;

/** Why a meeting could not be held, asked for where the pack has a Virtual Panel (004 §12.6). */
function virtualPanelField(view: CaseFormView): Field[] {
  const panel = view.rules?.virtualPanel;
  if (!panel) return [];
  return [
    {
      name: 'virtualPanelReason',
      label: 'If by Virtual Panel: why a meeting could not be convened',
      kind: 'textarea',
      hint: `A Virtual Panel (${panel.members.join(', ')}) decides where ${panel.usedWhen}`,
    },
  ];
}

/** The override reason, asked for only while required information is outstanding. */
function overrideField(view: CaseFormView): Field[] {
  const required = outstandingReturns(view).filter((r) => r.required);
  if (required.length === 0) return [];
  return [
    {
      name: 'outstandingReturnsOverride',
      label: 'Reason for recording it with required information outstanding',
      kind: 'textarea',
      hint: `Outstanding: ${required.map((r) => r.agencyName).join(', ')}. Only the business manager or the independent chair can override.`,
    },
  ];
}

/** Starting a case: who may, in the words a refusal gives. */
export const startCaseAccess = { roles: LEADS, summary: 'Start a case' } as const;
