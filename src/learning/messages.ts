/** A learning action's view, besides its decisions (./decisions.ts). */
import { defineQuery } from '@temporalio/workflow';
import type { LearningActionView } from './types';

export const learningActionViewQuery = defineQuery<LearningActionView>('learningActionView');
