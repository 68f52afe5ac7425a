/** A complaint's view, besides its decisions (./decisions.ts). */
import { defineQuery } from '@temporalio/workflow';
import type { ComplaintView } from './types';

export const complaintViewQuery = defineQuery<ComplaintView>('complaintView');
