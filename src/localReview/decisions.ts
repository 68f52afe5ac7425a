/**
 * The decisions on a case's local CSPR, steps 5 and 6 (SPEC): each with its Update, body,
 * roles and form. The API routes them as `POST /api/cases/:id/cspr/<route>`.
 */
import { APPROVERS, MANAGERS } from '../auth/roles';
import { agencyReturnDecisions } from '../agencyReturns/decisions';
import { decisionsOf } from '../decisions/catalogue';
import { date, select, textarea } from '../decisions/forms';
import { localReviewBodies as bodies } from './bodies';
import type { LocalReviewView } from './types';
import { DELAY_WORDS, Drafts, type LocalReviewStage, LocalReviewStages as S } from './values';

/** A local review as its forms see it: with the agencies of the partnership's pack. */
export type LocalReviewFormView = LocalReviewView & { agencies: readonly { id: string; name: string }[] };

const { decision } = decisionsOf<LocalReviewView, LocalReviewFormView>();

/** Until the report is out, a delay can still be approved. */
const BEFORE_PUBLICATION = [
  S.commissioning,
  S.drafting,
  S.signOff,
  S.publication,
  S.awaitingPublication,
  S.improvements,
];
const isPaused = (view: LocalReviewFormView) => view.pause !== undefined;

