/**
 * The messages a case workflow answers besides its decisions (which are Updates defined in
 * its catalogue, ./decisions.ts): its view, and the signal to re-plan after a calendar change.
 * Defined once and imported by both the workflow and its clients.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { CaseView, Replan } from './types';

export const caseViewQuery = defineQuery<CaseView>('caseView');

/** The calendar changed: plan every open deadline again and record what moved. */
export const replanDeadlines = defineSignal<[Replan]>('replanDeadlines');
