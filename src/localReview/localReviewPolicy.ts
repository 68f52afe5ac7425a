/**
 * A local review's settings: taken from the pack when its case starts (kept in the case's
 * input, so the review runs by the rules its case started under), and carried in the review's
 * own input. Reviews started before a setting was kept run by what the product did then.
 */
import type { ExtensionLimit } from '../policy/caseFileSettings';
import { deadlineNoticesFrom } from '../policy/deadlineNotices';
import type { ApprovalRule, DeadlineNoticeRules, PolicyPack, RecipientRole } from '../policy/schema';

export interface LocalReviewPolicy {
  policyVersion: string;
  /** Completed and published within this many months (003 L390: six). */
  completionMonths: number;
  /** From the partners' decision, or from the review's initiation (commissioning). */
  basis: 'decision' | 'initiation';
  /** The final report goes to the Panel and the Secretary of State this long before publication. */
  publicationNoticeWorkingDays: number;
  /** How long the published report stays on the website (003 L392: one year). */
  onlineMonths: number;
  // Absent in reviews started before each was kept (see localReviewRulesOf).
  workingTogetherEdition?: PolicyPack['workingTogetherEdition'];
  drafting?: Omit<PolicyPack['drafting'], 'sources'>;
  reviewerIndependenceRequired?: boolean;
  communicationStrategyRequired?: boolean;
  notifyAfterPublication?: RecipientRole[];
  approvals?: Record<ReviewApproval, ApprovalRule>;
  deadlineNotices?: DeadlineNoticeRules;
  /**
   * How far an approved delay may go beyond the six months; null: none may be approved.
   * Absent in reviews from before it was kept (the national rule then applies).
   */
  delayLimit?: ExtensionLimit | null;
  /** Working days between reminders of a pause with no known end (absent in older reviews). */
  pauseReminderWorkingDays?: number;
  /** A decision not to publish in full needs the Panel's agreement (002 L401). */
  exceptionsAgreedWithPanel?: boolean;
}

/** The approvals a local review asks for. */
export type ReviewApproval = 'signOff' | 'delay' | 'communicationStrategy' | 'notPublishing';
const REVIEW_APPROVALS: readonly ReviewApproval[] = [
  'signOff',
  'delay',
  'communicationStrategy',
  'notPublishing',
];

/** A pack's approval without its citations: what a record keeps to check who recorded it. */
export const approvalRule = ({ by, recordedBy }: ApprovalRule): ApprovalRule => ({
  by,
  recordedBy: [...recordedBy],
});

export function localReviewPolicyFrom(pack: PolicyPack, policyVersion: string): LocalReviewPolicy {
  const { sources: _drafting, ...drafting } = pack.drafting;
  return {
    policyVersion,
    completionMonths: pack.cspr.completionMonths,
    basis: pack.cspr.basis,
    publicationNoticeWorkingDays: pack.cspr.publicationNoticeWorkingDays,
    onlineMonths: pack.cspr.onlineMonths,
    delayLimit: pack.extensions.limits.csprPublication ?? null,
    pauseReminderWorkingDays: pack.localReviewPause.reminderWorkingDays,
    exceptionsAgreedWithPanel: pack.publicationExceptions.agreedWithPanel,
    workingTogetherEdition: pack.workingTogetherEdition,
    drafting,
    reviewerIndependenceRequired: pack.reviewer.independenceRequired,
    communicationStrategyRequired: pack.communicationStrategy.required,
    notifyAfterPublication: [...pack.afterPublication.notify],
    approvals: Object.fromEntries(
      REVIEW_APPROVALS.map((k) => [k, approvalRule(pack.approvals[k])]),
    ) as Record<ReviewApproval, ApprovalRule>,
    deadlineNotices: deadlineNoticesFrom(pack),
  };
}

/** What every review before these settings were kept did, for every partnership alike. */
const BEFORE_LOCAL_RULES = {
  drafting: { furtherDrafts: 1, commentRounds: null, commentsBy: 'the safeguarding partners' },
  reviewerIndependenceRequired: true,
  communicationStrategyRequired: true,
  notifyAfterPublication: ['what-works-centre', 'business-manager'] as RecipientRole[],
  approval: { by: 'the executive group', recordedBy: ['business-manager', 'independent-chair'] },
} as const;

export type LocalReviewRules = Required<
  Pick<
    LocalReviewPolicy,
    'drafting' | 'reviewerIndependenceRequired' | 'communicationStrategyRequired' | 'notifyAfterPublication'
  >
> & { approval(kind: ReviewApproval): ApprovalRule };

/** The review's rules: its own where its input has them, else those reviews ran by before. */
export function localReviewRulesOf(policy: LocalReviewPolicy): LocalReviewRules {
  const before = BEFORE_LOCAL_RULES;
  return {
    drafting: policy.drafting ?? { ...before.drafting },
    reviewerIndependenceRequired: policy.reviewerIndependenceRequired ?? before.reviewerIndependenceRequired,
    communicationStrategyRequired:
      policy.communicationStrategyRequired ?? before.communicationStrategyRequired,
    notifyAfterPublication: policy.notifyAfterPublication ?? [...before.notifyAfterPublication],
    approval: (kind) =>
      policy.approvals?.[kind] ?? { by: before.approval.by, recordedBy: [...before.approval.recordedBy] },
  };
}