export const localReviewDecisions = {
  ...agencyReturnDecisions<LocalReviewView, LocalReviewFormView, LocalReviewStage>({
    forWhat: 'the review',
    requestStages: [S.commissioning, S.drafting],
    openStages: [...BEFORE_PUBLICATION, S.published],
    mayBeOptional: false,
  }),

  reviewer: decision({
    route: 'reviewer',
    update: 'commissionReviewer',
    body: bodies.reviewer,
    roles: MANAGERS,
    summary: 'Commission the reviewer',
    form: {
      title: 'Commission the reviewer',
      button: 'Record the commission',
      stages: [S.commissioning],
      fields: () => [
        date('commissionedOn', 'Date commissioned'),
        { name: 'reviewer', label: 'Reviewer or organisation', kind: 'text' },
        {
          name: 'independent',
          label: 'Is the reviewer independent of the agencies involved?',
          kind: 'yes-no',
        },
        textarea('termsOfReference', 'Terms of reference'),
      ],
    },
  }),

  draft: decision({
    route: 'drafts',
    update: 'recordDraft',
    body: bodies.draft,
    roles: MANAGERS,
    summary: 'Record a draft of the review',
    form: {
      title: 'Record a draft',
      button: 'Record the draft',
      stages: [S.drafting, S.signOff],
      fields: () => [
        date('receivedOn', 'Date received'),
        select('draft', 'Draft', {
          [Drafts.first]: 'First draft',
          [Drafts.further]: 'Further draft',
        }),
      ],
    },
  }),

  comments: decision({
    route: 'comments',
    update: 'recordComments',
    body: bodies.comments,
    roles: MANAGERS,
    summary: 'Record a round of comments on the latest draft',
    form: {
      title: 'Record comments on the latest draft',
      button: 'Record the comments',
      stages: [S.signOff],
      fields: (view) => [
        {
          ...date('sentOn', 'Date the comments were sent to the reviewer'),
          hint: `The comments of ${view.rules?.commentsBy ?? 'the partners'} on draft ${view.drafts.length}`,
        },
      ],
    },
  }),

  signOff: decision({
    route: 'sign-off',
    update: 'recordSignOff',
    body: bodies.signOff,
    roles: APPROVERS,
    summary: 'Record the sign-off of the review',
    form: {
      title: 'Record the sign-off',
      button: 'Record the sign-off',
      stages: [S.signOff],
      fields: () => [date('signedOffOn', 'Date signed off')],
    },
  }),

  delay: decision({
    route: 'delays',
    update: 'approveDelay',
    body: bodies.delay,
    roles: APPROVERS,
    summary: 'Record an approved delay of the review',
    form: {
      title: 'Record an approved delay',
      button: 'Record the delay',
      stages: BEFORE_PUBLICATION,
      when: (view) => !isPaused(view),
      fields: () => [
        date('approvedOn', 'Date approved'),
        select('reason', 'Reason', capitalisedWords(DELAY_WORDS)),
        textarea('details', 'Details for the Panel and the Secretary of State'),
        date('newDueDate', 'New date for completion and publication (a working day)'),
      ],
    },
  }),

  pause: decision({
    route: 'pause',
    update: 'pauseReview',
    body: bodies.pause,
    roles: APPROVERS,
    summary: 'Pause the review with no known end (criminal or coronial proceedings)',
    form: {
      title: 'Pause the review, with no known end (approved by the executive group)',
      button: 'Pause the review',
      stages: BEFORE_PUBLICATION,
      when: (view) => !isPaused(view),
      fields: () => [
        date('pausedOn', 'Date paused'),
        select('reason', 'Reason', capitalisedWords(DELAY_WORDS)),
        textarea('details', 'Reasons for the Panel and the Secretary of State'),
      ],
    },
  }),

  resumption: decision({
    route: 'resumption',
    update: 'resumeReview',
    body: bodies.resumption,
    roles: APPROVERS,
    summary: 'Resume a paused review',
    form: {
      title: 'Resume the review',
      button: 'Resume the review',
      stages: BEFORE_PUBLICATION,
      when: isPaused,
      fields: () => [date('resumedOn', 'Date resumed'), textarea('details', 'Details (if any)')],
    },
  }),

  communicationStrategy: decision({
    route: 'communication-strategy',
    update: 'recordCommunicationStrategy',
    body: bodies.signOff,
    roles: APPROVERS,
    summary: 'Record the sign-off of the communication strategy',
    form: {
      title: 'Record the sign-off of the communication strategy',
      button: 'Record the strategy',
      stages: [S.drafting, S.signOff, S.publication],
      when: (view) => !view.communicationStrategySignedOffOn,
      fields: () => [date('signedOffOn', 'Date signed off')],
    },
  }),

  publicationDate: decision({
    route: 'publication-date',
    update: 'setPublicationDate',
    body: bodies.publicationDate,
    roles: MANAGERS,
    summary: 'Set the publication date',
    form: {
      title: 'Set the publication date',
      button: 'Set the date and send the final report',
      stages: [S.publication],
      fields: (view) => [
        {
          ...date('publicationDate', 'Publication date'),
          hint: view.earliestPublicationDate
            ? `For a final report sent to the Panel and the Secretary of State today, the earliest date is ${view.earliestPublicationDate}`
            : 'Sign off the communication strategy first',
        },
        date('sentOn', 'Date the final report was sent to the Panel and the Secretary of State'),
      ],
    },
  }),

  publication: decision({
    route: 'publication',
    update: 'recordPublication',
    body: bodies.publication,
    roles: MANAGERS,
    summary: 'Record the publication',
    form: {
      title: 'Record the publication',
      button: 'Record the publication',
      stages: [S.awaitingPublication],
      fields: () => [date('publishedOn', 'Date published')],
    },
  }),

  notPublishing: decision({
    route: 'not-publishing',
    update: 'recordNotPublishing',
    body: bodies.notPublishing,
    roles: APPROVERS,
    summary: 'Record a decision not to publish in full',
    form: {
      title: 'Record a decision not to publish in full',
      button: 'Record the decision',
      stages: [S.publication],
      fields: () => [
        date('decidedOn', 'Date decided'),
        textarea('justification', 'Justification for the Panel and the Secretary of State'),
        date('improvementsPublishedOn', 'Date the improvements were published (if they have been)'),
        textarea(
          'panelException',
          'Exception agreed with the Panel (if any; required where the partnership agrees exceptions with the Panel)',
        ),
        date('panelAgreedOn', 'Date the Panel agreed it (with the exception)'),
      ],
    },
  }),

  improvementsPublication: decision({
    route: 'improvements-publication',
    update: 'recordImprovementsPublication',
    body: bodies.improvementsPublication,
    roles: MANAGERS,
    summary: 'Record the publication of the information about improvements',
    form: {
      title: 'Record the publication of the information about improvements',
      button: 'Record the publication',
      stages: [S.improvements],
      fields: () => [date('publishedOn', 'Date published')],
    },
  }),

  takedown: decision({
    route: 'takedown',
    update: 'recordTakedown',
    body: bodies.takedown,
    roles: MANAGERS,
    summary: 'Record the removal of the report',
    form: {
      title: 'Record the removal of the report from the website',
      button: 'Record the removal',
      stages: [S.published],
      fields: () => [date('removedOn', 'Date removed')],
    },
  }),
};

export type LocalReviewDecisions = typeof localReviewDecisions;

function capitalisedWords(words: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(words).map(([k, w]) => [k, `${w[0]!.toUpperCase()}${w.slice(1)}`]),
  );
}
