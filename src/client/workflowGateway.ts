/**
 * What every service does with Temporal, in one place: read a workflow's view, send it a
 * decision (a refused Update becomes 409 or 422 problem+json), start one workflow per id,
 * and list workflows of one type from visibility.
 */
import { createHash } from 'node:crypto';
import {
  ApplicationFailure,
  type Client,
  QueryNotRegisteredError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  type WorkflowStartOptions,
  WorkflowUpdateFailedError,
  WorkflowUpdateStage,
  type WorkflowExecutionInfo,
} from '@temporalio/client';
import type { QueryDefinition, SearchAttributePair, UpdateDefinition } from '@temporalio/common';
// Not re-exported by the package's index; the client decodes listed rows with the same function.
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { INVALID_DECISION, WRONG_STAGE } from '../decisions/refusals';
import { CaseRef, CaseStage, CaseStatus, CaseUpdatedAt, Partnership } from '../temporal/searchAttributes';
import { DomainError, notFound, wrongStage } from '../errors';
import { type ListPage, type PageRequest, type Summary, type SummaryPage, summaryOf } from './summaries';
import type { WorkflowType } from '../temporal/workflowTypes';

/** A decision's answer: the record after it, or, if the workflow is still acting on it, as it stands. */
export interface DecisionAnswer<V> {
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
      // An id of another kind of record (a case's id under /api/actions) is not one of these.
      if (err instanceof WorkflowNotFoundError || err instanceof QueryNotRegisteredError)
        throw notFound(missing);
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
  ): Promise<DecisionAnswer<V>> {
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
      if (err instanceof WorkflowNotFoundError) throw notFound(missing);
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
        const failure = err.cause;
        const field = (failure.details?.[0] as { field?: string } | undefined)?.field;
        if (failure.type === WRONG_STAGE) throw wrongStage(failure.message);
        if (failure.type === INVALID_DECISION) {
          throw new DomainError(
            'refused',
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
  async startRecord<A>(
    workflowType: WorkflowType,
    record: {
      id: string;
      input: A;
      partnership: string;
      reference: string;
      stage: string;
      noun: string;
      /** Further search attributes the record is listed by (a case's kind). */
      listedBy?: SearchAttributePair[];
    },
  ): Promise<Summary> {
    const { id, partnership, reference, stage, noun } = record;
    await this.startOnce(
      workflowType,
      {
        workflowId: id,
        args: [record.input],
        typedSearchAttributes: [
          { key: Partnership, value: partnership },
          { key: CaseRef, value: reference },
          { key: CaseStage, value: stage },
          { key: CaseStatus, value: 'open' },
          { key: CaseUpdatedAt, value: new Date() },
          ...(record.listedBy ?? []),
        ],
      },
      new DomainError(
        'exists',
        `${capitalised(noun)} already exists`,
        `${partnership} already has a ${noun} ${reference}`,
        [{ field: 'reference', message: 'is already in use in this partnership' }],
      ),
    );
    return { id, partnership, reference, stage, status: 'open', nextDeadlineAt: null, breached: false };
  }

  /** Starts the workflow unless one with its id exists, in which case `conflict` is thrown. */
  async startOnce(
    workflowType: WorkflowType,
    options: Omit<WorkflowStartOptions, 'taskQueue'>,
    conflict: DomainError,
  ): Promise<void> {
    try {
      await this.client.workflow.start(workflowType, { ...options, taskQueue: this.taskQueue });
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
      if (err instanceof WorkflowNotFoundError) throw notFound(missing);
      throw err;
    }
  }

  /** Workflows of one type matching every clause. Values must have passed a strict schema. */
  async list(workflowType: string, clauses: string[]): Promise<WorkflowExecutionInfo[]> {
    const found: WorkflowExecutionInfo[] = [];
    for await (const wf of this.client.workflow.list({ query: visibilityQuery(workflowType, clauses) }))
      found.push(wf);
    return found;
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
    const serverToken = page.token === undefined ? undefined : openPageToken(page.token);
    let answer;
    try {
      answer = await this.client.workflowService.listWorkflowExecutions({
        namespace: this.client.options.namespace,
        query: visibilityQuery(workflowType, clauses),
        pageSize: page.size,
        ...(serverToken && { nextPageToken: serverToken }),
      });
    } catch (err) {
      if (serverToken && (err as { code?: number }).code === GRPC_INVALID_ARGUMENT) throw badPageToken();
      throw err;
    }
    return {
      workflows: answer.executions.map((e) => ({
        workflowId: e.execution?.workflowId ?? '',
        typedSearchAttributes: decodeTypedSearchAttributes(e.searchAttributes?.indexedFields),
      })),
      ...(answer.nextPageToken?.length && { nextPageToken: sealPageToken(answer.nextPageToken) }),
    };
  }
}

/**
 * Visibility's own page token, behind a checksum: the server answers a damaged token with a
 * retryable error, which the client would retry for twenty seconds before failing, so a token
 * this service did not hand out is refused before it reaches the server.
 */
function sealPageToken(serverToken: Uint8Array): string {
  return Buffer.concat([pageTokenChecksum(serverToken), serverToken]).toString('base64url');
}

function openPageToken(token: string): Buffer {
  const bytes = Buffer.from(token, 'base64url');
  const serverToken = bytes.subarray(CHECKSUM_BYTES);
  if (
    bytes.length <= CHECKSUM_BYTES ||
    !pageTokenChecksum(serverToken).equals(bytes.subarray(0, CHECKSUM_BYTES))
  )
    throw badPageToken();
  return serverToken;
}

const CHECKSUM_BYTES = 8;
const pageTokenChecksum = (serverToken: Uint8Array) =>
  createHash('sha256').update(serverToken).digest().subarray(0, CHECKSUM_BYTES);

const badPageToken = () =>
  new DomainError('invalid', 'Bad request', 'the page token is not one this list gave out', [
    { field: 'pageToken', message: 'must be a nextPageToken from this list' },
  ]);

/** gRPC's status code for a request the server refuses as malformed. */
const GRPC_INVALID_ARGUMENT = 3;

const visibilityQuery = (workflowType: string, clauses: string[]) =>
  [`WorkflowType = '${workflowType}'`, ...clauses].join(' AND ');

const capitalised = (word: string) => `${word[0]!.toUpperCase()}${word.slice(1)}`;

const delay = (ms: number) =>
  new Promise<undefined>((resolve) => {
    setTimeout(() => resolve(undefined), ms).unref();
  });
