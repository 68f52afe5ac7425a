/**
 * The messages of a local CSPR besides its decisions (./decisions.ts): its view, and the
 * signal by which the case hears of the review's progress.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { LocalReviewSummary } from '../case/types';
import type { LocalReviewView } from './types';

export const localReviewViewQuery = defineQuery<LocalReviewView>('csprView');

/** Sent by the review to its case whenever its stage or deadlines change. */
export const localReviewProgress = defineSignal<[LocalReviewSummary]>('localReviewProgress');

/** Sent by the case to a review it started at the partners' decision: the review is not to be (a national review). */
export const stopLocalReview = defineSignal<[{ reason: string }]>('stopLocalReview');
