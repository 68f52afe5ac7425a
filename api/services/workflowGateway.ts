/**
 * What every service does with Temporal, in one place: read a workflow's view, send it a
 * decision (a refused Update becomes 409 or 422 problem+json), start one workflow per id,
 * and list workflows of one type from visibility.
 */
import {
  ApplicationFailure,
  type Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  type WorkflowStartOptions,
  WorkflowUpdateFailedError,
  WorkflowUpdateStage,
  type WorkflowExecutionInfo,
} from '@temporalio/client';
import type { QueryDefinition, UpdateDefinition, Workflow } from '@temporalio/common';
import { INVALID_DECISION, WRONG_STAGE } from '../../workflows/rejections';
import { CaseRef, CaseStage, CaseStatus, Partnership } from '../../src/temporal/searchAttributes';
import { HttpProblem } from '../problem';
import type { Summary } from './summaries';

/** A decision's answer: the record after it, or, if the workflow is still acting on it, as it stands. */
export interface Decided<V> {
  view: V;
  pending: boolean;
}

export class WorkflowGateway {
  constructor(
    readonly client: Client,
    readonly taskQueue: string,
    private readonly patienceMs = 20_000,
  ) {}

  async read<V>(workflowId: string, query: QueryDefinition<V>, missing: string): Promise<V> {
    try {
      return await this.client.workflow.getHandle(workflowId).query(query);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new HttpProblem(404, 'Not found', missing);
      throw err;
    }
  }

  /**
   * Sends a decision and answers with the record as the decision leaves it. A decision the
   * workflow has accepted but is still acting on after `patienceMs` (a notice being retried
   * while a mail server is down) is answered from a query instead, marked `pending`: the
   * decision is recorded either way, and the client is not kept waiting on a channel.
   */
  async send<V, A>(
    workflowId: string,
    update: UpdateDefinition<V, [A]>,
    arg: A,
    missing: string,
    view: QueryDefinition<V>,
  ): Promise<Decided<V>> {
    const handle = this.client.workflow.getHandle(workflowId);
    try {
      const started = await handle.startUpdate(update, {
        args: [arg],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });
      const result = started.result().then((value) => ({ value }));
      const answered = await Promise.race([result, delay(this.patienceMs)]);
      if (answered) return { view: answered.value, pending: false };
      result.catch(() => undefined); // it finishes in the workflow; no one is waiting here
      return { view: await handle.query(view), pending: true };
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
   * Starts one workflow per partnership and reference, with the search attributes the lists
   * filter on; a second start is 409 naming the reference.
   */
  async startRecord<W extends Workflow>(
    workflow: W,
    record: {
      id: string;
      args: Parameters<W>;
      partnership: string;
      reference: string;
      stage: string;
      noun: string;
    },
  ): Promise<Summary> {
    const { id, partnership, reference, stage, noun } = record;
    await this.startOnce(
      workflow,
      {
        workflowId: id,
        args: record.args,
        typedSearchAttributes: [
          { key: Partnership, value: partnership },
          { key: CaseRef, value: reference },
          { key: CaseStage, value: stage },
          { key: CaseStatus, value: 'open' },
        ],
      } as Omit<WorkflowStartOptions<W>, 'taskQueue'>,
      new HttpProblem(
        409,
        `${capitalised(noun)} already exists`,
        `${partnership} already has a ${noun} ${reference}`,
        [{ field: 'reference', message: 'is already in use in this partnership' }],
      ),
    );
    return { id, partnership, reference, stage, status: 'open', nextDeadlineAt: null, breached: false };
  }

  /** Starts the workflow unless one with its id exists, in which case `conflict` is thrown. */
  async startOnce<W extends Workflow>(
    workflow: W,
    options: Omit<WorkflowStartOptions<W>, 'taskQueue'>,
    conflict: HttpProblem,
  ): Promise<void> {
    try {
      await this.client.workflow.start(workflow, {
        ...options,
        taskQueue: this.taskQueue,
      } as WorkflowStartOptions<W>);
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) throw conflict;
      throw err;
    }
  }

  /** The partnership a workflow belongs to, from its search attributes (404 if there is none). */
  async partnershipOf(workflowId: string, missing: string): Promise<string> {
    try {
      const described = await this.client.workflow.getHandle(workflowId).describe();
      return described.typedSearchAttributes.get(Partnership) ?? '';
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new HttpProblem(404, 'Not found', missing);
      throw err;
    }
  }

  /** Workflows of one type matching every clause. Values must have passed a strict schema. */
  async list(workflowType: string, clauses: string[]): Promise<WorkflowExecutionInfo[]> {
    const query = [`WorkflowType = '${workflowType}'`, ...clauses].join(' AND ');
    const found: WorkflowExecutionInfo[] = [];
    for await (const wf of this.client.workflow.list({ query })) found.push(wf);
    return found;
  }
}

const capitalised = (word: string) => `${word[0]!.toUpperCase()}${word.slice(1)}`;

/** A visibility clause for any of the partnerships (ids matched by a strict pattern). */
export function partnershipClause(partnerships: readonly string[]): string {
  return `Partnership IN (${partnerships.map((p) => `'${p}'`).join(', ')})`;
}

const delay = (ms: number) =>
  new Promise<undefined>((resolve) => {
    setTimeout(() => resolve(undefined), ms).unref();
  });
