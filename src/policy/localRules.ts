/**
 * The local arrangements a pack states beside its timescales: who approves what, what a local
 * review asks of its drafts, reviewer, communication strategy and publication, who is told of
 * each deadline, the audit's recipients, the reconsideration's outcomes, the Virtual Panel and
 * the Chair's urgent special meeting. Each group names the clauses it comes from; the national
 * defaults (./national.ts) say which are product defaults.
 */
import { z } from 'zod';
import { ReconsiderationOutcomes } from '../case/values';

/** Seed file and clause, or the national guidance, that a group of settings follows. */
export const sources = z.array(z.string().min(1)).min(1);

export const recipientRoles = [
  'safeguarding-lead',
  'business-manager',
  'independent-chair',
  'panel-liaison',
  'safeguarding-partners',
  'executive-group',
  'secretary-of-state',
  'ofsted',
  'what-works-centre',
  'partnership-manager',
  'subgroup-chair',
  'learning-subgroup-chair',
  /** The contact an agency return was requested from (named on the request). */
  'agency-contact',
  /** The safeguarding partner lead of the statutory partner an agency falls under. */
  'partner-lead',
] as const;
export type StandardRecipientRole = (typeof recipientRoles)[number];

/** One of the pack's own bodies (its `bodies`), as a recipient: `body:<id>`. */
export type BodyRecipientRole = `body:${string}`;
export type RecipientRole = StandardRecipientRole | BodyRecipientRole;

const BODY_ROLE = /^body:[a-z][a-z0-9-]*$/;
export const bodyRoleOf = (id: string): BodyRecipientRole => `body:${id}`;
export const isBodyRole = (role: string): role is BodyRecipientRole => BODY_ROLE.test(role);

/** A role notices go to: a standard one, or one of the pack's bodies (checked against `bodies`). */
export const recipientRole = z.union([
  z.enum(recipientRoles),
  z.custom<BodyRecipientRole>((v) => typeof v === 'string' && BODY_ROLE.test(v), {
    message: `must be one of ${recipientRoles.join(', ')}, or body:<id of one of the pack's bodies>`,
  }),
]);
const roleList = z.array(recipientRole).min(1);

/** A body of the partnership that decides or is told things: its executive group, a sub-group. */
export const body = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,60}$/, 'must be lower-case letters, digits and hyphens'),
  name: z.string().min(1),
  sources,
});

/**
 * Who approves a decision (a body, in the pack's words) and which signed-in roles may record
 * that body's approval. Bodies do not sign in: an officer or the chair records what they decided.
 */
const approval = z.strictObject({
  by: z.string().min(1),
  // The roles the approval decisions' routes admit (APPROVERS): no other could reach them.
  recordedBy: z.array(z.enum(['business-manager', 'independent-chair'])).min(1),
  sources,
});
export type ApprovalRule = Omit<z.infer<typeof approval>, 'sources'>;

export const APPROVALS = [
  'signOff',
  'delay',
  'communicationStrategy',
  'notPublishing',
  'extension',
  'returnsOverride',
] as const;
export type ApprovalKind = (typeof APPROVALS)[number];

/** The obligations (deadlines) whose reminders and escalations a pack may route. */
export const OBLIGATIONS = [
  'considerationMeeting',
  'notification',
  'rapidReview',
  'panelResponse',
  'csprPublication',
  'finalReportToPanel',
  'takedown',
  'actionConfirmed',
  'complaintOutcome',
  'furtherAction',
  'appealResponse',
  'agendaRequests',
  'reports',
  'agendaCirculation',
  'specialMeetingNotice',
  'learningAction',
  'agency-return',
  'agency-return-escalation',
  'cspr-agency-return',
  'cspr-agency-return-escalation',
] as const;
export type Obligation = (typeof OBLIGATIONS)[number];

const noticeRoute = z.strictObject({
  remind: roleList.optional(),
  escalate: roleList.optional(),
  sources,
});

