import type { Client } from '@temporalio/client';
import { londonDate } from '../calendar/london';
import type { PolicyRegistry } from '../policy/registry';
import type { DeliveryReader } from '../notify/deliveryJournal';
import { CaseService } from './caseService';
import { ComplaintService } from './complaintService';
import { LearningActionService } from './learningActionService';
import { MeetingService } from './meetingService';
import { ReportService } from './reportService';
import { type GatewaySettings, WorkflowGateway } from './workflowGateway';
import type { ApiConfig } from '../config';
import { pageTokenKey } from './pageTokens';

/** Deadlines and a page-token key from the configuration (what the CLI and tests use too). */
export function gatewaySettings(
  api: Pick<ApiConfig, 'callTimeoutMs' | 'decisionWaitMs' | 'pageTokenSecret'>,
  dataDir: string,
): GatewaySettings {
  return {
    callTimeoutMs: api.callTimeoutMs,
    decisionWaitMs: api.decisionWaitMs,
    pageTokenKey: pageTokenKey(api.pageTokenSecret, dataDir),
  };
}

/** The services the API's routes stand on, all over one Temporal client, task queue and set of deadlines. */
export function createWorkflowServices(
  client: Client,
  taskQueue: string,
  policies: PolicyRegistry,
  options: { settings: GatewaySettings; today?: () => string; deliveries?: DeliveryReader },
) {
  const today = options.today ?? (() => londonDate(new Date()));
  const temporal = new WorkflowGateway(client, taskQueue, options.settings);
  return {
    cases: new CaseService(temporal, policies, today, options.deliveries),
    complaints: new ComplaintService(temporal, policies, today),
    meetings: new MeetingService(temporal, policies, today),
    actions: new LearningActionService(temporal, policies, today),
    reports: new ReportService(temporal, policies, today),
  };
}
