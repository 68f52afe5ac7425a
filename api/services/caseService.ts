/**
 * Cases as the API sees them: start a caseWorkflow, read its view back. The workflow is the
 * record; this service only translates between HTTP-shaped requests and Temporal.
 */
import type { Client } from '@temporalio/client';
import type { z } from 'zod';
import type { UpdateDefinition } from '@temporalio/common';
import { endOfLondonDay, londonDate } from '../../src/calendar/london';
import { casePolicyFrom } from '../../src/case/casePolicy';
import type {
  Actor,
  AgencyReturnRequest,
  CaseInput,
  CaseStage,
  CaseStatus,
  CaseView,
  Replan,
} from '../../src/case/types';
import type { DeliveryReader } from '../../src/notify/deliveryJournal';
import { withCopies } from '../../src/notify/noticeCopies';
import type { PolicyRegistry } from '../../src/policy/registry';
import { caseWorkflow } from '../../workflows/case';
import { csprViewQuery } from '../../workflows/csprMessages';
import { caseViewQuery, replanDeadlines, requestAgencyReturn } from '../../workflows/messages';
import { reviewIdFor } from '../../src/cspr/ids';
import type { CsprView } from '../../src/cspr/types';
import { HttpProblem } from '../problem';
import type { decisionBodies, StartCaseBody } from '../schemas';
import { assertCaseOfKind } from './caseKinds';
import { agencyOf, assertKnownPartnership, assertNotFuture } from './startChecks';
import { CaseType as CaseTypeAttr } from '../../src/temporal/searchAttributes';
import { CaseBoard, type CaseBoardOptions } from './caseBoard';
import { listSummaries, pageOfSummaries, type Summary, summaryClauses, type SummaryPage } from './summaries';
import { type Decided, type PageRequest, partnershipClause, WorkflowGateway } from './workflowGateway';

/** One case per partnership and reference, so starting the same case twice cannot fork it. */
export function caseIdFor(partnership: string, reference: string): string {
  return `case-${partnership}-${reference}`;
}

export type StartedCase = { id: string } & StartCaseBody & Pick<CaseView, 'stage' | 'status' | 'caseType'>;

export class CaseService {
  private readonly temporal: WorkflowGateway;

  constructor(
    client: Client,
    taskQueue: string,
    private readonly policies: PolicyRegistry,
    private readonly today: () => string = () => londonDate(new Date()),
    /** Where the worker journals each notice's copies: the view shows them, and the notices still being sent. */
    private readonly deliveries?: DeliveryReader,
  ) {
    this.temporal = new WorkflowGateway(client, taskQueue);
  }

  async start(body: StartCaseBody, startedBy?: Actor): Promise<StartedCase> {
    assertKnownPartnership(this.policies, body.partnership);
    assertNotFuture(body.awareAt, 'awareAt', this.today());
    const pack = this.policies.get(body.partnership);
    const caseType = body.caseType ?? 'serious-incident';
    assertCaseOfKind(pack, caseType, body);
    const id = caseIdFor(body.partnership, body.reference);
    const policy = casePolicyFrom(pack, this.policies.versions(body.partnership).policyVersion, caseType);
    const input: CaseInput = { caseId: id, ...body, caseType, ...(startedBy && { startedBy }), policy };
    const stage: CaseStage = policy.obligations!.notification ? 'notification' : 'review-decision';
    await this.temporal.startRecord(caseWorkflow, {
      id,
      args: [input],
      partnership: body.partnership,
      reference: body.reference,
      stage,
      noun: 'case',
      listedBy: [{ key: CaseTypeAttr, value: caseType }],
    });
    // Answered from what was started, so creating a case does not wait for a worker.
    return { id, ...body, caseType, stage, status: 'open' };
  }

  async get(id: string): Promise<CaseView> {
    const view = await this.temporal.read(id, caseViewQuery, `no case ${id}`);
    // The workflow's view stands without the journal: a journal that cannot be read adds nothing.
    const copies = await this.deliveries?.ofCase(id).catch(() => undefined);
    return copies ? { ...view, notices: withCopies(view.notices, copies) } : view;
  }

  /** The case's local CSPR, once the case has handed over to one. */
  async getReview(caseId: string): Promise<CsprView> {
    return this.temporal.read(reviewIdFor(caseId), csprViewQuery, `case ${caseId} has no local review`);
  }

  /** Sends a decision to the case; the workflow's validator refusing it becomes 409 or 422. */
  async decide<A>(id: string, update: UpdateDefinition<CaseView, [A]>, arg: A): Promise<Decided<CaseView>> {
    return this.temporal.send(
      id,
      update,
      await this.prepared(id, update, arg),
      `no case ${id}`,
      caseViewQuery,
    );
  }

