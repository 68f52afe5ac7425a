/**
 * What every service does with Temporal, in one place: read a workflow's view, send it a
 * decision (a refused Update becomes wrong-stage or refused), start one workflow per id, and
 * list workflows of one type from visibility. Every call has a deadline, and every error
 * Temporal answers with is read the same way (./temporalErrors.ts): a request is answered in
 * seconds, with what is known, however the parts behind it are doing.
 */
import { randomUUID } from 'node:crypto';
import { fingerprint } from '../fingerprint';
import {
  ApplicationFailure,
  type Client,
  WorkflowExecutionAlreadyStartedError,
  type WorkflowExecutionInfo,
  type WorkflowStartOptions,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  WorkflowUpdateStage,
} from '@temporalio/client';
import type { QueryDefinition, SearchAttributePair, UpdateDefinition } from '@temporalio/common';
// Not re-exported by the package's index; the client decodes listed rows with the same function.
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { temporal as proto } from '@temporalio/proto';
import { legacyIdOf } from '../ids';
import { INVALID_DECISION, WRONG_STAGE } from '../decisions/refusals';
import { DomainError, notFound, wrongStage } from '../errors';
import { CaseRef, CaseStage, CaseStatus, CaseUpdatedAt, Partnership } from '../temporal/searchAttributes';
import type { WorkflowType } from '../temporal/workflowTypes';
import { PageTokenSeal, badPageToken } from './pageTokens';
import { type ListPage, type PageRequest, type Summary, type SummaryPage, summaryOf } from './summaries';
import { REFUSED_INPUT } from '../temporal/refusedInput';
import {
  asDomainError,
  grpcCode,
  wentUnanswered,
  workerCannotRead,
  workerUnavailable,
} from './temporalErrors';

/** What a decision's request learns before its deadline. */
export type DecisionAnswer<V> =
  /** Taken: the record as the decision left it. */
  | { outcome: 'done'; view: V }
  /** Accepted, and the workflow is still acting on it (a notice being retried): the record as it stands. */
  | { outcome: 'acting'; view: V }
  /** Received, its outcome not known yet: held for a workflow no worker has taken it up for, or accepted with the record unreadable just now. */
  | { outcome: 'waiting'; updateId: string };

export interface GatewaySettings {
  /** Each call's deadline: past it a request is answered as unavailable, never left to hang. */
  callTimeoutMs: number;
  /** How long a decision's answer may wait for the workflow to finish acting on it. */
  decisionWaitMs: number;
  /** Seals the page tokens handed out (a secret of the deployment's). */
  pageTokenKey: string | Buffer;
  /** The deadline of a list read whole, every page of it (30 seconds unless set). */
  listTimeoutMs?: number;
}

const LIST_TIMEOUT_MS = 30_000;

const GRPC_INVALID_ARGUMENT = 3;
const ADMITTED =
  proto.api.enums.v1.UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED;

export class WorkflowGateway {
  private readonly tokens: PageTokenSeal;

  constructor(
    readonly client: Client,
    readonly taskQueue: string,
    readonly settings: GatewaySettings,
  ) {
    this.tokens = new PageTokenSeal(settings.pageTokenKey);
  }

  /** Runs `call` within a deadline; what Temporal's error means for the request is thrown as a domain error. */
  async within<T>(call: () => Promise<T>, missing: string, ms = this.settings.callTimeoutMs): Promise<T> {
    try {
      return await this.client.withDeadline(Date.now() + ms, call);
    } catch (err) {
      throw asDomainError(err, missing) ?? err;
    }
  }

  read<V>(workflowId: string, query: QueryDefinition<V>, missing: string): Promise<V> {
    return this.within(() => this.client.workflow.getHandle(workflowId).query(query), missing);
  }

  /**
   * The partnership of the record `workflowId`, which must be a workflow of `workflowType`:
   * an id of another kind of record (a case's id under /api/complaints) is not found.
   */
  async partnershipOf(workflowId: string, workflowType: WorkflowType, missing: string): Promise<string> {
    const described = await this.within(() => this.client.workflow.getHandle(workflowId).describe(), missing);
    if (described.type !== workflowType) throw notFound(missing);
    return described.typedSearchAttributes.get(Partnership) ?? '';
  }

