/**
 * Input a careful attacker (or a slipped key) sends: dates no person means, text with
 * nothing in it to read. Refused with the field named, by the API and, for what reaches a
 * workflow around the API, by the workflow itself.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonDate } from '../../src/calendar/london';
import { caseDecisions } from '../../src/case/decisions';
import { caseIdFor } from '../../src/ids';
import { bearer } from '../helpers/auth';
import { type TestStack, startTestStack } from '../helpers/stack';

let stack: TestStack;
let manager: Record<string, string>;
beforeAll(async () => {
  stack = await startTestStack();
  manager = await bearer(stack.dataDir, 'business-manager', { partnerships: ['durham'] });
});
afterAll(async () => {
  await stack?.stop();
});

async function post(path: string, body: unknown) {
  const res = await fetch(`${stack.api.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...manager },
    body: JSON.stringify(body),
  });
  const answer = (await res.json()) as { errors?: { field: string; message: string }[] };
  return { status: res.status, fields: answer.errors?.map((e) => e.field) ?? [], answer };
}

const incident = (reference: string, awareAt: string) => ({
  partnership: 'durham',
  reference,
  awareAt,
  abuseOrNeglectSuspected: true,
  childDied: false,
  seriouslyHarmed: true,
});

describe('dates no person means', () => {
  it('are refused with the field named: an awareness date, a learning action due, an extension', async () => {
    for (const awareAt of ['1900-01-01', '2003-12-31'])
      expect(await post('/api/cases', incident(`OLD-${awareAt}`, awareAt))).toMatchObject({
        status: 422,
        fields: ['awareAt'],
      });
    const today = londonDate(new Date());
    expect((await post('/api/cases', incident('HARD-1', today))).status).toBe(201);
    const id = caseIdFor('durham', 'HARD-1');
    await expect
      .poll(async () => {
        const res = await fetch(`${stack.api.url}/api/cases/${id}`, { headers: manager });
        return ((await res.json()) as { deadlines?: { key: string }[] }).deadlines?.map((d) => d.key);
      })
      .toContain('considerationMeeting');
    const extension = await post(`/api/cases/${id}/extensions`, {
      key: 'considerationMeeting',
      newDueDate: '9999-12-31',
      reason: 'a slip of the keyboard',
      approvedOn: today,
    });
    // Whatever the deadline's own rules, a date no person means is named as such.
    expect(extension.status).toBe(422);
    expect(extension.fields).toContain('newDueDate');
    expect(
      await post('/api/actions', {
        partnership: 'durham',
        reference: 'HARD-LA',
        caseId: id,
        source: 'rapid-review',
        recommendation: 'share concerns early',
        action: 'update the procedure',
        owner: 'durham-constabulary',
        dueDate: '9999-12-31',
      }),
    ).toMatchObject({ status: 422, fields: ['dueDate'] });
  });
});

describe('text with nothing to read', () => {
  const invisible = '\u200b\u2060\u00ad \u200b';

  it('is not a reason, refused by the API naming the field', async () => {
    const today = londonDate(new Date());
    expect((await post('/api/cases', incident('HARD-2', today))).status).toBe(201);
    const id = caseIdFor('durham', 'HARD-2');
    const decision = await post(`/api/cases/${id}/notification-decision`, {
      outcome: 'not-notifiable',
      decidedOn: today,
      rationale: invisible,
    });
    expect(decision).toMatchObject({ status: 400, fields: ['rationale'] });
  });

  it('is refused by the workflow too, when it is sent around the API', async () => {
    const today = londonDate(new Date());
    expect((await post('/api/cases', incident('HARD-3', today))).status).toBe(201);
    const handle = stack.client.workflow.getHandle(caseIdFor('durham', 'HARD-3'));
    const err = await handle
      .executeUpdate(caseDecisions.notificationDecision.update, {
        args: [
          {
            outcome: 'not-notifiable',
            decidedOn: today,
            rationale: invisible,
            actor: { userId: 'bm-1', role: 'business-manager' },
          },
        ],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((err as WorkflowUpdateFailedError).cause).toMatchObject({
      type: 'InvalidDecision',
      details: [{ field: 'rationale' }],
    });
  });
});
