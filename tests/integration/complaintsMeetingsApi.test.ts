/**
 * Complaints (000 §13) and meetings (000 §8.5) over HTTP on the dev server: started, listed
 * from visibility, read, decided, and refused with problem+json naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIsoDate, parseIsoDate } from '../../src/calendar';
import { londonDate } from '../../src/calendar/london';
import { bearer } from '../helpers/auth';
import { type TestStack, startTestStack } from '../helpers/stack';

let stack: TestStack;
let manager: Record<string, string>;
let chair: Record<string, string>;
beforeAll(async () => {
  stack = await startTestStack();
  manager = await bearer(stack.dataDir, 'business-manager');
  chair = await bearer(stack.dataDir, 'independent-chair');
});
afterAll(async () => {
  await stack?.stop();
});

interface Reply {
  status: number;
  type: string;
  body: {
    id?: string;
    stage?: string;
    deadlines?: { key: string; state: string }[];
    errors?: { field: string; message: string }[];
    detail?: string;
    items?: { id: string }[];
  };
}

async function call(method: string, path: string, body?: unknown, as = manager): Promise<Reply> {
  const res = await fetch(`${stack.api.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...as },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: (await res.json()) as Reply['body'],
  };
}

const today = () => londonDate(new Date());
const inDays = (n: number) => formatIsoDate(parseIsoDate(today()) + n);

describe('complaints over the API', () => {
  it('starts a complaint once, confirms the action, and refuses what does not fit', async () => {
    const body = { partnership: 'derby-derbyshire', reference: 'CMP-1', receivedOn: today() };
    const created = await call('POST', '/api/complaints', body);
    expect(created.status).toBe(201);
    const id = created.body.id!;
    // The same start again is the same complaint; another for the same reference is refused.
    expect((await call('POST', '/api/complaints', body)).body.id).toBe(id);
    expect((await call('POST', '/api/complaints', { ...body, receivedOn: inDays(-1) })).status).toBe(409);
    const future = await call('POST', '/api/complaints', {
      ...body,
      reference: 'CMP-2',
      receivedOn: inDays(1),
    });
    expect(future.status).toBe(422);
    expect(future.body.errors?.[0]?.field).toBe('receivedOn');
    const unknown = await call(
      'POST',
      '/api/complaints',
      { ...body, partnership: 'atlantis' },
      await bearer(stack.dataDir, 'business-manager', { partnerships: ['atlantis'] }),
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors?.[0]?.field).toBe('partnership');

    const answer = { answeredOn: today(), response: 'responded', summary: 'x' };
    expect((await call('POST', `/api/complaints/${id}/appeal-answer`, answer)).status).toBe(403);
    const wrongStage = await call('POST', `/api/complaints/${id}/appeal-answer`, answer, chair);
    expect(wrongStage.status).toBe(409);
    expect(wrongStage.type).toMatch(/problem\+json/);
    expect(
      (await call('POST', `/api/complaints/${id}/outcome`, { kind: 'timescale', decidedOn: today() })).status,
    ).toBe(400);
    const confirmed = await call('POST', `/api/complaints/${id}/action`, {
      confirmedOn: today(),
      action: 'passed to the subgroup chair',
    });
    expect(confirmed.body.stage).toBe('awaiting-outcome');
    expect(confirmed.body.deadlines?.find((x) => x.key === 'actionConfirmed')?.state).toBe('met');

    await expect
      .poll(
        async () =>
          (await call('GET', '/api/complaints?partnership=derby-derbyshire&status=open')).body.items,
      )
      .toEqual([expect.objectContaining({ id, stage: 'awaiting-outcome' })]);
    expect((await call('GET', `/api/complaints/${id}`)).body.stage).toBe('awaiting-outcome');
    expect((await call('GET', '/api/complaints/complaint-derby-derbyshire-NOPE')).status).toBe(404);
  });
});

describe('meetings over the API', () => {
  it("plans a meeting's deadlines, refuses a special meeting without 7 days' notice, and cancels", async () => {
    const short = await call('POST', '/api/meetings', {
      partnership: 'derby-derbyshire',
      reference: 'SPECIAL-1',
      kind: 'special',
      title: 'Executive Board',
      meetingDate: inDays(3),
    });
    expect(short.status).toBe(422);
    expect(short.body.errors?.[0]).toMatchObject({
      field: 'meetingDate',
      message: expect.stringContaining(inDays(7)),
    });

    const created = await call('POST', '/api/meetings', {
      partnership: 'derby-derbyshire',
      reference: 'EB-2027-01',
      kind: 'executive',
      title: 'Executive Board',
      meetingDate: inDays(60),
    });
    expect(created.status).toBe(201);
    const id = created.body.id!;
    await expect
      .poll(async () => (await call('GET', `/api/meetings/${id}`)).body.deadlines?.map((x) => x.key))
      .toEqual(['agendaRequests', 'reports', 'agendaCirculation']);
    const done = await call('POST', `/api/meetings/${id}/milestones`, {
      milestone: 'agendaRequests',
      doneOn: today(),
    });
    expect(done.body.deadlines?.[0]?.state).toBe('met');
    const cancelled = await call('POST', `/api/meetings/${id}/cancellation`, { reason: 'rearranged' });
    expect(cancelled.body.stage).toBe('cancelled');
    await expect
      .poll(async () => (await call('GET', '/api/meetings?status=closed')).body.items?.map((m) => m.id))
      .toEqual([id]);
  });
});