  /**
   * Sends a decision and answers with what is known before the deadline: taken (the record as
   * the decision leaves it), accepted and still being acted on, or held for a workflow no
   * worker has taken up. `updateId` makes a retry the same decision: Temporal answers a
   * repeated id with the first one's outcome, so a retry after any crash learns it.
   */
  async send<V, A>(
    workflowId: string,
    update: UpdateDefinition<V, [A]>,
    arg: A,
    missing: string,
    view: QueryDefinition<V>,
    updateId: string = randomUUID(),
  ): Promise<DecisionAnswer<V>> {
    const handle = this.client.workflow.getHandle(workflowId);
    const until = Date.now() + this.settings.decisionWaitMs;
    let started;
    try {
      started = await this.client.withDeadline(Date.now() + this.settings.callTimeoutMs, () =>
        handle.startUpdate(update, { args: [arg], updateId, waitForStage: WorkflowUpdateStage.ACCEPTED }),
      );
    } catch (err) {
      // No answer within the deadline, however the SDK words it (a call past its deadline is
      // sometimes reported cancelled): the Update may still be held for a worker.
      if (wentUnanswered(err) || err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
        if (await this.admitted(workflowId, updateId)) return { outcome: 'waiting', updateId };
        throw workerUnavailable();
      }
      const known = refusal(err) ?? asDomainError(err, missing);
      // A failure nothing here reads says nothing of the decision: if Temporal holds it, it is held.
      if (!known && (await this.admitted(workflowId, updateId))) return { outcome: 'waiting', updateId };
      const answer = known ?? err;
      if (answer instanceof DomainError && answer.kind === 'not-found' && (await this.isClosed(workflowId)))
        throw new DomainError(
          'wrong-stage',
          'Closed',
          `${workflowId} is closed: no decision can be taken on it`,
        );
      throw answer;
    }
    try {
      const value = await this.client.withDeadline(until, () => started.result());
      return { outcome: 'done', view: value };
    } catch (err) {
      // The handler refused it after all; any other failure to hear its outcome (Temporal
      // gone, the deadline past) says nothing about a decision already accepted.
      const refused = refusal(err);
      if (refused) throw refused;
    }
    // Accepted: it finishes in the workflow, with no one here waiting for it. Something accepted is
    // never answered as a failure: if the record cannot be read just now, say only that.
    try {
      return { outcome: 'acting', view: await this.read(workflowId, view, missing) };
    } catch {
      return { outcome: 'waiting', updateId };
    }
  }

  /** Whether the workflow ran and has finished (Temporal answers an Update to it as if it were not there). */
  private async isClosed(workflowId: string): Promise<boolean> {
    try {
      const described = await this.client.withDeadline(Date.now() + this.settings.callTimeoutMs, () =>
        this.client.workflow.getHandle(workflowId).describe(),
      );
      return described.status.name !== 'RUNNING';
    } catch {
      return false;
    }
  }

