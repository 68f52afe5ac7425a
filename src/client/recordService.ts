/**
 * What the complaint and meeting services share: one workflow type whose records are read
 * by query, decided by Update and listed from visibility.
 */
import type { Client } from '@temporalio/client';
import type { QueryDefinition, UpdateDefinition } from '@temporalio/common';
import { londonDate } from '../calendar/london';
import type { PolicyRegistry } from '../policy/registry';
import {
  listSummaries,
  pageOfSummaries,
  type Summary,
  summaryClauses,
  type SummaryFilter,
  type SummaryPage,
} from './summaries';
import { type Decided, type PageRequest, WorkflowGateway } from './workflowGateway';

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

  decide<A>(id: string, update: UpdateDefinition<V, [A]>, arg: A): Promise<Decided<V>> {
    return this.temporal.send(id, update, arg, `no ${this.kind.noun} ${id}`, this.kind.viewQuery);
  }

  partnershipOf(id: string): Promise<string> {
    return this.temporal.partnershipOf(id, `no ${this.kind.noun} ${id}`);
  }

  list(filter: SummaryFilter): Promise<Summary[]> {
    return listSummaries(this.temporal, this.kind.workflowType, summaryClauses(filter));
  }

  listPage(filter: SummaryFilter, page: PageRequest): Promise<SummaryPage> {
    return pageOfSummaries(this.temporal, this.kind.workflowType, summaryClauses(filter), page);
  }
}