  /** A request for an agency's information (the case's or its review's) gets the pack's terms. */
  private async prepared<A>(caseId: string, update: { name: string }, arg: A): Promise<A> {
    // The case's and the review's Updates share the name.
    if (update.name !== requestAgencyReturn.name) return arg;
    return (await this.returnTerms(caseId, arg as ReturnBody)) as A;
  }

  /**
   * A request for an agency's information as the workflow takes it: the agency's name, the
   * contact and the timescales from the partnership's pack where the request leaves them out,
   * so the terms the case ran by are in its history.
   */
  private async returnTerms(id: string, body: ReturnBody): Promise<AgencyReturnRequest> {
    const pack = this.policies.get(await this.partnershipOf(id));
    const agency = agencyOf(pack, body.agency, 'agency');
    const contact = body.contact ?? agency.contact;
    if (!contact) {
      throw new HttpProblem(422, 'No contact', `the pack names no contact at ${agency.name}: give one`, [
        { field: 'contact', message: `is needed: the pack names no contact at ${agency.name}` },
      ]);
    }
    return {
      agency: agency.id,
      agencyName: agency.name,
      contact,
      requestedOn: body.requestedOn,
      workingDays: body.workingDays ?? pack.agencyReturns.workingDays,
      escalateAfterWorkingDays: pack.agencyReturns.escalateAfterWorkingDays,
      required: body.required ?? true,
      actor: body.actor,
    };
  }

  /** Sends a decision to the case's local CSPR. */
  async decideReview<A>(
    caseId: string,
    update: UpdateDefinition<CsprView, [A]>,
    arg: A,
  ): Promise<Decided<CsprView>> {
    return this.temporal.send(
      reviewIdFor(caseId),
      update,
      await this.prepared(caseId, update, arg),
      `case ${caseId} has no local review`,
      csprViewQuery,
    );
  }

  /**
   * After a calendar change (holiday data refreshed, a pack's closure days edited, and the
   * worker restarted with them), asks every open case, complaint and meeting of a
   * partnership to plan its pending deadlines again. Each records what moved; this returns
   * which were asked.
   */
  async replanOpen(
    partnership: string,
    replan: Replan,
    progress: (done: number) => void = () => undefined,
  ): Promise<string[]> {
    const open = await this.list({ partnerships: [partnership], status: 'open' });
    const asked: string[] = [];
    // Complaints and meetings keep working-day clocks too.
    for (const type of ['complaintWorkflow', 'meetingWorkflow']) {
      for (const wf of await this.temporal.list(type, [
        partnershipClause([partnership]),
        `CaseStatus = 'open'`,
      ])) {
        await this.temporal.client.workflow.getHandle(wf.workflowId).signal(replanDeadlines, replan);
        asked.push(wf.workflowId);
        progress(asked.length);
      }
    }
    for (const c of open) {
      const { client } = this.temporal;
      await client.workflow.getHandle(c.id).signal(replanDeadlines, replan);
      // A case in its local review keeps its live clocks in the review.
      if (c.stage === 'local-review')
        await client.workflow.getHandle(reviewIdFor(c.id)).signal(replanDeadlines, replan);
      asked.push(c.id);
      progress(asked.length);
    }
    return asked;
  }

  /** Open and closed cases from visibility (search attributes), newest first; no per-case query. */
  partnershipOf(id: string): Promise<string> {
    return this.temporal.partnershipOf(id, `no case ${id}`);
  }

  list(filter: CaseFilter): Promise<CaseSummary[]> {
    return listSummaries(this.temporal, 'caseWorkflow', caseClauses(filter), FIRST_STAGE);
  }

  /** A read model of the open cases for the dashboard (see caseBoard.ts). */
  board(options: CaseBoardOptions = {}): CaseBoard {
    return new CaseBoard((clauses) => this.temporal.list('caseWorkflow', clauses), options);
  }

  /** One page of the list, for the API: what a list costs grows with the rows it returns. */
  listPage(filter: CaseFilter, page: PageRequest): Promise<SummaryPage<CaseStage>> {
    return pageOfSummaries(this.temporal, 'caseWorkflow', caseClauses(filter), page, FIRST_STAGE);
  }
}

const FIRST_STAGE: CaseStage = 'notification';

export interface CaseFilter {
  partnerships: readonly string[];
  stage?: CaseStage;
  status?: CaseStatus;
  breached?: boolean;
  deadlineBefore?: string;
}

function caseClauses(filter: CaseFilter): string[] {
  const clauses = summaryClauses(filter);
  if (filter.stage) clauses.push(`CaseStage = '${filter.stage}'`);
  if (filter.breached !== undefined) clauses.push(`Breached = ${filter.breached}`);
  if (filter.deadlineBefore)
    clauses.push(`NextDeadlineAt <= '${endOfLondonDay(filter.deadlineBefore).toISOString()}'`);
  return clauses;
}

export type CaseSummary = Summary<CaseStage>;

type ReturnBody = z.infer<(typeof decisionBodies)['agency-returns']> & { actor: Actor };
