/**
 * The case decisions as forms: which fields each has and who may take it at which stage. The
 * submitted form is checked by the same zod schema as the API's body, and the workflow's own
 * validator has the last word, so a form can refuse nothing the API would take.
 */
import type { AgencyReturnView, CaseStage, CaseView } from '../../src/case/types';
import type { Role } from '../../src/auth/roles';
import { caseDecisions, reviewDecisions } from '../caseDecisions';
import type { CsprStage, CsprView } from '../../src/localReview/types';
import type { CaseDecisionRoute, CsprDecisionRoute } from '../schemas';

export interface Field {
  name: string;
  label: string;
  kind: 'date' | 'text' | 'textarea' | 'select' | 'yes-no';
  hint?: string;
  options?: { value: string; text: string }[];
}

/** A case as its forms see it: with the agencies its partnership's pack names. */
export type CaseFormView = CaseView & { agencies: readonly { id: string; name: string }[] };

export interface DecisionForm<
  V = CaseFormView,
  R extends string = CaseDecisionRoute,
  S extends string = CaseStage,
> {
  route: R;
  title: string;
  button: string;
  stages: readonly S[];
  fields: (view: V) => Field[];
  /** Offered only when this holds (by default, whenever the stage fits). */
  when?: (view: V) => boolean;
}

const OPEN_STAGES: readonly CaseStage[] = [
  'notification',
  'rapid-review',
  'review-decision',
  'panel-response',
  'reconsideration',
];

/** The three forms of agency returns, for the case's rapid review or its local review. */
function returnForms<
  V extends { returns?: AgencyReturnView[]; agencies: readonly { id: string; name: string }[] },
  S extends string,
>(
  requestStages: readonly S[],
  openStages: readonly S[],
  forWhat: string,
  mayBeOptional: boolean,
): DecisionForm<
  V,
  'agency-returns' | 'agency-return-receipts' | 'agency-return-chases' | 'agency-return-withdrawals',
  S
>[] {
  return [
    {
      route: 'agency-returns',
      title: `Request an agency's information for ${forWhat}`,
      button: 'Request the information',
      stages: requestStages,
      fields: (view) => [
        {
          name: 'agency',
          label: 'Agency',
          kind: 'select',
          options: view.agencies.map((a) => ({ value: a.id, text: a.name })),
        },
        date('requestedOn', 'Date requested'),
        {
          name: 'contactName',
          label: 'Contact at the agency',
          kind: 'text',
          hint: 'Leave blank for the contact the partnership has on file',
        },
        { name: 'contactEmail', label: "Contact's e-mail address", kind: 'text' },
        {
          name: 'workingDays',
          label: 'Working days to reply',
          kind: 'text',
          hint: "Leave blank for the partnership's usual timescale",
        },
        ...(mayBeOptional
          ? [{ name: 'required', label: `Must ${forWhat} wait for it?`, kind: 'yes-no' } satisfies Field]
          : []),
      ],
    },
    {
      route: 'agency-return-receipts',
      title: "Record an agency's information as received",
      button: 'Record it received',
      stages: openStages,
      when: (view) => outstandingReturns(view).length > 0,
      fields: (view) => [outstandingAgency(view), date('receivedOn', 'Date received')],
    },
    {
      route: 'agency-return-chases',
      title: 'Chase an agency for its information now',
      button: 'Send the chase',
      stages: openStages,
      when: (view) => outstandingReturns(view).length > 0,
      fields: (view) => [outstandingAgency(view)],
    },
    {
      route: 'agency-return-withdrawals',
      title: 'Withdraw a request for information',
      button: 'Withdraw the request',
      stages: openStages,
      when: (view) => outstandingReturns(view).length > 0,
      fields: (view) => [outstandingAgency(view), { name: 'reason', label: 'Reason', kind: 'textarea' }],
    },
  ];
}

const outstandingReturns = (view: { returns?: AgencyReturnView[] }) =>
  (view.returns ?? []).filter((r) => r.state === 'requested' || r.state === 'overdue');

const outstandingAgency = (view: { returns?: AgencyReturnView[] }): Field => ({
  name: 'agency',
  label: 'Agency',
  kind: 'select',
  options: outstandingReturns(view).map((r) => ({
    value: r.agency,
    text: `${r.agencyName} (due ${r.dueDate})`,
  })),
});

export const date = (name: string, label: string): Field => ({
  name,
  label,
  kind: 'date',
  hint: 'For example, 2026-11-23',
});
const rationale: Field = { name: 'rationale', label: 'Rationale', kind: 'textarea' };

