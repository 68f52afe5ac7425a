/**
 * The pack settings that keep a case file truthful (issue 21): which deadlines may be
 * extended and how far, how long the independent chair has to resolve a tied vote, when the
 * family must have been told, how often an open pause of a local review is recalled, whether
 * closure days stretch the national notification clock, and whether an exception to
 * publication needs the Panel's agreement. Each group names its source; the national
 * defaults are below. New top-level groups of the pack, so no existing group changes shape.
 */
import { z } from 'zod';
import { sources } from './localRules';

export const workingDays = z.number().int().min(0).max(260);

/** The deadlines an approved extension may name (complaints and meetings keep theirs fixed). */
export const EXTENDABLE_DEADLINE_KEYS = [
  'considerationMeeting',
  'notification',
  'rapidReview',
  'panelResponse',
  'csprPublication',
] as const;
export type ExtendableDeadlineKey = (typeof EXTENDABLE_DEADLINE_KEYS)[number];

/** How far beyond its statutory due date an extension may go: working days, or calendar months. */
export const extensionLimit = z.union([
  z.strictObject({ workingDays: workingDays.min(1) }),
  z.strictObject({ months: z.number().int().min(1).max(48) }),
]);
export type ExtensionLimit = z.infer<typeof extensionLimit>;

export const caseFileSettings = {
  extensions: z.strictObject({
    /** Each deadline an extension may be approved for, with its limit; one not named is never extended. */
    limits: z.partialRecord(z.enum(EXTENDABLE_DEADLINE_KEYS), extensionLimit),
    sources,
  }),
  tieResolution: z.strictObject({
    /** Working days from the tie for the independent chair to record a resolution or an escalation. */
    workingDays: workingDays.min(1),
    /** Working days from an escalation for the body escalated to to settle the outcome. */
    escalationWorkingDays: workingDays.min(1),
    sources,
  }),
  familyTold: z.strictObject({
    /** Working days from the decision for the child and family to be told its outcome and rationale. */
    workingDays: workingDays.min(1),
    sources,
  }),
  localReviewPause: z.strictObject({
    /** Working days between reminders of a local review paused with no known end. */
    reminderWorkingDays: workingDays.min(1),
    sources,
  }),
  notificationCalendar: z.strictObject({
    /** Whether the partnership's own closure days stretch the national 5 working days to notify. */
    closureDaysCount: z.boolean(),
    sources,
  }),
  publicationExceptions: z.strictObject({
    /** A decision not to publish in full needs the Panel's agreement recorded with it. */
    agreedWithPanel: z.boolean(),
    sources,
  }),
};

type Settings = { [K in keyof typeof caseFileSettings]: z.infer<(typeof caseFileSettings)[K]> };

export const CASE_FILE_DEFAULTS: Settings = {
  extensions: {
    limits: {
      rapidReview: { workingDays: 10 },
      panelResponse: { workingDays: 10 },
      csprPublication: { months: 12 },
    },
    sources: [
      'GOV.UK "Report a serious child safeguarding incident"; Working Together 2023 ch.5: the local authority notifies within 5 working days of becoming aware (statutory): the notification, and the consideration meeting held for it, are never extended',
      "the Panel's guidance for safeguarding partners (June 2025): the 15 working days of a rapid review are an expectation, not statute; no national maximum, so at most 10 working days beyond it",
      'product default, from Durham: "Any delay to the completion or publication of a review will be approved by the Extended Safeguarding Executive Group" (003 L390); no national maximum, so at most 12 months beyond the six (a delay with no known end is a pause)',
      "product default: the Panel chase is the partnership's own interval, at most 10 working days more",
    ],
  },
  tieResolution: {
    workingDays: 5,
    escalationWorkingDays: 20,
    sources: [
      "no national rule for a tied vote (Working Together 2023 ch.5: the partners decide together): the independent chair records a resolution, or an escalation and where to, within 5 working days, inside the rapid review's own timescale; an escalated matter is settled within 20",
    ],
  },
  familyTold: {
    workingDays: 10,
    sources: [
      'product default, from Durham: "The outcome and rationale … will be communicated in writing to the child/family concerned", in person through their practitioner where possible (003 "Child Safeguarding Practice Reviews"); no timescale is stated anywhere: 10 working days',
    ],
  },
  localReviewPause: {
    reminderWorkingDays: 20,
    sources: [
      'product default, from Durham: a review may wait on "ongoing criminal or coronial proceedings", the reasons notified to the Panel and the Secretary of State (003 L390); no interval is stated for recalling an open pause: every 20 working days (about a month)',
    ],
  },
  notificationCalendar: {
    closureDaysCount: false,
    sources: [
      "Working Together 2023 ch.5: the 5 working days to notify are national; a partnership's own closure days are not bank holidays and do not stretch them",
    ],
  },
  publicationExceptions: {
    agreedWithPanel: false,
    sources: [
      'product default, from Durham: the justification for not publishing is set out for the National Panel and the Secretary of State (003 L390); Working Together requires no agreement',
    ],
  },
};
