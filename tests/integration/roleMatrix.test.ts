/**
 * Every role against every route, in its own partnership and in another, on the dev server.
 * A role the route does not allow gets 403; so does any role outside the record's
 * partnership; an allowed role in its own partnership gets past authorisation (here, to the
 * body's validation: every decision is sent empty, so nothing changes). No token: 401.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOperations } from '../../api/app';
import type { AnyOperation } from '../../api/operations';
import { assembleServices } from '../../api/assemble';
import { roles } from '../../src/auth/principal';
import { londonDate } from '../../src/calendar/london';
import type { Role } from '../../src/auth/roles';
import { loadPolicies } from '../../src/policy/registry';
import { localReviewIdFor } from '../../src/ids';
import { localReviewPolicyFrom } from '../../src/localReview/localReviewPolicy';
import { Partnership } from '../../src/temporal/searchAttributes';
import { WorkflowTypes } from '../../src/temporal/workflowTypes';
import { ALL_PARTNERSHIPS, bearer } from '../helpers/auth';
import { type TestStack, startTestStack } from '../helpers/stack';
import { testCodec } from '../helpers/temporal';
import { caseIdFor } from '../../src/ids';
import { complaintIdFor } from '../../src/client/complaintService';
import { meetingIdFor } from '../../src/client/meetingService';
import { actionIdFor } from '../../src/client/learningActionService';

let stack: TestStack;
let operations: AnyOperation[];
const ids = {
  case: caseIdFor('durham', 'MATRIX-1'),
  complaint: complaintIdFor('durham', 'MATRIX-1'),
  meeting: meetingIdFor('durham', 'MATRIX-1'),
  action: actionIdFor('durham', 'MATRIX-1'),
};

beforeAll(async () => {
  stack = await startTestStack();
  const services = await assembleServices({
    client: stack.client,
    codec: testCodec,
    taskQueue: stack.taskQueue,
    policies: loadPolicies(),
    dataDir: stack.dataDir,
    auth: { mode: 'development', dataDir: stack.dataDir },
    log: () => undefined,
  });
  operations = apiOperations(services).filter((op) => op.roles !== 'public');

  const manager = await bearer(stack.dataDir, 'business-manager', { partnerships: ['durham'] });
  const today = londonDate(new Date());
  const future = `${Number(today.slice(0, 4)) + 1}-06-15`;
  const create = async (path: string, body: unknown) => {
    const res = await fetch(`${stack.api.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...manager },
      body: JSON.stringify(body),
    });
    expect(res.status, await res.clone().text()).toBe(201);
  };
  await create('/api/cases', {
    partnership: 'durham',
    reference: 'MATRIX-1',
    awareAt: today,
    abuseOrNeglectSuspected: true,
    childDied: true,
    seriouslyHarmed: false,
  });
  await create('/api/complaints', { partnership: 'durham', reference: 'MATRIX-1', receivedOn: today });
  await create('/api/meetings', {
    partnership: 'durham',
    reference: 'MATRIX-1',
    kind: 'executive',
    title: 'Executive Board',
    meetingDate: future,
  });
  await create('/api/actions', {
    partnership: 'durham',
    reference: 'MATRIX-1',
    caseId: ids.case,
    source: 'rapid-review',
    recommendation: 'share concerns early',
    action: 'update the procedure',
    owner: 'durham-constabulary',
    dueDate: future,
  });
});
afterAll(async () => {
  await stack?.stop();
});

/** The request a route gets in the matrix: its record's id, and for lists the partnership. */
function requestFor(op: AnyOperation): { url: string; body?: string } {
  const id = op.path.startsWith('/api/complaints')
    ? ids.complaint
    : op.path.startsWith('/api/meetings')
      ? ids.meeting
      : op.path.startsWith('/api/actions')
        ? ids.action
        : ids.case;
  const path = op.path.replace(':id', id);
  if (op.method === 'get') {
    const list = !op.path.includes(':id');
    return { url: `${stack.api.url}${path}${list ? '?partnership=durham' : ''}` };
  }
  // A start names its partnership (so it can be refused); a decision sends nothing more.
  const body = op.path.includes(':id') ? {} : { partnership: 'durham' };
  return { url: `${stack.api.url}${path}`, body: JSON.stringify(body) };
}