export const decisionForms: DecisionForm[] = [
  {
    route: 'consideration-meeting',
    title: 'Record the notification consideration meeting',
    button: 'Record the meeting',
    stages: ['notification'],
    fields: () => [
      date('heldOn', 'Date held'),
      { name: 'criteriaMet', label: 'Were the criteria for notification met?', kind: 'yes-no' },
    ],
  },
  {
    route: 'notification-decision',
    title: 'Record the notification decision',
    button: 'Record the decision',
    stages: ['notification'],
    fields: () => [
      {
        name: 'outcome',
        label: 'Decision',
        kind: 'select',
        options: [
          { value: 'notified', text: 'Notified to the National Panel' },
          { value: 'not-notifiable', text: 'Not notifiable' },
        ],
      },
      date('notifiedOn', 'Date notified (if notified)'),
      date('decidedOn', 'Date decided (if not notifiable)'),
      { ...rationale, label: 'Rationale (if not notifiable)' },
    ],
  },
  {
    route: 'rapid-review',
    title: 'Record the rapid review',
    button: 'Record the rapid review',
    stages: ['rapid-review'],
    fields: (view) => [
      date('completedOn', 'Date completed'),
      {
        name: 'format',
        label: 'How it was held',
        kind: 'select',
        options: [
          { value: 'meeting', text: 'Meeting' },
          { value: 'virtual-panel', text: 'Virtual Panel' },
        ],
      },
      ...(outstandingReturns(view).some((r) => r.required)
        ? [
            {
              name: 'outstandingReturnsOverride',
              label: 'Reason for recording it with required information outstanding',
              kind: 'textarea',
              hint: `Outstanding: ${outstandingReturns(view)
                .filter((r) => r.required)
                .map((r) => r.agencyName)
                .join(', ')}. Only the business manager or the independent chair can override.`,
            } satisfies Field,
          ]
        : []),
    ],
  },
  {
    route: 'votes',
    title: "Record a partner's vote",
    button: 'Record the vote',
    stages: ['review-decision'],
    fields: (view) => [
      {
        name: 'partnerId',
        label: 'Partner',
        kind: 'select',
        options: (view.decision?.partners ?? []).map((p) => ({ value: p.id, text: p.name })),
      },
      {
        name: 'vote',
        label: 'Vote',
        kind: 'select',
        options: [
          { value: 'local-cspr', text: 'A local child safeguarding practice review' },
          { value: 'refer-national', text: 'Refer to the National Panel' },
          { value: 'no-review', text: 'No review' },
        ],
      },
      rationale,
    ],
  },
  {
    route: 'panel-response',
    title: "Record the National Panel's response",
    button: 'Record the response',
    stages: ['panel-response'],
    fields: () => [
      date('receivedOn', 'Date received'),
      {
        name: 'response',
        label: 'Response',
        kind: 'select',
        options: [
          { value: 'agrees', text: 'Agrees' },
          { value: 'disagrees', text: 'Disagrees' },
          { value: 'national-review', text: 'Will undertake a national review' },
        ],
      },
    ],
  },
  {
    route: 'reconsideration',
    title: 'Record the reconsideration',
    button: 'Record the reconsideration',
    stages: ['reconsideration'],
    fields: () => [
      date('decidedOn', 'Date decided'),
      {
        name: 'outcome',
        label: 'Outcome',
        kind: 'select',
        options: [
          { value: 'adhere', text: 'Adhere to the decision' },
          { value: 'commission-cspr', text: 'Commission a local review' },
        ],
      },
      { name: 'justification', label: 'Justification for the National Panel', kind: 'textarea' },
    ],
  },
  {
    route: 'extensions',
    title: 'Extend a deadline',
    button: 'Extend the deadline',
    stages: ['notification', 'rapid-review', 'review-decision', 'panel-response', 'reconsideration'],
    fields: (view) => [
      {
        name: 'key',
        label: 'Deadline',
        kind: 'select',
        options: view.deadlines
          .filter((d) => !d.key.startsWith('agency-return:'))
          .filter((d) => ['pending', 'extended', 'breached'].includes(d.state))
          .map((d) => ({ value: d.key, text: `${d.key} (due ${d.dueDate})` })),
      },
      date('newDueDate', 'New due date'),
      { name: 'reason', label: 'Reason', kind: 'textarea' },
    ],
  },
  ...returnForms<CaseFormView, CaseStage>(
    ['notification', 'rapid-review'],
    OPEN_STAGES,
    'the rapid review',
    true,
  ),
];

/** The forms this user may use on this case now. */
export function formsFor(view: CaseFormView, role: Role): DecisionForm[] {
  return decisionForms.filter(
    (f) =>
      caseDecisions[f.route].roles.includes(role) &&
      f.stages.includes(view.stage) &&
      (f.when?.(view) ?? true),
  );
}

/** A submitted form as the API body: empty fields left out, yes/no as booleans. */
/** The submitted values of the fields: blanks left out, yes/no as booleans. */
export function fieldValues(
  fields: readonly Field[],
  submitted: Record<string, unknown>,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = submitted[field.name];
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    body[field.name] = field.kind === 'yes-no' ? raw === 'yes' : raw.trim();
  }
  return body;
}

export function bodyFrom<V, R extends string, S extends string>(
  form: DecisionForm<V, R, S>,
  view: V,
  submitted: Record<string, unknown>,
): Record<string, unknown> {
  const body = fieldValues(form.fields(view), submitted);
  // Only the fields of the chosen outcome travel (the schema is strict).
  if (form.route === 'notification-decision') {
    for (const k of body.outcome === 'notified' ? ['decidedOn', 'rationale'] : ['notifiedOn']) delete body[k];
  }
  if (form.route === 'agency-returns') {
    const { contactName, contactEmail, workingDays, ...rest } = body;
    return {
      ...rest,
      ...((contactName !== undefined || contactEmail !== undefined) && {
        contact: { name: contactName ?? '', email: contactEmail ?? '' },
      }),
      // A number for the schema; what is not a whole number stays text, which it refuses.
      ...(workingDays !== undefined && {
        workingDays: /^\d{1,3}$/.test(String(workingDays)) ? Number(workingDays) : workingDays,
      }),
    };
  }
  return body;
}

