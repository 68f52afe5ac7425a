import type { Client } from '@temporalio/client';
import { londonDate } from '../calendar/london';
import type { PolicyRegistry } from '../policy/registry';
import type { DeliveryReader } from '../notify/deliveryJournal';
import { CaseService } from './caseService';
import { ComplaintService } from './complaintService';
import { LearningActionService } from './learningActionService';
import { MeetingService } from './meetingService';
import { ReportService } from './reportService';

/** The services the API's routes stand on, all over one Temporal client and task queue. */
export function createWorkflowServices(
  client: Client,
  taskQueue: string,
  policies: PolicyRegistry,
  today: () => string = () => londonDate(new Date()),
  deliveries?: DeliveryReader,
) {
  return {
    cases: new CaseService(client, taskQueue, policies, today, deliveries),
    complaints: new ComplaintService(client, taskQueue, policies, today),
    meetings: new MeetingService(client, taskQueue, policies, today),
    actions: new LearningActionService(client, taskQueue, policies, today),
    reports: new ReportService(client, policies, today),
  };
}
