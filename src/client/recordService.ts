/**
 * What the complaint and meeting services share: one workflow type whose records are read
 * by query, decided by Update and listed from visibility.
 */
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
import type { DecisionAnswer, WorkflowGateway } from './workflowGateway';
import type { WorkflowType } from '../temporal/workflowTypes';
import type { Decision } from '../decisions/catalogue';
import type { Actor } from '../case/types';

export interface RecordKind<V> {
  workflowType: WorkflowType;
  viewQuery: QueryDefinition<V>;
  noun: string;
}

export abstract class RecordService<V> {
  /** Which workflow the records are; read by the methods, so a subclass may declare it as a field. */
  protected abstract readonly kind: RecordKind<V>;

  constructor(
    protected readonly temporal: WorkflowGateway,
    protected readonly policies: PolicyRegistry,
    protected readonly today: () => string = () => londonDate(new Date()),
  ) {}

  get(id: string): Promise<V> {
    return this.temporal.read(id, this.kind.viewQuery, `no ${this.kind.noun} ${id}`);
  }

  /** Takes a decision from its catalogue: the body, as the Update's argument, sent to the record. */
  async decide<A, FV>(
    decision: Decision<V, A, FV>,
    id: string,
    body: unknown,
    actor: Actor,
    updateId?: string,
  ): Promise<DecisionAnswer<V>> {
    const arg = await decision.argument(body, actor, {
      pack: async () => this.policies.get(await this.partnershipOf(id)),
    });
    const missing = `no ${this.kind.noun} ${id}`;
    return this.temporal.send(id, decision.update, arg, missing, this.kind.viewQuery, updateId);
  }

  partnershipOf(id: string): Promise<string> {
    return this.temporal.partnershipOf(id, this.kind.workflowType, `no ${this.kind.noun} ${id}`);
  }

  list(filter: SummaryFilter): Promise<Summary[]> {
    return this.temporal.summaries(this.kind.workflowType, summaryClauses(filter));
  }

  listPage(filter: SummaryFilter, page: PageRequest): Promise<SummaryPage> {
    return this.temporal.summaryPage(this.kind.workflowType, summaryClauses(filter), page);
  }
}
