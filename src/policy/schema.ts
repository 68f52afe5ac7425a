/**
 * A partnership's policy pack: the local settings that the national rules leave open, each
 * group naming the clauses it comes from. Validated whenever a pack is loaded, so a bad pack
 * stops start-up with the file and field named.
 */
import { z } from 'zod';
import { channelNames } from '../notify/channelNames';
import { isIsoDate } from '../calendar/civilDate';
import { caseFileSettings, workingDays } from './caseFileSettings';
import { auditRuleSchemas, localRuleIssues, localRuleSchemas, recipientRole, sources } from './localRules';

export { recipientRoles, recipientRole, isBodyRole, bodyRoleOf } from './localRules';
export type {
  RecipientRole,
  ApprovalRule,
  ApprovalKind,
  DeadlineNoticeRules,
  Obligation,
} from './localRules';

/** Names reserved for other uses: the calendar of England and Wales bank holidays alone. */
export const RESERVED_PACK_IDS = ['national'] as const;

const recipient = z.object({ name: z.string().min(1), email: z.email() });

/** The kinds of case a partnership handles (SPEC steps 1 and 3). */
export const caseTypes = [
  'serious-incident',
  'looked-after-child-death',
  'care-leaver-death',
  'local-review-only',
] as const;
export type CaseType = (typeof caseTypes)[number];

/** What a kind of case owes, and what a case must be to be one. */
const caseTypeRules = z.strictObject({
  /** Which facts make a case of this kind (checked when it starts). */
  criteria: z.enum(['serious', 'death-of-looked-after-child', 'care-leaver-death', 'none']),
  /** Notified to the National Panel within the notification working days. */
  notification: z.boolean(),
  rapidReview: z.boolean(),
  /** The partners decide whether to review it (and the onward process). */
  partnersDecision: z.boolean(),
  /** Told of the notification besides the Panel liaison and the safeguarding partners. */
  alsoNotify: z.array(recipientRole),
  /** For a care leaver: the oldest age at death the kind covers. */
  maxAgeAtDeath: z.number().int().min(0).max(30).optional(),
  /**
   * Whether the notification goes to the National Panel: always, only when abuse or neglect
   * is known or suspected (a looked-after child's death), or never (a care leaver's death,
   * notified to the Secretary of State and Ofsted alone). Without it, no rapid review follows.
   */
  panel: z.enum(['always', 'when-serious', 'never']).default('always'),
  sources,
});

const closureDay = z
  .string()
  .refine(
    (s) => isIsoDate(s) || (/^\d{2}-\d{2}$/.test(s) && isIsoDate(`2024-${s}`)),
    'must be a date YYYY-MM-DD, or MM-DD for the same day every year',
  );

