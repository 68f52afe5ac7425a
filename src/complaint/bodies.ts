/** What each decision on a complaint carries: request bodies, and (with the actor) the Updates' arguments. */
import { z } from 'zod';
import { isoDate, reference, text } from '../validation';

export const AppealResponses = {
  responded: 'responded',
  referredToPartners: 'referred-to-partners',
} as const;

export const complaintBodies = {
  action: z.strictObject({ confirmedOn: isoDate, action: text }),
  outcome: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('outcome'), decidedOn: isoDate, summary: text }),
    z.strictObject({
      kind: z.literal('timescale'),
      decidedOn: isoDate,
      summary: text,
      furtherActionBy: isoDate,
    }),
  ]),
  appeal: z.strictObject({ appealedOn: isoDate }),
  appealAnswer: z.strictObject({ answeredOn: isoDate, response: z.enum(AppealResponses), summary: text }),
  closure: z.strictObject({ closedOn: isoDate, reason: text }),
};

export type ComplaintBody<K extends keyof typeof complaintBodies> = z.infer<(typeof complaintBodies)[K]>;

export const startComplaintBody = z.strictObject({
  partnership: z.string().min(1),
  reference,
  receivedOn: isoDate,
});
export type StartComplaintBody = z.infer<typeof startComplaintBody>;
