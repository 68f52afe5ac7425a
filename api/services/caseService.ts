/**
 * Cases as the API sees them: start a caseWorkflow, read its view back. The workflow is the
 * record; this service only translates between HTTP-shaped requests and Temporal.
 */
import {
  ApplicationFailure,
  type Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { QueryDefinition, UpdateDefinition } from '@temporalio/common';
import { londonDate } from '../../src/calendar/london';
import { casePolicyFrom } from '../../src/case/casePolicy';
import type { CaseInput, CaseStage, CaseStatus, CaseView, Replan } from '../../src/case/types';
import type { PolicyRegistry } from '../../src/policy/registry';
import {
  Breached,
  CaseRef,
  CaseStage as CaseStageAttr,
  CaseStatus as CaseStatusAttr,
  NextDeadlineAt,
  Partnership,
} from '../../src/temporal/searchAttributes';
import { caseWorkflow } from '../../workflows/case';
import { csprViewQuery } from '../../workflows/csprMessages';
import { caseViewQuery, replanDeadlines } from '../../workflows/messages';
import { reviewIdFor } from '../../src/cspr/ids';
import type { CsprView } from '../../src/cspr/types';
import { INVALID_DECISION, WRONG_STAGE } from '../../workflows/rejections';
import { HttpProblem } from '../problem';
import type { StartCaseBody } from '../schemas';
import { endOfLondonDay } from '../../src/calendar/london';

/** One case per partnership and reference, so starting the same case twice cannot fork it. */
export function caseIdFor(partnership: string, reference: string): string {
  return `case-${partnership}-${reference}`;
}

export type StartedCase = { id: string } & StartCaseBody & Pick<CaseView, 'stage' | 'status'>;

export class CaseService {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly policies: PolicyRegistry,
    private readonly today: () => string = () => londonDate(new Date()),
  ) {}

  async start(body: StartCaseBody): Promise<StartedCase> {
    if (!this.policies.has(body.partnership)) {
      throw new HttpProblem(422, 'Unknown partnership', `no policy pack for "${body.partnership}"`, [
        { field: 'partnership', message: `must be one of ${this.policies.ids.join(', ')}` },
      ]);
    }
    if (body.awareAt > this.today()) {
      throw new HttpProblem(422, 'Awareness date in the future', `awareAt ${body.awareAt} is after today`, [
        { field: 'awareAt', message: 'must not be in the future' },
      ]);
    }
    if (!body.abuseOrNeglectSuspected || !(body.childDied || body.seriouslyHarmed)) {
      throw new HttpProblem(
        422,
        'Not a serious child safeguarding case',
        'a serious child safeguarding case needs abuse or neglect known or suspected, and the child to have died or been seriously harmed',
        [
          {
            field: 'abuseOrNeglectSuspected',
            message: 'with childDied or seriouslyHarmed, must describe a serious case',
          },
        ],
      );
    }
    const id = caseIdFor(body.partnership, body.reference);
    const input: CaseInput = {
      caseId: id,
      ...body,
      policy: casePolicyFrom(
        this.policies.get(body.partnership),
        this.policies.versions(body.partnership).policyVersion,
      ),
    };
    try {
      await this.client.workflow.start(caseWorkflow, {
        taskQueue: this.taskQueue,
        workflowId: id,
        args: [input],
        typedSearchAttributes: [
          { key: Partnership, value: body.partnership },
          { key: CaseRef, value: body.reference },
          { key: CaseStageAttr, value: 'notification' },
          { key: CaseStatusAttr, value: 'open' },
        ],
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) {
        throw new HttpProblem(
          409,
          'Case already exists',
          `${body.partnership} already has a case ${body.reference}`,
          [{ field: 'reference', message: 'is already in use in this partnership' }],
        );
      }
      throw err;
    }
    // Answered from what was started, so creating a case does not wait for a worker.
    return { id, ...body, stage: 'notification', status: 'open' };
  }

  async get(id: string): Promise<CaseView> {
    return this.read(id, caseViewQuery, `no case ${id}`);
  }

  /** The case's local CSPR, once the case has handed over to one. */
  async getReview(caseId: string): Promise<CsprView> {
    return this.read(reviewIdFor(caseId), csprViewQuery, `case ${caseId} has no local review`);
  }

  /** Sends a decision to the case; the workflow's validator refusing it becomes 409 or 422. */
  async decide<A>(id: string, update: UpdateDefinition<CaseView, [A]>, arg: A): Promise<CaseView> {
    return this.send(id, update, arg, `no case ${id}`);
  }

  /** Sends a decision to the case's local CSPR. */
  async decideReview<A>(caseId: string, update: UpdateDefinition<CsprView, [A]>, arg: A): Promise<CsprView> {
    return this.send(reviewIdFor(caseId), update, arg, `case ${caseId} has no local review`);
  }

  private async read<V>(workflowId: string, query: QueryDefinition<V>, missing: string): Promise<V> {
    try {
      return await this.client.workflow.getHandle(workflowId).query(query);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new HttpProblem(404, 'Not found', missing);
      throw err;
    }
  }

  private async send<V, A>(
    workflowId: string,
    update: UpdateDefinition<V, [A]>,
    arg: A,
    missing: string,
  ): Promise<V> {
    try {
      return await this.client.workflow.getHandle(workflowId).executeUpdate(update, { args: [arg] });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new HttpProblem(404, 'Not found', missing);
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
        const failure = err.cause;
        const field = (failure.details?.[0] as { field?: string } | undefined)?.field;
        if (failure.type === WRONG_STAGE) throw new HttpProblem(409, 'Not at this stage', failure.message);
        if (failure.type === INVALID_DECISION) {
          throw new HttpProblem(
            422,
            'Decision refused',
            failure.message,
            field ? [{ field, message: failure.message }] : [],
          );
        }
      }
      throw err;
    }
  }

  /**
   * After a calendar change (holiday data refreshed, a pack's closure days edited, and the
   * worker restarted with them), asks every open case of a partnership to plan its pending
   * deadlines again. Each case records what moved; this returns which cases were asked.
   */
  async replanOpen(
    partnership: string,
    replan: Replan,
    progress: (done: number) => void = () => undefined,
  ): Promise<string[]> {
    const open = await this.list({ partnership, status: 'open' });
    const asked: string[] = [];
    for (const c of open) {
      await this.client.workflow.getHandle(c.id).signal(replanDeadlines, replan);
      // A case in its local review keeps its live clocks in the review.
      if (c.stage === 'local-review')
        await this.client.workflow.getHandle(reviewIdFor(c.id)).signal(replanDeadlines, replan);
      asked.push(c.id);
      progress(asked.length);
    }
    return asked;
  }

  /** Open and closed cases from visibility (search attributes), newest first; no per-case query. */
  async list(filter: {
    partnership?: string;
    stage?: CaseStage;
    status?: CaseStatus;
    breached?: boolean;
    deadlineBefore?: string;
  }): Promise<CaseSummary[]> {
    const clauses = [`WorkflowType = 'caseWorkflow'`];
    // Every value has passed a strict schema (no quotes possible), so it is safe to inline.
    if (filter.partnership) clauses.push(`Partnership = '${filter.partnership}'`);
    if (filter.stage) clauses.push(`CaseStage = '${filter.stage}'`);
    if (filter.status) clauses.push(`CaseStatus = '${filter.status}'`);
    if (filter.breached !== undefined) clauses.push(`Breached = ${filter.breached}`);
    if (filter.deadlineBefore)
      clauses.push(`NextDeadlineAt <= '${endOfLondonDay(filter.deadlineBefore).toISOString()}'`);
    const cases: CaseSummary[] = [];
    for await (const wf of this.client.workflow.list({ query: clauses.join(' AND ') })) {
      const a = wf.typedSearchAttributes;
      cases.push({
        id: wf.workflowId,
        partnership: a.get(Partnership) ?? '',
        reference: a.get(CaseRef) ?? '',
        stage: (a.get(CaseStageAttr) ?? 'notification') as CaseStage,
        status: (a.get(CaseStatusAttr) ?? 'open') as CaseStatus,
        nextDeadlineAt: a.get(NextDeadlineAt)?.toISOString() ?? null,
        breached: a.get(Breached) ?? false,
      });
    }
    return cases;
  }
}

export interface CaseSummary {
  id: string;
  partnership: string;
  reference: string;
  stage: CaseStage;
  status: CaseStatus;
  nextDeadlineAt: string | null;
  breached: boolean;
}