export const policyPackSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,40}$/, 'must be lower-case letters, digits and hyphens')
      .refine((id) => !(RESERVED_PACK_IDS as readonly string[]).includes(id), {
        message: `is reserved (${RESERVED_PACK_IDS.join(', ')}): choose another id`,
      }),
    name: z.string().min(1),
    version: z.string().min(1),
    workingTogetherEdition: z.enum(['2018', '2023']),
    partners: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[a-z][a-z0-9-]*$/),
          name: z.string().min(1),
          kind: z.enum(['local-authority', 'police', 'health']),
          /** Told when one of the partner's agencies has not sent requested information. */
          lead: recipient.optional(),
        }),
      )
      .min(3),
    /**
     * The agencies information can be requested from, beyond the statutory partners (who are
     * agencies too): a school under the local authority, a hospital trust under the ICB.
     */
    agencies: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[a-z][a-z0-9-]*$/),
          name: z.string().min(1),
          /** The statutory partner whose lead an overdue return escalates to. */
          partner: z.string(),
          contact: recipient.optional(),
        }),
      )
      .default([]),
    caseTypes: z.strictObject({
      /** The kinds this partnership's cases may be started as. */
      allowed: z.array(z.enum(caseTypes)).min(1),
      rules: z.strictObject(
        Object.fromEntries(caseTypes.map((t) => [t, caseTypeRules])) as Record<
          CaseType,
          typeof caseTypeRules
        >,
      ),
      /** Children in one incident's notification, by pseudonymous reference. */
      maxChildren: z.number().int().min(1).max(10),
      sources,
    }),
    agencyReturns: z.strictObject({
      /** When requested information is due, unless the request says otherwise. */
      workingDays: workingDays.min(1),
      /** Working days overdue before the agency's safeguarding partner lead is told. */
      escalateAfterWorkingDays: workingDays.min(1),
      sources,
    }),
    reviewDecision: z.strictObject({
      rule: z.literal('majority'),
      /** The body that decides whether to review, as the partnership names it. */
      decidedBy: z.string().min(1),
      /**
       * Who votes: the statutory partners, or they and each relevant agency represented at the
       * meeting (000 §12.30), when the majority is of those entitled to vote there.
       */
      voters: z.enum(['statutory-partners', 'statutory-partners-and-agencies-present']),
      /** Votes for one outcome that carry the decision when the statutory partners alone vote. */
      votesNeeded: z.number().int().min(1),
      /** The majority carries only with the consent of the Chair (000 §12.34). */
      chairConsent: z.strictObject({ required: z.boolean(), chair: z.string().min(1), sources }),
      /** Whether a partner's vote may be cast by a nominated party with its written authority. */
      proxies: z.strictObject({ allowed: z.boolean(), sources }),
      /**
       * What makes the meeting that decides quorate, where the partnership states it: votes
       * wait for a quorate meeting's attendance, and one that is not quorate is refused.
       */
      quorum: z
        .strictObject({
          /** A representative of every statutory partner (000 §11.2). */
          allStatutoryPartners: z.boolean(),
          /** More than half of the relevant agencies below (000 §11.2). */
          moreThanHalfOfAgencies: z.boolean(),
          /** The relevant agencies on the body's terms of reference, by the pack's agency ids. */
          agencies: z.array(z.string().min(1)),
          /** Members present, and separate agencies (partners among them) they represent. */
          minMembers: z.number().int().min(0),
          minAgencies: z.number().int().min(0),
          /** The chair or vice chair present (004 §8.1). */
          chairOrViceChair: z.boolean(),
          sources,
        })
        .nullable(),
      sources,
    }),
    notification: z.strictObject({
      workingDays,
      considerationMeeting: z.boolean(),
      sources,
    }),
    rapidReview: z.strictObject({
      workingDays,
      basis: z.enum(['notification', 'awareness']),
      virtualPanelAllowed: z.boolean(),
      sources,
    }),
    panelResponse: z.strictObject({
      /** No national timescale exists: when to chase the Panel for its reply. */
      chaseAfterWorkingDays: workingDays.min(1),
      sources,
    }),
    cspr: z.strictObject({
      completionMonths: z.number().int().min(1).max(24),
      basis: z.enum(['decision', 'initiation']),
      publicationNoticeWorkingDays: workingDays,
      onlineMonths: z.number().int().min(1),
      sources,
    }),
    learningActions: z.strictObject({
      /** The sub-group that monitors the actions reviews recommend, as notices name it. */
      overseenBy: z.string().min(1),
      sources,
    }),
    complaints: z.strictObject({
      actionConfirmedWorkingDays: workingDays,
      outcomeWorkingDays: workingDays,
      appealResponseWorkingDays: workingDays,
      sources,
    }),
    meetings: z.strictObject({
      agendaRequestWorkingDays: z.strictObject({ executive: workingDays, subgroup: workingDays }),
      reportsWorkingDays: workingDays,
      agendaCirculationWorkingDays: workingDays,
      specialMeetingNoticeDays: z.number().int().min(0),
      sources,
    }),
    audit: z.strictObject({
      ...auditRuleSchemas,
      everyMonths: z
        .number()
        .int()
        .refine((n) => [1, 2, 3, 4, 6, 12].includes(n), 'must divide the year: 1, 2, 3, 4, 6 or 12'),
      sources,
    }),
    reminders: z.strictObject({
      /** Reminders go this many working days before each due date. */
      workingDaysBefore: z.array(workingDays.min(1)),
      /** Within this many working days of due, the dashboard shows amber. */
      warningWindowWorkingDays: workingDays,
    }),
    closureDays: z.array(closureDay),
    ...caseFileSettings,
    recipients: z.partialRecord(recipientRole, z.array(recipient).min(1)).default({}),
    /** By which channel each role's notices go; what a role does not name goes by `default`. */
    delivery: z
      .strictObject({
        default: z.enum(channelNames),
        roles: z.partialRecord(recipientRole, z.enum(channelNames)).default({}),
      })
      .default({ default: 'outbox', roles: {} }),
    ...localRuleSchemas,
  })
  .superRefine((pack, ctx) => {
    const partners = new Set(pack.partners.map((p) => p.id));
    pack.agencies.forEach((agency, i) => {
      if (!partners.has(agency.partner))
        ctx.addIssue({
          code: 'custom',
          path: ['agencies', i, 'partner'],
          message: `must be one of the pack's partners (${[...partners].join(', ')})`,
        });
      if (partners.has(agency.id) || pack.agencies.findIndex((a) => a.id === agency.id) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['agencies', i, 'id'],
          message: 'is already an agency of the pack',
        });
    });
    const agencies = new Set(pack.agencies.map((a) => a.id));
    pack.reviewDecision.quorum?.agencies.forEach((id, i) => {
      if (!agencies.has(id))
        ctx.addIssue({
          code: 'custom',
          path: ['reviewDecision', 'quorum', 'agencies', i],
          message: `must be one of the pack's agencies beyond its partners (${[...agencies].join(', ') || 'none'})`,
        });
    });
    for (const issue of localRuleIssues(pack)) ctx.addIssue({ code: 'custom', ...issue });
  });

export type PolicyPack = z.infer<typeof policyPackSchema>;

/** An agency information can be requested from: each statutory partner, and the pack's others. */
export interface Agency {
  id: string;
  name: string;
  /** The statutory partner it falls under (a partner falls under itself). */
  partner: string;
  contact?: { name: string; email: string };
}

export function agenciesOf(pack: Pick<PolicyPack, 'partners' | 'agencies'>): Agency[] {
  return [...pack.partners.map((p) => ({ id: p.id, name: p.name, partner: p.id })), ...pack.agencies];
}

/** What a pack file or module states: anything it leaves out is the national default. */
export type PolicyOverrides = { id: string; name: string } & DeepPartial<Omit<PolicyPack, 'id' | 'name'>>;

type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;
