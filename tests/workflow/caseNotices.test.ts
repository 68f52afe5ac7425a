/**
 * The notices the seeds require (issue 21, point 4), on the time-skipping server, read back
 * from the outbox: the rapid review's copy to the Panel as soon as it is complete, the
 * decision when it is made (003 "Rapid Review"); the Panel's response reported to the
 * safeguarding partners, agreement included (003); the family told the outcome and rationale
 * as an obligation with its own deadline, recorded with when, how and by whom, and told
 * again when reconsideration changes the outcome (003); the reconsideration's justification
 * in its notice to the Panel (003). The care leaver's and looked-after child's deaths are in
 * caseTypes.test.ts; the final report's notice in localReviewTruth.test.ts.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { caseDecisions } from '../../src/case/decisions';
import * as messages from '../../src/case/messages';
import { caseInput, lead, manager, outbox, startCase } from '../helpers/cases';
import { type CaseSuite, useCaseSuite } from '../helpers/driver';

const MINUTE = 60_000;
let env: TestWorkflowEnvironment;
let taskQueue: string;
let d: CaseSuite['driver'];
useCaseSuite((suite) => ({ env, taskQueue, driver: d } = suite));

const delivered = async (caseId: string, type: string) =>
  (await outbox.list({ caseId })).filter((n) => n.type === type);

describe('the notices of a case', () => {
  // First: it sleeps, and the test server's clock may stop skipping once a case whose local
  // review is running (the tests below start some) has been terminated.
  it('keep the family told as an obligation with its deadline, recorded with when, how and by whom', async () => {
    const { handle, day } = await d.durhamAtDecision();
    await d.vote(handle, 'durham-county-council', 'no-review');
    const decided = await d.vote(handle, 'durham-constabulary', 'no-review');
    const told = d.deadline(decided, 'familyTold');
    expect(told).toMatchObject({ state: 'pending', basisDate: day });
    const [notice] = await delivered(decided.caseId, 'decision-outcome');
    expect(notice!.to.map((r) => r.role)).toEqual(['safeguarding-lead']);
    expect(notice!.body).toContain('Their rationale: as discussed');
    expect(notice!.body).toContain(`by ${told.dueDate}, and record when, how and by whom`);

    await d.sleepUntil(told.dueAt, MINUTE);
    expect(d.deadline(await handle.query(messages.caseViewQuery), 'familyTold').state).toBe('breached');
    const late = await d.familyTold(handle);
    expect(d.deadline(late, 'familyTold')).toMatchObject({ state: 'met-late', metOn: await d.today() });
    expect(late.familyTold).toEqual([
      expect.objectContaining({
        key: 'familyTold',
        toldOn: await d.today(),
        how: 'in-person-and-in-writing',
        toldBy: 'allocated social worker',
        actor: lead,
      }),
    ]);
    expect(late.timeline.find((e) => e.type === 'family-told')).toMatchObject({ decidedOn: await d.today() });
    expect((await d.refusal(d.familyTold(handle))).type).toBe('WrongStage');
  });

  it('send the rapid review to the Panel as soon as it is complete, and the decision when it is made (003)', async () => {
    const day = await d.today();
    const input = caseInput({ partnership: 'dudley', awareAt: day });
    const handle = await startCase(env, taskQueue, input);
    await d.notify(handle, day);
    await d.review(handle, day);
    await expect.poll(async () => (await delivered(input.caseId, 'rapid-review-complete')).length).toBe(1);
    const [copy] = await delivered(input.caseId, 'rapid-review-complete');
    expect(copy!.to.map((r) => r.role)).toEqual(['panel-liaison']);
    expect(copy!.body).toContain('send a copy to the National Panel now');
    expect(await delivered(input.caseId, 'review-decision')).toEqual([]);

    await d.vote(handle, 'dudley-mbc', 'local-cspr');
    await d.vote(handle, 'west-midlands-police', 'local-cspr');
    await expect.poll(async () => (await delivered(input.caseId, 'review-decision')).length).toBe(1);
    const [decision] = await delivered(input.caseId, 'review-decision');
    expect(decision!.body).toContain(`On ${day} the safeguarding partners decided`);
    expect(decision!.body).toContain('Their rationale: as discussed');
  });

  it("report the Panel's agreement back to the safeguarding partners (003)", async () => {
    const { handle, day } = await d.durhamAtPanel('local-cspr');
    await d.panel(handle, day, 'agrees');
    await expect
      .poll(async () =>
        (await delivered(handle.workflowId, 'panel-agrees')).map((n) => n.to.map((r) => r.role)),
      )
      .toEqual([['safeguarding-partners', 'business-manager']]);
  });

  it('tell the family again when reconsideration changes the outcome, and the Panel the justification (003)', async () => {
    const { handle, day } = await d.durhamAtPanel('no-review');
    await d.familyTold(handle, day);
    await d.panel(handle, day, 'disagrees');
    const justification = 'the health chronology shows missed referrals';
    const reconsidered = await handle.executeUpdate(caseDecisions.reconsideration.update, {
      args: [{ decidedOn: day, outcome: 'commission-cspr', justification, actor: manager }],
    });
    expect(d.deadline(reconsidered, 'familyTold').state).toBe('met');
    expect(d.deadline(reconsidered, 'familyToldAgain')).toMatchObject({ state: 'pending', basisDate: day });
    await expect.poll(async () => (await delivered(handle.workflowId, 'decision-outcome')).length).toBe(2);
    const again = (await delivered(handle.workflowId, 'decision-outcome')).find((n) =>
      n.subject.includes('changed'),
    )!;
    expect(again.body).toContain('After reconsideration');
    expect(again.body).toContain(justification);
    const [toPanel] = await delivered(handle.workflowId, 'reconsideration-outcome');
    expect(toPanel!.to.map((r) => r.role)).toEqual(['panel-liaison']);
    expect(toPanel!.body).toContain(`Their justification: ${justification}`);

    const toldAgain = await d.familyTold(handle, day);
    expect(d.deadline(toldAgain, 'familyToldAgain').state).toBe('met');
    expect(toldAgain.familyTold?.map((t) => t.key)).toEqual(['familyTold', 'familyToldAgain']);
  });
});
