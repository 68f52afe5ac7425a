/**
 * The settings a case runs by, taken from its partnership's pack when the case starts and
 * carried in the workflow's input, so they are in its history and available to every
 * decision's validator from the first moment.
 */
import { approvalRule, localReviewPolicyFrom } from '../localReview/localReviewPolicy';
import { deadlineNoticesFrom } from '../policy/deadlineNotices';
import type { CaseType, PolicyPack } from '../policy/schema';
import type { CasePolicy } from './types';
import { votingRuleFrom } from './votingRules';

export function casePolicyFrom(
  pack: PolicyPack,
  policyVersion: string,
  caseType: CaseType = 'serious-incident',
  /** Abuse or neglect known or suspected, and the child died or was seriously harmed. */
  serious = true,
): CasePolicy {
  const rules = pack.caseTypes.rules[caseType];
  // No rapid review without a notification to the Panel (the Panel's FAQ), nor a decision on one.
  const notifiesPanel = rules.panel === 'always' || (rules.panel === 'when-serious' && serious);
  return {
    partnership: pack.id,
    policyVersion,
    // The meeting decides whether a serious incident's criteria are met: no other kind holds one.
    considerationMeeting: pack.notification.considerationMeeting && rules.rapidReview && notifiesPanel,
    notificationWorkingDays: pack.notification.workingDays,
    rapidReviewWorkingDays: pack.rapidReview.workingDays,
    rapidReviewBasis: pack.rapidReview.basis,
    virtualPanelAllowed: pack.rapidReview.virtualPanelAllowed,
    partners: pack.partners.map((p) => ({ id: p.id, name: p.name })),
    votesNeeded: pack.reviewDecision.votesNeeded,
    panelChaseWorkingDays: pack.panelResponse.chaseAfterWorkingDays,
    obligations: {
      notification: rules.notification,
      notifiesPanel: rules.notification && notifiesPanel,
      rapidReview: rules.rapidReview && notifiesPanel,
      partnersDecision: rules.partnersDecision && (notifiesPanel || !rules.notification),
      alsoNotify: rules.alsoNotify,
    },
    extensionLimits: pack.extensions.limits,
    tieResolution: {
      workingDays: pack.tieResolution.workingDays,
      escalationWorkingDays: pack.tieResolution.escalationWorkingDays,
    },
    familyToldWorkingDays: pack.familyTold.workingDays,
    workingTogetherEdition: pack.workingTogetherEdition,
    ...(pack.rapidReview.virtualPanelAllowed &&
      pack.virtualPanel && {
        virtualPanel: { members: [...pack.virtualPanel.members], usedWhen: pack.virtualPanel.usedWhen },
      }),
    reconsideration: { outcomes: [...pack.reconsideration.outcomes], by: pack.reconsideration.by },
    approvals: {
      extension: approvalRule(pack.approvals.extension),
      returnsOverride: approvalRule(pack.approvals.returnsOverride),
    },
    deadlineNotices: deadlineNoticesFrom(pack),
    localReview: localReviewPolicyFrom(pack, policyVersion),
    voting: votingRuleFrom(pack),
  };
}