export const select = (name: string, label: string, options: [string, string][]): Field => ({
  name,
  label,
  kind: 'select',
  options: options.map(([value, text]) => ({ value, text })),
});

/** The local review's decisions as forms (SPEC steps 5 and 6). */
/** A local review as its forms see it: with the agencies of the partnership's pack. */
export type CsprFormView = CsprView & { agencies: readonly { id: string; name: string }[] };

export const reviewForms: DecisionForm<CsprFormView, CsprDecisionRoute, CsprStage>[] = [
  ...returnForms<CsprFormView, CsprStage>(
    ['commissioning', 'drafting'],
    ['commissioning', 'drafting', 'sign-off', 'publication', 'awaiting-publication', 'published'],
    'the review',
    false,
  ),
  {
    route: 'reviewer',
    title: 'Commission the independent reviewer',
    button: 'Record the commission',
    stages: ['commissioning'],
    fields: () => [
      date('commissionedOn', 'Date commissioned'),
      { name: 'reviewer', label: 'Reviewer or organisation', kind: 'text' },
      { name: 'independent', label: 'Is the reviewer independent of the agencies involved?', kind: 'yes-no' },
      { name: 'termsOfReference', label: 'Terms of reference', kind: 'textarea' },
    ],
  },
  {
    route: 'drafts',
    title: 'Record a draft',
    button: 'Record the draft',
    stages: ['drafting', 'sign-off'],
    fields: () => [
      date('receivedOn', 'Date received'),
      select('draft', 'Draft', [
        ['first', 'First draft'],
        ['further', 'Further draft (one opportunity before sign-off)'],
      ]),
    ],
  },
  {
    route: 'sign-off',
    title: 'Record the sign-off by the executive group',
    button: 'Record the sign-off',
    stages: ['sign-off'],
    fields: () => [date('signedOffOn', 'Date signed off')],
  },
  {
    route: 'communication-strategy',
    title: 'Record the sign-off of the communication strategy',
    button: 'Record the strategy',
    stages: ['drafting', 'sign-off', 'publication'],
    fields: () => [date('signedOffOn', 'Date signed off')],
  },
  {
    route: 'publication-date',
    title: 'Set the publication date',
    button: 'Set the date and send the final report',
    stages: ['publication'],
    fields: (view) => [
      {
        ...date('publicationDate', 'Publication date'),
        hint: view.earliestPublicationDate
          ? `The final report goes to the Panel and the Secretary of State now; the earliest date is ${view.earliestPublicationDate}`
          : 'Sign off the communication strategy first',
      },
    ],
  },
  {
    route: 'publication',
    title: 'Record the publication',
    button: 'Record the publication',
    stages: ['awaiting-publication'],
    fields: () => [date('publishedOn', 'Date published')],
  },
  {
    route: 'not-publishing',
    title: 'Record a decision not to publish in full',
    button: 'Record the decision',
    stages: ['publication'],
    fields: () => [
      date('decidedOn', 'Date decided'),
      {
        name: 'justification',
        label: 'Justification for the Panel and the Secretary of State',
        kind: 'textarea',
      },
      date('improvementsPublishedOn', 'Date the improvements were published'),
      { name: 'panelException', label: 'Exception agreed with the Panel (if any)', kind: 'textarea' },
    ],
  },
  {
    route: 'delays',
    title: 'Record a delay approved by the executive group',
    button: 'Record the delay',
    stages: ['commissioning', 'drafting', 'sign-off', 'publication', 'awaiting-publication'],
    fields: () => [
      date('approvedOn', 'Date approved'),
      select('reason', 'Reason', [
        ['criminal-proceedings', 'Criminal proceedings'],
        ['coronial-proceedings', 'Coronial proceedings'],
        ['other', 'Other'],
      ]),
      { name: 'details', label: 'Details for the Panel and the Secretary of State', kind: 'textarea' },
      date('newDueDate', 'New date for completion and publication'),
    ],
  },
  {
    route: 'takedown',
    title: 'Record the removal of the report from the website',
    button: 'Record the removal',
    stages: ['published'],
    fields: () => [date('removedOn', 'Date removed')],
  },
];

/** The review forms this user may use now. */
export function reviewFormsFor(
  view: CsprFormView,
  role: Role,
): DecisionForm<CsprFormView, CsprDecisionRoute, CsprStage>[] {
  return reviewForms.filter(
    (f) =>
      reviewDecisions[f.route].roles.includes(role) &&
      f.stages.includes(view.stage) &&
      (f.when?.(view) ?? true) &&
      !(f.route === 'communication-strategy' && view.communicationStrategySignedOffOn),
  );
}