export const localRuleSchemas = {
  workingTogetherEditionSources: sources,
  /** Where the statutory partners are named (optional: a pack from before said so in comments). */
  partnersSources: sources.optional(),
  bodies: z.array(body).default([]),
  approvals: z.strictObject(
    Object.fromEntries(APPROVALS.map((k) => [k, approval])) as Record<ApprovalKind, typeof approval>,
  ),
  /** A local review's drafts and the comment rounds on them before sign-off. */
  drafting: z.strictObject({
    /** Drafts after the first before sign-off; null: no limit. */
    furtherDrafts: z.number().int().min(0).nullable(),
    /** Rounds of comments on the drafts before sign-off; null: no limit. */
    commentRounds: z.number().int().min(1).nullable(),
    /** Who comments, in the pack's words. */
    commentsBy: z.string().min(1),
    sources,
  }),
  reviewer: z.strictObject({ independenceRequired: z.boolean(), sources }),
  communicationStrategy: z.strictObject({
    /** A signed-off communication strategy before any publication decision. */
    required: z.boolean(),
    sources,
  }),
  afterPublication: z.strictObject({ notify: roleList, sources }),
  /** Who is reminded before a deadline and told when it is missed, per obligation. */
  deadlineNotices: z.strictObject({
    remind: roleList,
    escalate: roleList,
    obligations: z.partialRecord(z.enum(OBLIGATIONS), noticeRoute).default({}),
    sources,
  }),
  reconsideration: z.strictObject({
    outcomes: z
      .array(z.enum(ReconsiderationOutcomes))
      .min(1)
      .refine((o) => new Set(o).size === o.length, 'must name each outcome once'),
    /** The body that reconsiders when the Panel disagrees, in the pack's words. */
    by: z.string().min(1),
    sources,
  }),
  urgentSpecialMeetings: z.strictObject({
    /** The Chair may give less than the special meeting notice, with the reason recorded. */
    chairMayShortenNotice: z.boolean(),
    sources,
  }),
  /** Who sits on a Virtual Panel and when one may decide instead of a meeting. */
  virtualPanel: z
    .strictObject({
      members: z.array(z.string().min(1)).min(1),
      usedWhen: z.string().min(1),
      sources,
    })
    .optional(),
};

/** The audit's new settings, beside its `everyMonths`. */
export const auditRuleSchemas = {
  enabled: z.boolean(),
  recipients: roleList,
};

export type DeadlineNoticeRules = Omit<z.infer<typeof localRuleSchemas.deadlineNotices>, 'sources'>;

const CARE_LEAVER_DEATH = 'care-leaver-death';

/** What a pack's local rules must agree on with the rest of it: a body named as a recipient exists. */
export function localRuleIssues(pack: {
  workingTogetherEdition: string;
  caseTypes: { allowed: readonly string[] };
  bodies: readonly { id: string }[];
  rapidReview: { virtualPanelAllowed: boolean };
  virtualPanel?: unknown;
  [group: string]: unknown;
}): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const bodies = new Set(pack.bodies.map((b) => b.id));
  pack.bodies.forEach((b, i) => {
    if (pack.bodies.findIndex((other) => other.id === b.id) !== i)
      issues.push({ path: ['bodies', i, 'id'], message: 'is already a body of the pack' });
  });
  const unknownBody = (role: string) => isBodyRole(role) && !bodies.has(role.slice('body:'.length));
  const message = `must name one of the pack's bodies (${[...bodies].join(', ') || 'none'})`;
  // Every place a pack names recipients: role lists anywhere, and the keys of recipients and delivery.
  const visit = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === 'string') {
      if (unknownBody(value)) issues.push({ path, message });
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, i]));
    else if (typeof value === 'object' && value !== null) {
      for (const [key, v] of Object.entries(value)) {
        if (unknownBody(key)) issues.push({ path: [...path, key], message });
        visit(v, [...path, key]);
      }
    }
  };
  for (const [group, value] of Object.entries(pack)) if (group !== 'bodies') visit(value, [group]);
  // The edition a pack follows is what its national rules are read from: 2018 has no care leavers.
  if (pack.workingTogetherEdition === '2018' && pack.caseTypes.allowed.includes(CARE_LEAVER_DEATH))
    issues.push({
      path: ['caseTypes', 'allowed'],
      message: `${CARE_LEAVER_DEATH} is a Working Together 2023 rule: a pack following the 2018 edition must leave it out`,
    });
  if (pack.rapidReview.virtualPanelAllowed && !pack.virtualPanel)
    issues.push({
      path: ['virtualPanel'],
      message: 'a pack that allows a Virtual Panel names its members and when it is used',
    });
  return issues;
}
