/**
 * What the API answers, as zod schemas: the OpenAPI document is generated from them. Objects
 * are open (`looseObject`): a client may rely on the fields named here, and more may come.
 */
import { z } from 'zod';

const isoDate = z.string().describe('a date, YYYY-MM-DD (Europe/London)');
const instant = z.string().describe('an instant, ISO 8601 UTC');
const stage = z.string();
const status = z.enum(['open', 'closed']);

export const actor = z.looseObject({ userId: z.string(), role: z.string() });

export const deadlineView = z.looseObject({
  key: z.string(),
  basisDate: isoDate,
  rule: z.looseObject({ kind: z.string() }),
  ruleText: z.string(),
  dueAt: instant,
  dueDate: isoDate.describe('the statutory due date: never moved by an extension (see extension)'),
  state: z.enum(['pending', 'met', 'breached', 'met-late', 'extended', 'not-applicable', 'paused']),
  reminders: z.array(z.looseObject({ workingDaysBefore: z.number(), at: instant })),
  remindersSent: z.array(z.number()),
  changes: z.array(
    z.looseObject({
      at: instant,
      from: isoDate,
      to: isoDate,
      reason: z.string(),
      actor: actor.optional(),
      kind: z.enum(['extension', 'replan', 'correction', 'pause', 'resume']).optional(),
      decidedOn: isoDate.optional(),
    }),
  ),
  holidaySource: z.string(),
  calendarVersion: z.string(),
  policyVersion: z.string(),
  metOn: isoDate.optional(),
  breachedAt: instant.optional(),
  notApplicableReason: z.string().optional(),
  extension: z
    .looseObject({ dueDate: isoDate, dueAt: instant })
    .optional()
    .describe('an approved later date, beside the statutory one'),
  lateAgainstStatute: z
    .boolean()
    .optional()
    .describe('met after, or still open past, the statutory due date'),
  withinExtension: z
    .boolean()
    .optional()
    .describe('late against the statute, but within the approved extension'),
  pausedOn: isoDate.optional(),
});

const timelineEvent = z.looseObject({
  at: instant,
  type: z.string(),
  summary: z.string(),
  actor: actor.optional(),
  decidedOn: isoDate.optional().describe('the date decided, where it differs from when it was recorded'),
});
const copyState = z.enum(['pending', 'delivered', 'failed']);
const noticeSent = z.looseObject({
  id: z.string(),
  type: z.string(),
  to: z.array(z.string()),
  at: instant,
  status: copyState.optional().describe('pending: still being sent; absent in old cases: delivered'),
  error: z.string().optional(),
  attempts: z.number().int().optional().describe('attempts so far, from the delivery journal'),
  copies: z
    .array(
      z.looseObject({
        role: z.string(),
        channel: z.string(),
        state: copyState,
        attempts: z.number().int(),
        lastAttemptAt: instant,
        deliveredAt: instant.optional(),
        error: z.string().optional(),
      }),
    )
    .optional()
    .describe("each recipient's copy, from the delivery journal"),
});

/** What every workflow-backed record shows. */
const record = {
  partnership: z.string(),
  reference: z.string(),
  stage,
  status,
  deadlines: z.array(deadlineView),
  timeline: z.array(timelineEvent),
  notices: z.array(noticeSent),
};

export const caseView = z.looseObject({
  id: z.string(),
  caseId: z.string(),
  awareAt: isoDate,
  ...record,
  decision: z
    .looseObject({
      votesNeeded: z.number(),
      votes: z.array(z.looseObject({ partnerId: z.string(), vote: z.string(), rationale: z.string() })),
      awaiting: z.array(z.string()),
      outcome: z.string().optional(),
      decidedOn: isoDate.optional(),
      tied: z.boolean(),
      tie: z.looseObject({ since: isoDate }).optional(),
    })
    .optional(),
  awarenessCorrections: z
    .array(z.looseObject({ from: isoDate, to: isoDate, reason: z.string(), at: instant, actor }))
    .optional(),
  familyTold: z
    .array(z.looseObject({ key: z.string(), toldOn: isoDate, how: z.string(), toldBy: z.string() }))
    .optional(),
  withdrawal: z.looseObject({ withdrawnOn: isoDate, reason: z.string(), details: z.string() }).optional(),
  localReview: z
    .looseObject({ workflowId: z.string(), stage, status, deadlines: z.array(deadlineView) })
    .optional(),
  localReviewHeld: z
    .looseObject({ since: instant, reason: z.string() })
    .optional()
    .describe('the local review could not be started: a business manager retries the hand-over'),
});

export const csprView = z.looseObject({
  reviewId: z.string(),
  caseId: z.string(),
  decidedOn: isoDate,
  ...record,
  earliestPublicationDate: isoDate.optional(),
  publicationDate: isoDate.optional(),
  publishedOn: isoDate.optional(),
});

export const complaintView = z.looseObject({ complaintId: z.string(), receivedOn: isoDate, ...record });

export const learningActionView = z.looseObject({
  actionId: z.string(),
  caseId: z.string(),
  source: z.enum(['rapid-review', 'cspr']),
  recommendation: z.string(),
  action: z.string(),
  owner: z.object({ agency: z.string(), agencyName: z.string() }),
  dueDate: isoDate,
  overseenBy: z.string(),
  doneOn: isoDate.optional(),
  evidence: z.string().optional(),
  closedReason: z.string().optional(),
  ...record,
});

export const meetingView = z.looseObject({
  meetingId: z.string(),
  kind: z.enum(['executive', 'subgroup', 'special']),
  title: z.string(),
  meetingDate: isoDate,
  ...record,
});

export const summary = z.looseObject({
  id: z.string(),
  partnership: z.string(),
  reference: z.string(),
  stage,
  status,
  nextDeadlineAt: instant.nullable(),
  breached: z.boolean().describe('an open deadline is past its statutory due date'),
  lateWithinExtension: z.boolean().optional().describe('every such deadline is within an approved extension'),
});

const nextPageToken = z.string().optional().describe('present when there are more: pass it as pageToken');
export const caseList = z.object({ cases: z.array(summary), nextPageToken });
export const itemList = z.object({ items: z.array(summary), nextPageToken });

export const deliveredNotice = z.looseObject({
  id: z.string(),
  caseId: z.string(),
  partnership: z.string(),
  reference: z.string(),
  type: z.string(),
  to: z.array(z.looseObject({ role: z.string(), name: z.string(), email: z.string().optional() })),
  subject: z.string(),
  body: z.string(),
  channel: z.string(),
  deliveredAt: instant,
});
export const noticeList = z.object({ notices: z.array(deliveredNotice) });

export const problem = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  instance: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

export const health = z.looseObject({ status: z.string() });
