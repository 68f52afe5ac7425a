/** Takes a local review's decisions by their Updates, so a test reads as the steps it takes. */
import type { WorkflowHandle } from '@temporalio/client';
import type { Actor } from '../../src/case/types';
import { localReviewDecisions as r } from '../../src/localReview/decisions';
import type { localReviewWorkflow } from '../../workflows/localReview/workflow';
import { manager } from './cases';

export type Review = WorkflowHandle<typeof localReviewWorkflow>;

export const commission = (review: Review, day: string, independent = true) =>
  review.executeUpdate(r.reviewer.update, {
    args: [
      {
        commissionedOn: day,
        reviewer: independent ? 'Independent Reviews Ltd' : 'Council learning officer',
        independent,
        termsOfReference: 'the multi-agency response in the year before the incident',
        actor: manager,
      },
    ],
  });

export const draft = (review: Review, day: string, kind: 'first' | 'further') =>
  review.executeUpdate(r.draft.update, { args: [{ receivedOn: day, draft: kind, actor: manager }] });

export const comments = (review: Review, day: string) =>
  review.executeUpdate(r.comments.update, { args: [{ sentOn: day, actor: manager }] });

export const signOff = (review: Review, day: string, actor: Actor = manager) =>
  review.executeUpdate(r.signOff.update, { args: [{ signedOffOn: day, actor }] });

export const strategy = (review: Review, day: string, actor: Actor = manager) =>
  review.executeUpdate(r.communicationStrategy.update, { args: [{ signedOffOn: day, actor }] });

/** The publication date, for a final report sent to the Panel and the Secretary of State on `sentOn`. */
export const publicationDate = (review: Review, date: string, sentOn: string) =>
  review.executeUpdate(r.publicationDate.update, {
    args: [{ publicationDate: date, sentOn, actor: manager }],
  });

export const publish = (review: Review, day: string) =>
  review.executeUpdate(r.publication.update, { args: [{ publishedOn: day, actor: manager }] });