async function statusOf(op: AnyOperation, headers: Record<string, string>): Promise<number> {
  const { url, body } = requestFor(op);
  const res = await fetch(url, {
    method: op.method.toUpperCase(),
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined && { body }),
  });
  await res.arrayBuffer();
  return res.status;
}

describe('the role matrix', () => {
  it('answers 401 on every route without a token', async () => {
    const statuses = await Promise.all(operations.map(async (op) => [op.path, await statusOf(op, {})]));
    expect(statuses.filter(([, status]) => status !== 401)).toEqual([]);
  });

  it('lets each role do only what it may, and only in its own partnership', async () => {
    const wrong: string[] = [];
    for (const role of roles as readonly Role[]) {
      const partnerId = role === 'partner-representative' ? 'durham-constabulary' : undefined;
      const own = await bearer(stack.dataDir, role, {
        partnerships: ['durham'],
        ...(partnerId && { partnerId }),
      });
      const other = await bearer(stack.dataDir, role, { partnerships: ['dudley'] });
      // The codec endpoint reaches into every partnership: "own" there is all of them.
      const everywhere = await bearer(stack.dataDir, role, {
        partnerships: ALL_PARTNERSHIPS,
        ...(partnerId && { partnerId }),
      });
      for (const op of operations) {
        const allowed = op.roles !== 'public' && op.roles.includes(role);
        const ownStatus = await statusOf(op, op.path.startsWith('/codec/') ? everywhere : own);
        const otherStatus = await statusOf(op, other);
        const label = `${role} ${op.method.toUpperCase()} ${op.path}`;
        if (!allowed && ownStatus !== 403) wrong.push(`${label} (own): ${ownStatus}, expected 403`);
        if (allowed && (ownStatus === 401 || ownStatus === 403 || ownStatus >= 500))
          wrong.push(`${label} (own): ${ownStatus}, expected to pass authorisation`);
        // Another partnership's record is answered as one that does not exist: nobody can probe for it.
        const hidden = allowed && op.path.includes(':id') ? 404 : 403;
        if (otherStatus !== hidden)
          wrong.push(`${label} (other partnership): ${otherStatus}, expected ${hidden}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 404, never 500, for the id of another kind of record on every route that takes one', async () => {
    // A local review of the matrix case, started as its case would start it.
    const review = localReviewIdFor(ids.case);
    await stack.client.workflow.start(WorkflowTypes.localReview, {
      taskQueue: stack.taskQueue,
      workflowId: review,
      args: [
        {
          reviewId: review,
          caseId: ids.case,
          partnership: 'durham',
          reference: 'MATRIX-1',
          decidedOn: londonDate(new Date()),
          policy: localReviewPolicyFrom(loadPolicies().get('durham'), 'test'),
        },
      ],
      typedSearchAttributes: [{ key: Partnership, value: 'durham' }],
    });
    // Each route asked by a role it allows, so that what answers is the record, not the role.
    const tokenFor = (op: AnyOperation) => {
      const role = (op.roles as readonly Role[])[0]!;
      return bearer(stack.dataDir, role, {
        partnerships: ['durham'],
        ...(role === 'partner-representative' && { partnerId: 'durham-constabulary' }),
      });
    };
    const ownKind = (path: string) =>
      path.startsWith('/api/complaints')
        ? ids.complaint
        : path.startsWith('/api/meetings')
          ? ids.meeting
          : path.startsWith('/api/actions')
            ? ids.action
            : ids.case;
    const wrong: string[] = [];
    for (const op of operations.filter((o) => o.path.includes(':id'))) {
      for (const id of [...Object.values(ids), review]) {
        if (id === ownKind(op.path)) continue;
        const res = await fetch(`${stack.api.url}${op.path.replace(':id', id)}`, {
          method: op.method.toUpperCase(),
          headers: { 'content-type': 'application/json', ...(await tokenFor(op)) },
          ...(op.method === 'post' && { body: '{}' }),
        });
        await res.arrayBuffer();
        if (res.status !== 404) wrong.push(`${op.method.toUpperCase()} ${op.path} with ${id}: ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
