/** The messages of a learning action (learningActionWorkflow), shared by the workflow and the API. */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ActionClosure, ActionCompletion, LearningActionView } from './types';

export const learningActionViewQuery = defineQuery<LearningActionView>('learningActionView');

export const completeAction = defineUpdate<LearningActionView, [ActionCompletion]>('completeAction');
export const closeActionWithoutCompletion = defineUpdate<LearningActionView, [ActionClosure]>(
  'closeActionWithoutCompletion',
);
