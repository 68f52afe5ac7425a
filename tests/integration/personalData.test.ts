/**
 * Free text typed into decisions (rationales, reasons, justifications) can name a child or a
 * family. It belongs in the case's own record and nowhere else: this test types a sentinel
 * name into every free-text field of a case's life, then scans the search attributes every
 * list and dashboard reads, the subjects of every notice sent, and the history Temporal
 * stores (read raw from the server and from its database file): payloads are encrypted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIsoDate, parseIsoDate } from '../../src/calendar';
import { londonDate } from '../../src/calendar/london';
import type { Role } from '../../src/auth/roles';
import { OutboxNotifier, outboxDir } from '../../src/notify/outbox';
import { bearer } from '../helpers/auth';
import { type TestStack, startTestStack } from '../helpers/stack';
import { testCodec } from '../helpers/temporal';
import { caseIdFor } from '../../src/ids';

const SENTINEL = 'Jayden Sentinel-Smith';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function post(path: string, body: unknown, role: Role, partnerId?: string) {
  const res = await fetch(`${stack.api.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(await bearer(stack.dataDir, role, { partnerships: ['dudley'], ...(partnerId && { partnerId }) })),
    },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return (await res.json()) as { deadlines?: { key: string; dueDate: string }[] };
}

describe('personal data typed into decisions', () => {
  it(
    'stays out of search attributes, notice subjects and the stored history',
    { timeout: 60_000 },
    async () => {
      const today = londonDate(new Date());
      const id = caseIdFor('dudley', 'PD-1');
      await post(
        '/api/cases',
        {
          partnership: 'dudley',
          reference: 'PD-1',
          awareAt: today,
          abuseOrNeglectSuspected: true,
          childDied: false,
          seriouslyHarmed: true,
        },
        'safeguarding-lead',
      );
      const notified = await post(
        `/api/cases/${id}/notification-decision`,
        { outcome: 'notified', notifiedOn: today },
        'safeguarding-lead',
      );
      const rapid = notified.deadlines!.find((d) => d.key === 'rapidReview')!;
      await post(
        `/api/cases/${id}/extensions`,
        {
          key: 'rapidReview',
          newDueDate: formatIsoDate(parseIsoDate(rapid.dueDate) + 7),
          reason: `${SENTINEL}'s school records are late`,
          approvedOn: today,
        },
        'business-manager',
      );
      await post(
        `/api/cases/${id}/rapid-review`,
        { completedOn: today, format: 'meeting' },
        'safeguarding-lead',
      );
      for (const partnerId of ['dudley-mbc', 'west-midlands-police']) {
        await post(
          `/api/cases/${id}/votes`,
          { partnerId, vote: 'no-review', rationale: `${SENTINEL} was known to services`, votedOn: today },
          'partner-representative',
          partnerId,
        );
      }
      await post(
        `/api/cases/${id}/panel-response`,
        { receivedOn: today, response: 'disagrees' },
        'panel-liaison',
      );
      await post(
        `/api/cases/${id}/reconsideration`,
        { decidedOn: today, outcome: 'adhere', justification: `${SENTINEL}'s family have moved away` },
        'business-manager',
      );

      // The record keeps it, as it should: the case file is where it belongs.
      const view = await (
        await fetch(`${stack.api.url}/api/cases/${id}`, { headers: await bearer(stack.dataDir, 'viewer') })
      ).text();
      expect(view).toContain(SENTINEL);

      // Visibility: what every list, the dashboard and the metrics read.
      const attributes = (await stack.client.workflow.getHandle(id).describe()).typedSearchAttributes;
      const values = attributes.getAll().map((pair) => String(pair.value));
      expect(values.length).toBeGreaterThan(3);
      expect(values.join(' ')).not.toContain('Sentinel');

      // Notices: subjects travel in mail headers and lists; none may carry the free text.
      const notices = await new OutboxNotifier(outboxDir(stack.dataDir)).list({ caseId: id });
      expect(notices.length).toBeGreaterThan(4);
      expect(notices.map((n) => n.subject).join('\n')).not.toContain('Sentinel');

      // History as the server gives it to anyone without the key: every payload encrypted.
      const connection = await Connection.connect({ address: stack.devServer.address });
      try {
        const raw = await rawHistory(connection, id);
        const payloads = payloadsIn(raw);
        expect(payloads.length).toBeGreaterThan(20);
        const plain = payloads
          .filter(
            ({ payload }) => Buffer.from(payload.metadata?.encoding ?? []).toString() !== 'binary/encrypted',
          )
          .map(({ at, payload }) => `${at}: ${Buffer.from(payload.metadata?.encoding ?? []).toString()}`);
        expect(plain).toEqual([]);
        const bytes = Buffer.from(temporal.api.history.v1.History.encode(raw).finish());
        for (const marker of ['Sentinel', 'school records', 'rationale', 'dudley-mbc']) {
          expect(bytes.includes(marker), marker).toBe(false);
        }
        // With the deployment's key the same history reads back: the scan above could see it.
        const decoded = await testCodec.decode(payloads.map(({ payload }) => payload as Payload));
        expect(Buffer.concat(decoded.map((p) => p.data ?? new Uint8Array())).toString()).toContain(SENTINEL);
      } finally {
        await connection.close();
      }

      // The server's own database file, as a backup would copy it.
      const files = fs.readdirSync(stack.dataDir).filter((f) => f.startsWith('temporal.sqlite'));
      expect(files).toContain('temporal.sqlite');
      for (const file of files) {
        expect(fs.readFileSync(path.join(stack.dataDir, file)).includes('Sentinel'), file).toBe(false);
      }
    },
  );
});

async function rawHistory(
  connection: Connection,
  workflowId: string,
): Promise<temporal.api.history.v1.IHistory> {
  const events: temporal.api.history.v1.IHistoryEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await connection.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId },
      ...(nextPageToken && { nextPageToken }),
    });
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return { events };
}

/**
 * Every payload in the history (inputs, results, signals, updates, failures' details), with
 * where it was found, bar search attributes and patch markers.
 */
function payloadsIn(
  value: unknown,
  at = '',
  found: { at: string; payload: temporal.api.common.v1.IPayload }[] = [],
) {
  if (Array.isArray(value)) value.forEach((v, i) => payloadsIn(v, `${at}[${i}]`, found));
  else if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const o = value as Record<string, unknown>;
    if (o.metadata && typeof o.metadata === 'object' && o.data instanceof Uint8Array)
      found.push({ at, payload: o as temporal.api.common.v1.IPayload });
    // Search attributes are indexed plaintext by design, scanned above as visibility; a
    // patch marker holds only the patch's name, written by the SDK's core without the codec.
    else
      for (const [k, v] of Object.entries(o))
        if (k !== 'searchAttributes' && k !== 'patch-data') payloadsIn(v, `${at}.${k}`, found);
  }
  return found;
}
