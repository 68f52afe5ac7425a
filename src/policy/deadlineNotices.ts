/**
 * Who is reminded before a deadline and who is told when it is missed: the pack's choice per
 * obligation, else the deadline's own (a meeting's owners, an agency's contact), else the
 * pack's general recipients. Pure, so a workflow asks it with the rules its record started with.
 */
import type { DeadlineNoticeRules, Obligation, PolicyPack, RecipientRole } from './schema';

/** The pack's rules, as a record keeps them in its input. */
export function deadlineNoticesFrom(pack: PolicyPack): DeadlineNoticeRules {
  const { sources: _sources, ...rules } = pack.deadlineNotices;
  return structuredClone(rules);
}

/** Records started before the pack said: what the product sent then (SPEC "The notices"). */
const BEFORE: Omit<DeadlineNoticeRules, 'obligations'> = {
  remind: ['safeguarding-lead', 'business-manager'],
  escalate: ['business-manager', 'independent-chair'],
};

/** The obligation a deadline key stands for: an agency's clock is named by its agency. */
export function obligationOf(key: string): Obligation | string {
  const [kind] = key.split(':');
  return key.endsWith(':escalation') ? `${kind}-escalation` : kind!;
}

export function deadlineRecipients(
  rules: DeadlineNoticeRules | undefined,
  key: string,
  own: { remind?: RecipientRole[]; escalate?: RecipientRole[] },
): { remind: RecipientRole[]; escalate: RecipientRole[] } {
  const chosen = rules?.obligations[obligationOf(key) as Obligation];
  return {
    remind: chosen?.remind ?? own.remind ?? rules?.remind ?? BEFORE.remind,
    escalate: chosen?.escalate ?? own.escalate ?? rules?.escalate ?? BEFORE.escalate,
  };
}