  /** Whether Temporal holds the Update `updateId` for the workflow (admitted, not yet taken up). */
  private async admitted(workflowId: string, updateId: string): Promise<boolean> {
    try {
      await this.client.withDeadline(Date.now() + 2_000, () =>
        this.client.workflowService.pollWorkflowExecutionUpdate({
          namespace: this.client.options.namespace,
          updateRef: { workflowExecution: { workflowId }, updateId },
          identity: this.client.options.identity,
          waitPolicy: { lifecycleStage: ADMITTED },
        }),
      );
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Starts one workflow per partnership and reference, with the search attributes the lists
   * filter on. A second start of the same request (a retry after a lost answer) returns the
   * first; a different request for the same reference is refused as existing.
   */
  async startRecord<A>(
    workflowType: WorkflowType,
    record: {
      id: string;
      input: A;
      /** The request as the client sent it: the same request again is a retry. */
      request: unknown;
      partnership: string;
      reference: string;
      stage: string;
      noun: string;
      /** Further search attributes the record is listed by (a case's kind). */
      listedBy?: SearchAttributePair[];
    },
  ): Promise<Summary> {
    const { id, partnership, reference, stage, noun } = record;
    const requestHash = fingerprint(record.request);
    const exists = new DomainError(
      'exists',
      `${capitalised(noun)} already exists`,
      `${partnership} already has a ${noun} ${reference}`,
      [{ field: 'reference', message: 'is already in use in this partnership' }],
    );
    if (await this.heldUnderLegacyId(id, workflowType, partnership, reference)) throw exists;
    const options = {
      workflowId: id,
      // A closed record's id is never given to a new one: its history is the record.
      workflowIdReusePolicy: 'REJECT_DUPLICATE' as const,
      args: [record.input],
      memo: { requestHash },
      typedSearchAttributes: [
        { key: Partnership, value: partnership },
        { key: CaseRef, value: reference },
        { key: CaseStage, value: stage },
        { key: CaseStatus, value: 'open' },
        { key: CaseUpdatedAt, value: new Date() },
        ...(record.listedBy ?? []),
      ],
    };
    await this.startOnce(workflowType, options, exists, requestHash);
    return { id, partnership, reference, stage, status: 'open', nextDeadlineAt: null, breached: false };
  }

  /** Whether a record of this partnership and reference was started under its id from before ids held colons. */
  private async heldUnderLegacyId(
    id: string,
    workflowType: WorkflowType,
    partnership: string,
    reference: string,
  ): Promise<boolean> {
    const legacy = legacyIdOf(id);
    if (legacy === undefined) return false;
    let described;
    try {
      described = await this.within(() => this.client.workflow.getHandle(legacy).describe(), `no ${legacy}`);
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'not-found') return false;
      throw err;
    }
    const attrs = described.typedSearchAttributes;
    // `case-a-b-c` may be partnership a-b's case c: only the same partnership and reference clash.
    return (
      described.type === workflowType &&
      attrs.get(Partnership) === partnership &&
      attrs.get(CaseRef) === reference
    );
  }

  /**
   * Starts the workflow unless one with its id exists. An existing one started by the same
   * request (`requestHash` in its memo) counts as this start; any other is `conflict`.
   */
  async startOnce(
    workflowType: WorkflowType,
    options: Omit<WorkflowStartOptions, 'taskQueue'>,
    conflict: DomainError,
    requestHash?: string,
  ): Promise<void> {
    const id = options.workflowId;
    try {
      await this.within(
        () => this.client.workflow.start(workflowType, { ...options, taskQueue: this.taskQueue }),
        `could not start ${id}`,
      );
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      if (requestHash === undefined) throw conflict;
      const described = await this.within(() => this.client.workflow.getHandle(id).describe(), `no ${id}`);
      if (described.type !== workflowType || described.memo?.requestHash !== requestHash) throw conflict;
    }
  }

  /**
   * Workflows of one type matching every clause. Values must have passed a strict schema.
   * Every row, page after page: its deadline is the lists' (the case board's reading of every
   * open case must not fail for being long), not one call's.
   */
  list(workflowType: string, clauses: string[]): Promise<WorkflowExecutionInfo[]> {
    return this.within(
      async () => {
        const found: WorkflowExecutionInfo[] = [];
        for await (const wf of this.client.workflow.list({ query: visibilityQuery(workflowType, clauses) }))
          found.push(wf);
        return found;
      },
      'nothing to list',
      this.settings.listTimeoutMs ?? Math.max(LIST_TIMEOUT_MS, this.settings.callTimeoutMs),
    );
  }

  /** The rows of a list, as summaries (`firstStage` for a row that has not yet said its stage). */
  async summaries<S extends string = string>(
    workflowType: string,
    clauses: string[],
    firstStage = '',
  ): Promise<Summary<S>[]> {
    return (await this.list(workflowType, clauses)).map((wf) => summaryOf<S>(wf, firstStage));
  }

  /** One page of a list, as summaries. */
  async summaryPage<S extends string = string>(
    workflowType: string,
    clauses: string[],
    page: PageRequest,
    firstStage = '',
  ): Promise<SummaryPage<S>> {
    const { workflows, nextPageToken } = await this.page(workflowType, clauses, page);
    return {
      items: workflows.map((wf) => summaryOf<S>(wf, firstStage)),
      ...(nextPageToken && { nextPageToken }),
    };
  }

  /**
   * One page of such a list, and the token for the next when there is one: a list's cost
   * grows with the rows it returns, so the API hands them out a page at a time.
   */
  async page(workflowType: string, clauses: string[], page: PageRequest): Promise<ListPage> {
    const serverToken = page.token === undefined ? undefined : this.tokens.open(page.token);
    let answer;
    try {
      answer = await this.within(
        () =>
          this.client.workflowService.listWorkflowExecutions({
            namespace: this.client.options.namespace,
            query: visibilityQuery(workflowType, clauses),
            pageSize: page.size,
            ...(serverToken && { nextPageToken: serverToken }),
          }),
        'nothing to list',
      );
    } catch (err) {
      if (serverToken && grpcCode(err) === GRPC_INVALID_ARGUMENT) throw badPageToken();
      throw err;
    }
    return {
      workflows: answer.executions.map((e) => ({
        workflowId: e.execution?.workflowId ?? '',
        typedSearchAttributes: decodeTypedSearchAttributes(e.searchAttributes?.indexedFields),
      })),
      ...(answer.nextPageToken?.length && { nextPageToken: this.tokens.seal(answer.nextPageToken) }),
    };
  }
}

/** A refused Update as the domain says it: it does not fit the stage, or its content is wrong. */
function refusal(err: unknown): DomainError | undefined {
  if (!(err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure))
    return undefined;
  const failure = err.cause;
  if (failure.type === WRONG_STAGE) return wrongStage(failure.message);
  if (failure.type === REFUSED_INPUT) return workerCannotRead();
  if (failure.type !== INVALID_DECISION) return undefined;
  const field = (failure.details?.[0] as { field?: string } | undefined)?.field;
  return new DomainError(
    'refused',
    'Decision refused',
    failure.message,
    field ? [{ field, message: failure.message }] : [],
  );
}

const visibilityQuery = (workflowType: string, clauses: string[]) =>
  [`WorkflowType = '${workflowType}'`, ...clauses].join(' AND ');

const capitalised = (word: string) => `${word[0]!.toUpperCase()}${word.slice(1)}`;
