/**
 * Cases as the API sees them: start a caseWorkflow, read its view back. The workflow is the
 * record; this service only translates between HTTP-shaped requests and Temporal.
 */
import { endOfLondonDay, londonDate } from '../calendar/london';
import { casePolicyFrom } from '../case/casePolicy';
import { CaseStages } from '../case/values';
import type { Actor, CaseInput, CaseStage, CaseStatus, CaseView, Replan } from '../case/types';
import type { PolicyRegistry } from '../policy/registry';
import { WorkflowTypes } from '../temporal/workflowTypes';
import { localReviewViewQuery } from '../localReview/messages';
import { caseViewQuery, replanDeadlines } from '../case/messages';
import { caseIdFor, localReviewIdFor } from '../ids';
import type { LocalReviewView } from '../localReview/types';
import type { StartCaseBody } from '../case/bodies';
import type { DeliveryReader } from '../notify/deliveryJournal';
import { withCopies } from '../notify/noticeCopies';
import { assertCaseOfKind, isSerious } from './caseKinds';
import { assertKnownPartnership, assertNotFuture, assertPlausibleDate } from './startChecks';
import { CaseType as CaseTypeAttr } from '../temporal/searchAttributes';
import { CaseBoard, type CaseBoardOptions } from './caseBoard';
import {
  type CaseSummary,
  type PageRequest,
  partnershipClause,
  summaryClauses,
  type SummaryPage,
} from './summaries';
import type { DecisionAnswer, WorkflowGateway } from './workflowGateway';
import type { Decision, DecisionContext } from '../decisions/catalogue';
import type { CaseFormView } from '../case/decisions';
import type { LocalReviewFormView } from '../localReview/decisions';

export { caseIdFor };

export type StartedCase = { id: string } & StartCaseBody & Pick<CaseView, 'stage' | 'status' | 'caseType'>;

export class CaseService {
  constructor(
    private readonly temporal: WorkflowGateway,
    private readonly policies: PolicyRegistry,
    private readonly today: () => string = () => londonDate(new Date()),
    /** Where the worker journals each notice's copies: the view shows them, and the notices still being sent. */
    private readonly deliveries?: DeliveryReader,
  ) {}

  async start(body: StartCaseBody, startedBy?: Actor): Promise<StartedCase> {
    assertKnownPartnership(this.policies, body.partnership);
    assertPlausibleDate(body.awareAt, 'awareAt', this.today());
    assertNotFuture(body.awareAt, 'awareAt', this.today());
    const pack = this.policies.get(body.partnership);
    const caseType = body.caseType ?? 'serious-incident';
    assertCaseOfKind(pack, caseType, body);
    const id = caseIdFor(body.partnership, body.reference);
    const policy = casePolicyFrom(
      pack,
      this.policies.versions(body.partnership).policyVersion,
      caseType,
      isSerious(body),
    );
    const input: CaseInput = { caseId: id, ...body, caseType, ...(startedBy && { startedBy }), policy };
    const stage: CaseStage = policy.obligations!.notification ? 'notification' : 'review-decision';
    await this.temporal.startRecord(WorkflowTypes.case, {
      id,
      input,
      request: body,
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
  async getLocalReview(caseId: string): Promise<LocalReviewView> {
    return this.temporal.read(
      localReviewIdFor(caseId),
      localReviewViewQuery,
      `case ${caseId} has no local review`,
    );
  }

  /** Takes a decision on the case; the workflow's validator refusing it becomes wrong-stage or refused. */
  async decide<A>(
    decision: Decision<CaseView, A, CaseFormView>,
    id: string,
    body: unknown,
    actor: Actor,
    updateId?: string,
  ): Promise<DecisionAnswer<CaseView>> {
    const arg = await decision.argument(body, actor, this.contextOf(id));
    return this.temporal.send(id, decision.update, arg, `no case ${id}`, caseViewQuery, updateId);
  }

  /** Takes a decision on the case's local CSPR. */
  async decideLocalReview<A>(
    decision: Decision<LocalReviewView, A, LocalReviewFormView>,
    caseId: string,
    body: unknown,
    actor: Actor,
    updateId?: string,
  ): Promise<DecisionAnswer<LocalReviewView>> {
    // The review is the case's: the case must be one, whatever the review's id.
    await this.partnershipOf(caseId);
    const arg = await decision.argument(body, actor, this.contextOf(caseId));
    const review = localReviewIdFor(caseId);
    return this.temporal.send(
      review,
      decision.update,
      arg,
      `case ${caseId} has no local review`,
      localReviewViewQuery,
      updateId,
    );
  }

  /** What a decision on the case (or its review) may need: the pack of its partnership. */
  private contextOf(caseId: string): DecisionContext {
    return { pack: async () => this.policies.get(await this.partnershipOf(caseId)) };
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
    for (const type of [WorkflowTypes.complaint, WorkflowTypes.meeting]) {
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
        await client.workflow.getHandle(localReviewIdFor(c.id)).signal(replanDeadlines, replan);
      asked.push(c.id);
      progress(asked.length);
    }
    return asked;
  }

  /** Open and closed cases from visibility (search attributes), newest first; no per-case query. */
  partnershipOf(id: string): Promise<string> {
    return this.temporal.partnershipOf(id, WorkflowTypes.case, `no case ${id}`);
  }

  list(filter: CaseFilter): Promise<CaseSummary[]> {
    return this.temporal.summaries(WorkflowTypes.case, caseClauses(filter), FIRST_STAGE);
  }

  /** A read model of the open cases for the dashboard (see caseBoard.ts). */
  board(options: CaseBoardOptions = {}): CaseBoard {
    return new CaseBoard((clauses) => this.temporal.list(WorkflowTypes.case, clauses), options);
  }

  /** One page of the list, for the API: what a list costs grows with the rows it returns. */
  listPage(filter: CaseFilter, page: PageRequest): Promise<SummaryPage<CaseStage>> {
    return this.temporal.summaryPage(WorkflowTypes.case, caseClauses(filter), page, FIRST_STAGE);
  }
}

const FIRST_STAGE: CaseStage = CaseStages.notification;

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

export type { CaseSummary };
