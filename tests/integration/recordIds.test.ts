/**
 * No record can take another's workflow id through the API (issue: a case whose reference
 * was another case's plus `-cspr` took the id its local review would need, and killed its
 * clocks). On the dev server: the old takeover, a reference with the id separator, the same
 * reference for each kind of record and in another partnership; then the first case hands
 * over to its local review as it should, and the others are still their own records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonDate } from '../../src/calendar/london';
import { CaseRef, Partnership } from '../../src/temporal/searchAttributes';
import { caseIdFor, localReviewIdFor, RecordKinds, recordIdFor } from '../../src/ids';
import { bearer } from '../helpers/auth';
import { type TestStack, startTestStack } from '../helpers/stack';

let stack: TestStack;
let manager: Record<string, string>;
beforeAll(async () => {
  stack = await startTestStack();
  manager = await bearer(stack.dataDir, 'business-manager', { partnerships: ['durham', 'dudley'] });
});
afterAll(async () => {
  await stack?.stop();
});

async function call(method: 'GET' | 'POST', path: string, body?: unknown, headers = manager) {
  const res = await fetch(`${stack.api.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { errors?: { field: string }[] },
  };
}

const incident = (partnership: string, reference: string, awareAt: string) => ({
  partnership,
  reference,
  awareAt,
  abuseOrNeglectSuspected: true,
  childDied: false,
  seriouslyHarmed: true,
});

describe('record ids', () => {
  it('cannot be taken by another record, whatever its reference', async () => {
    const today = londonDate(new Date());
    const first = await call('POST', '/api/cases', incident('durham', 'TAKE-1', today));
    expect(first.status).toBe(201);
    const id = first.body.id as string;
    expect(id).toBe(caseIdFor('durham', 'TAKE-1'));

    // The old takeover: another case named for the first one's local review.
    for (const reference of ['TAKE-1-cspr', 'TAKE-1-local-review']) {
      const other = await call('POST', '/api/cases', incident('durham', reference, today));
      expect(other.status, reference).toBe(201);
      expect(other.body.id).not.toBe(localReviewIdFor(id));
    }
    // A reference that would reach into the id's structure is refused, naming the field.
    for (const reference of ['TAKE-1:local-review', 'TAKE-1:x', ':TAKE-1']) {
      const refused = await call('POST', '/api/cases', incident('durham', reference, today));
      expect(refused.status, reference).toBe(400);
      expect(refused.body.errors?.map((e) => e.field)).toEqual(['reference']);
    }
    // The same reference for another kind of record, and for a case in another partnership.
    const complaint = await call('POST', '/api/complaints', {
      partnership: 'durham',
      reference: 'TAKE-1',
      receivedOn: today,
    });
    expect(complaint.status).toBe(201);
    expect(complaint.body.id).toBe(recordIdFor(RecordKinds.complaint, 'durham', 'TAKE-1'));
    const elsewhere = await call('POST', '/api/cases', incident('dudley', 'TAKE-1', today));
    expect(elsewhere.status).toBe(201);
    expect(new Set([id, complaint.body.id, elsewhere.body.id, localReviewIdFor(id)]).size).toBe(4);

    // The first case still hands over to its own local review.
    const lead = await bearer(stack.dataDir, 'safeguarding-lead', { partnerships: ['durham'] });
    const vote = (partnerId: string) =>
      bearer(stack.dataDir, 'partner-representative', { partnerships: ['durham'], partnerId });
    expect(
      (
        await call(
          'POST',
          `/api/cases/${id}/consideration-meeting`,
          { heldOn: today, criteriaMet: true },
          lead,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await call(
          'POST',
          `/api/cases/${id}/notification-decision`,
          { outcome: 'notified', notifiedOn: today },
          lead,
        )
      ).status,
    ).toBe(200);
    expect(
      (await call('POST', `/api/cases/${id}/rapid-review`, { completedOn: today, format: 'meeting' }, lead))
        .status,
    ).toBe(200);
    for (const partnerId of ['durham-county-council', 'durham-constabulary']) {
      const cast = await call(
        'POST',
        `/api/cases/${id}/votes`,
        { partnerId, vote: 'local-cspr', rationale: 'learning', votedOn: today },
        await vote(partnerId),
      );
      expect(cast.status, partnerId).toBe(200);
    }
    const liaison = await bearer(stack.dataDir, 'panel-liaison', { partnerships: ['durham'] });
    const handedOver = await call(
      'POST',
      `/api/cases/${id}/panel-response`,
      { receivedOn: today, response: 'agrees' },
      liaison,
    );
    expect(handedOver.status).toBe(200);
    expect(handedOver.body).toMatchObject({ stage: 'local-review', status: 'open' });
    const review = await call('GET', `/api/cases/${id}/cspr`);
    expect(review.status).toBe(200);
    expect(review.body).toMatchObject({ reviewId: localReviewIdFor(id), caseId: id, stage: 'commissioning' });

    // The would-be squatter is just another case at its own first step.
    const squatter = await call('GET', `/api/cases/${caseIdFor('durham', 'TAKE-1-cspr')}`);
    expect(squatter.body).toMatchObject({ reference: 'TAKE-1-cspr', stage: 'notification', status: 'open' });
  });

  it("are never given again: not a closed record's, nor a reference held under an id from before", async () => {
    const today = londonDate(new Date());
    const first = await call('POST', '/api/cases', incident('durham', 'ONCE-1', today));
    expect(first.status).toBe(201);
    await stack.client.workflow.getHandle(first.body.id as string).terminate('closed by hand for the test');
    // Another request for the closed case's reference is refused; the same one again is its retry.
    const again = await call('POST', '/api/cases', {
      ...incident('durham', 'ONCE-1', today),
      childDied: true,
    });
    expect(again.status).toBe(409);
    expect(again.body.errors?.map((e) => e.field)).toEqual(['reference']);
    expect((await call('POST', '/api/cases', incident('durham', 'ONCE-1', today))).status).toBe(201);
    const closed = await stack.client.workflow.getHandle(first.body.id as string).describe();
    expect(closed.status.name).toBe('TERMINATED');
    // A decision on the closed case is refused as out of step with it, not answered as if it were not there.
    const late = await call('POST', `/api/cases/${first.body.id as string}/consideration-meeting`, {
      heldOn: today,
      criteriaMet: true,
    });
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/is closed/);

    // Stand-ins for old records: on a queue no worker takes, as only their ids and attributes matter here.
    const OLD_RECORDS = 'old-records';
    // A case started under the old id form keeps its reference from new cases.
    await stack.client.workflow.start('caseWorkflow', {
      taskQueue: OLD_RECORDS,
      workflowId: 'case-durham-OLD-1',
      args: [{ caseId: 'case-durham-OLD-1' }],
      typedSearchAttributes: [
        { key: Partnership, value: 'durham' },
        { key: CaseRef, value: 'OLD-1' },
      ],
    });
    const clash = await call('POST', '/api/cases', incident('durham', 'OLD-1', today));
    expect(clash.status).toBe(409);
    // The old form could not tell `case-durham-x-Y` (durham's case x-Y) from partnership durham-x's case Y:
    // only a record of the same partnership and reference holds it.
    await stack.client.workflow.start('caseWorkflow', {
      taskQueue: OLD_RECORDS,
      workflowId: 'case-durham-x-Y',
      args: [{ caseId: 'case-durham-x-Y' }],
      typedSearchAttributes: [
        { key: Partnership, value: 'durham-x' },
        { key: CaseRef, value: 'Y' },
      ],
    });
    expect((await call('POST', '/api/cases', incident('durham', 'x-Y', today))).status).toBe(201);
    for (const id of ['case-durham-OLD-1', 'case-durham-x-Y'])
      await stack.client.workflow.getHandle(id).terminate('a stand-in for an old record');
  });
});
