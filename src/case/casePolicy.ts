/**
 * The settings a case runs by, taken from its partnership's pack when the case starts and
 * carried in the workflow's input, so they are in its history and available to every
 * decision's validator from the first moment.
 */
import { approvalRule, localReviewPolicyFrom } from '../localReview/localReviewPolicy';
import { deadlineNoticesFrom } from '../policy/deadlineNotices';
import type { CaseType, PolicyPack } from '../policy/schema';
import type { CasePolicy } from './types';

export function casePolicyFrom(
  pack: PolicyPack,
  policyVersion: string,
  caseType: CaseType = 'serious-incident',
): CasePolicy {
  const rules = pack.caseTypes.rules[caseType];
  return {
    partnership: pack.id,
    policyVersion,
    // The meeting decides whether a serious incident's criteria are met: no other kind holds one.
    considerationMeeting: pack.notification.considerationMeeting && rules.rapidReview,
    notificationWorkingDays: pack.notification.workingDays,
    rapidReviewWorkingDays: pack.rapidReview.workingDays,
    rapidReviewBasis: pack.rapidReview.basis,
    virtualPanelAllowed: pack.rapidReview.virtualPanelAllowed,
    partners: pack.partners.map((p) => ({ id: p.id, name: p.name })),
    votesNeeded: pack.reviewDecision.votesNeeded,
    panelChaseWorkingDays: pack.panelResponse.chaseAfterWorkingDays,
    obligations: {
      notification: rules.notification,
      rapidReview: rules.rapidReview,
      partnersDecision: rules.partnersDecision,
      alsoNotify: rules.alsoNotify,
    },
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
  };
}
