/**
 * What the complaint and meeting services share: one workflow type whose records are read
 * by query, decided by Update and listed from visibility.
 */
import type { Client } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import { londonDate } from '../calendar/london';
import type { PolicyRegistry } from '../policy/registry';
import {
  type Summary,
  summaryClauses,
  type SummaryFilter,
  type SummaryPage,
  type PageRequest,
} from './summaries';
import { type DecisionAnswer, WorkflowGateway } from './workflowGateway';
import type { Decision } from '../decisions/catalogue';
import type { Actor } from '../case/types';

export interface RecordKind<V> {
  workflowType: string;
  viewQuery: QueryDefinition<V>;
  noun: string;
}

export abstract class RecordService<V> {
  protected readonly temporal: WorkflowGateway;
  /** Which workflow the records are; read by the methods, so a subclass may declare it as a field. */
  protected abstract readonly kind: RecordKind<V>;

  constructor(
    client: Client,
    taskQueue: string,
    protected readonly policies: PolicyRegistry,
    protected readonly today: () => string = () => londonDate(new Date()),
  ) {
    this.temporal = new WorkflowGateway(client, taskQueue);
  }

  get(id: string): Promise<V> {
    return this.temporal.read(id, this.kind.viewQuery, `no ${this.kind.noun} ${id}`);
  }

  /** Takes a decision from its catalogue: the body, as the Update's argument, sent to the record. */
  async decide<A, FV>(
    decision: Decision<V, A, FV>,
    id: string,
    body: unknown,
    actor: Actor,
  ): Promise<DecisionAnswer<V>> {
    const arg = await decision.argument(body, actor, {
      pack: async () => this.policies.get(await this.partnershipOf(id)),
    });
    return this.temporal.send(id, decision.update, arg, `no ${this.kind.noun} ${id}`, this.kind.viewQuery);
  }

  partnershipOf(id: string): Promise<string> {
    return this.temporal.partnershipOf(id, `no ${this.kind.noun} ${id}`);
  }

  list(filter: SummaryFilter): Promise<Summary[]> {
    return this.temporal.summaries(this.kind.workflowType, summaryClauses(filter));
  }

  listPage(filter: SummaryFilter, page: PageRequest): Promise<SummaryPage> {
    return this.temporal.summaryPage(this.kind.workflowType, summaryClauses(filter), page);
  }
}
