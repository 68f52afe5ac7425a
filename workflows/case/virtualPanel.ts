/**
 * A rapid review decided by a Virtual Panel (004 §12.6): its members are the pack's, and the
 * reason a meeting could not be held is recorded with the review. Cases from before the pack
 * named the members recorded the format alone.
 */
import type { CasePolicy, RapidReviewCompletion, RapidReviewView } from '../../src/case/types';
import { ReviewFormats } from '../../src/case/values';
import { invalidDecision } from '../rejections';

export function checkVirtualPanel(policy: CasePolicy, review: RapidReviewCompletion): void {
  const byPanel = review.format === ReviewFormats.virtualPanel;
  if (!byPanel) {
    if (review.virtualPanelReason !== undefined)
      throw invalidDecision(
        'virtualPanelReason is for a rapid review by Virtual Panel',
        'virtualPanelReason',
      );
    return;
  }
  if (policy.virtualPanel && !review.virtualPanelReason?.trim())
    throw invalidDecision(
      `a Virtual Panel decides where ${policy.virtualPanel.usedWhen}: record why`,
      'virtualPanelReason',
    );
}

/** The Virtual Panel as the case records it, with the pack's members and the reason given. */
export function virtualPanelOf(
  policy: CasePolicy,
  review: RapidReviewCompletion,
): RapidReviewView['virtualPanel'] {
  if (review.format !== ReviewFormats.virtualPanel || !policy.virtualPanel || !review.virtualPanelReason)
    return undefined;
  return { members: [...policy.virtualPanel.members], reason: review.virtualPanelReason };
}

export function virtualPanelWords(policy: CasePolicy, review: RapidReviewCompletion): string {
  const panel = virtualPanelOf(policy, review);
  return panel ? ` of ${panel.members.join(', ')}: ${panel.reason}` : '';
}
