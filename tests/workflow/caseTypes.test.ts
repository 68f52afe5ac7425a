/**
 * The kinds of case, each running exactly its obligations (the pack's rules, national defaults:
 * Working Together 2023 ch.5 and 003), on the time-skipping server: which deadlines each
 * gets and who is told what.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import * as csprMessages from '../../src/localReview/messages';
import * as messages from '../../src/case/messages';
import { caseDecisions } from '../../src/case/decisions';
import { localReviewIdFor } from '../../src/ids';
import { caseInput, expectedDue, lead, noticesFor, outbox, startCase } from '../helpers/cases';
import { type CaseSuite, useCaseSuite } from '../helpers/driver';

let env: TestWorkflowEnvironment;
let taskQueue: string;
let d: CaseSuite['driver'];
useCaseSuite((suite) => ({ env, taskQueue, driver: d } = suite));

const keys = (view: { deadlines: { key: string }[] }) => view.deadlines.map((x) => x.key);

describe('the kinds of case', () => {
  it("a care leaver's death: notified to the Secretary of State and Ofsted, not the Panel, within 5 working days, then closed with no rapid or local review", async () => {
    const day = await d.today();
    const input = caseInput({
      partnership: 'durham', // Durham's consideration meeting is for serious incidents only
      awareAt: day,
      caseType: 'care-leaver-death',
      ageAtDeath: 23,
      abuseOrNeglectSuspected: false,
      childDied: true,
      seriouslyHarmed: false,
    });
    const handle = await startCase(env, taskQueue, input);
    await expect.poll(async () => keys(await handle.query(messages.caseViewQuery))).toEqual(['notification']);
    const started = await handle.query(messages.caseViewQuery);
    expect(started).toMatchObject({ caseType: 'care-leaver-death', ageAtDeath: 23, stage: 'notification' });
    expect(d.deadline(started, 'notification').dueDate).toBe(
      expectedDue('durham', day, { kind: 'working-days-after', workingDays: 5 }).dueDate,
    );
    await d.notify(handle, day);
    const closed = await d.completed(handle);
    expect(closed).toMatchObject({ status: 'closed', stage: 'closed' });
    expect(keys(closed)).toEqual(['notification']);
    expect(d.deadline(closed, 'notification').state).toBe('met');
    // WT 2023 ch.5: through the DfE service to the Secretary of State and Ofsted, not the National Panel.
    expect((await noticesFor(input.caseId)).map(([type, to]) => `${type}>${to.join(',')}`)).toEqual([
      'case-started>safeguarding-lead,business-manager',
      'incident-notified>secretary-of-state,ofsted',
    ]);
    const notice = (await outbox.list({ caseId: input.caseId })).find((n) => n.type === 'incident-notified');
    expect(notice!.body).toContain('notified to the Secretary of State and Ofsted');
    expect(notice!.body).not.toContain('National Panel');
  });

  it("reviewed locally though not serious: no national clocks; the review runs from the partners' decision", async () => {
    const day = await d.today();
    const input = caseInput({
      partnership: 'dudley',
      awareAt: day,
      caseType: 'local-review-only',
      abuseOrNeglectSuspected: false,
      childDied: false,
      seriouslyHarmed: false,
    });
    const handle = await startCase(env, taskQueue, input);
    await expect.poll(async () => (await noticesFor(input.caseId)).length).toBe(1);
    const started = await handle.query(messages.caseViewQuery);
    expect(started).toMatchObject({ caseType: 'local-review-only', stage: 'review-decision' });
    expect(keys(started)).toEqual([]);
    // Nothing national can be recorded on it, and it cannot be referred to the Panel.
    expect((await d.refusal(d.notify(handle, day))).type).toBe('WrongStage');
    expect((await d.refusal(d.vote(handle, 'dudley-mbc', 'refer-national'))).type).toBe('InvalidDecision');
    await d.vote(handle, 'dudley-mbc', 'local-cspr');
    const decided = await d.vote(handle, 'west-midlands-police', 'local-cspr');
    expect(decided.stage).toBe('local-review');
    const review = env.client.workflow.getHandle(localReviewIdFor(input.caseId));
    await expect
      .poll(async () => keys(await review.query(csprMessages.localReviewViewQuery)))
      .toEqual(['csprPublication']);
    const publication = d.deadline(
      (await review.query(csprMessages.localReviewViewQuery)) as never,
      'csprPublication',
    );
    expect(publication.basisDate).toBe(day);
    expect(publication.dueDate).toBe(
      expectedDue('dudley', day, { kind: 'calendar-months-after', months: 6 }).dueDate,
    );
    const sent = (await noticesFor(input.caseId)).map(([type]) => type);
    expect(sent).not.toContain('incident-notified');
    expect(sent).not.toContain('rapid-review-complete');
    await review.terminate('test finished');
  });

  it("a looked-after child's death: the serious-case flow, and Ofsted and the Secretary of State are told", async () => {
    const day = await d.today();
    const input = caseInput({
      partnership: 'kirklees',
      awareAt: day,
      childDied: true,
      caseType: 'looked-after-child-death',
    });
    const handle = await startCase(env, taskQueue, input);
    const notified = await d.notify(handle, day);
    expect(keys(notified)).toEqual(['notification', 'rapidReview']);
    expect((await noticesFor(input.caseId)).find(([type]) => type === 'incident-notified')?.[1]).toEqual([
      'panel-liaison',
      'safeguarding-partners',
      'ofsted',
      'secretary-of-state',
    ]);
  });

  it("a looked-after child's death with no abuse or neglect suspected: Ofsted and the Secretary of State only, no rapid review", async () => {
    const day = await d.today();
    const input = caseInput({
      partnership: 'dudley',
      awareAt: day,
      childDied: true,
      abuseOrNeglectSuspected: false,
      seriouslyHarmed: false,
      caseType: 'looked-after-child-death',
    });
    expect(input.policy.obligations).toMatchObject({ notifiesPanel: false, rapidReview: false });
    const handle = await startCase(env, taskQueue, input);
    await d.notify(handle, day);
    const closed = await d.completed(handle);
    expect(keys(closed)).toEqual(['notification']);
    expect((await noticesFor(input.caseId)).find(([type]) => type === 'incident-notified')?.[1]).toEqual([
      'ofsted',
      'secretary-of-state',
    ]);
  });

  it('several children in one incident: one case and one notification, the children by reference', async () => {
    const day = await d.today();
    const input = caseInput({ partnership: 'dudley', awareAt: day, children: ['C1', 'C2', 'C3', 'C4'] });
    const handle = await startCase(env, taskQueue, input);
    const notified = await handle.executeUpdate(caseDecisions.notificationDecision.update, {
      args: [{ outcome: 'notified', notifiedOn: day, actor: lead }],
    });
    expect(notified.children).toEqual(['C1', 'C2', 'C3', 'C4']);
    expect((await noticesFor(input.caseId)).filter(([type]) => type === 'incident-notified')).toHaveLength(1);
  });
});
