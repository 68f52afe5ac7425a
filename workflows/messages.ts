/**
 * Every message a case workflow answers, defined once and imported by both the workflow and
 * the API, so their names and types cannot drift apart.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CaseView, NotificationDecision } from '../src/case/types';

export const caseViewQuery = defineQuery<CaseView>('caseView');

export const recordNotificationDecision = defineUpdate<CaseView, [NotificationDecision]>(
  'recordNotificationDecision',
);
