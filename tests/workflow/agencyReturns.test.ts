/**
 * Agency returns: the information a rapid review is built from, each on a clock of its own
 * (Children Act 2004 s16H, 000 §9.5; timescales are the pack's: 5 working days, escalation 2
 * working days after the due date, by national default). On the time-skipping server.
 */
import { describe, expect, it } from 'vitest';
import type { CaseView } from '../../src/case/types';
import type { AgencyReturnRequest } from '../../src/agencyReturns/types';
import * as messages from '../../src/case/messages';
import { caseDecisions } from '../../src/case/decisions';
import {
  caseInput,
  chair,
  expectedDue,
  lead,
  manager,
  noticesFor,
  outbox,
  startCase,
} from '../helpers/cases';
import { type CaseSuite, type Handle, useCaseSuite } from '../helpers/driver';

const MINUTE = 60_000;
let d: CaseSuite['driver'];
let suite: CaseSuite;
useCaseSuite((s) => {
  suite = s;
  d = s.driver;
});

const police = (requestedOn: string, overrides: Partial<AgencyReturnRequest> = {}): AgencyReturnRequest => ({
  agency: 'west-midlands-police',
  agencyName: 'West Midlands Police',
  contact: { name: 'Public Protection Unit', email: 'ppu@police.example' },
  requestedOn,
  workingDays: 5,
  escalateAfterWorkingDays: 2,
  required: true,
  actor: manager,
  ...overrides,
});

const request = (h: Handle, r: AgencyReturnRequest) =>
  h.executeUpdate(caseDecisions.requestReturn.update, { args: [r] });
const receive = (h: Handle, agency: string, receivedOn: string) =>
  h.executeUpdate(caseDecisions.recordReturn.update, { args: [{ agency, receivedOn, actor: manager }] });
const returnOf = (view: CaseView, agency: string) => view.returns!.find((r) => r.agency === agency)!;

/** A Dudley case notified today: its rapid review runs (15 working days from notification). */
async function dudleyInRapidReview(): Promise<{ handle: Handle; day: string }> {
  const day = await d.today();
  const handle = await startCase(
    suite.env,
    suite.taskQueue,
    caseInput({ partnership: 'dudley', awareAt: day }),
  );
  await d.notify(handle, day);
  return { handle, day };
}

describe('an agency return', () => {
  it('is requested, reminded, chased, escalated to the partner lead, and received late', async () => {
    const { handle, day } = await dudleyInRapidReview();
    const requested = await request(handle, police(day));
    const due = expectedDue('dudley', day, { kind: 'working-days-after', workingDays: 5 });
    expect(returnOf(requested, 'west-midlands-police')).toMatchObject({
      state: 'requested',
      dueDate: due.dueDate,
      contactName: 'Public Protection Unit',
      required: true,
      escalated: false,
    });
    expect(d.deadline(requested, 'agency-return:west-midlands-police').dueAt).toBe(due.dueAt);
    // The request itself goes to the contact the business manager named.
    const [sent] = (await outbox.list({ caseId: requested.caseId })).filter(
      (n) => n.type === 'return-requested',
    );
    expect(sent!.to).toEqual([
      { role: 'agency-contact', name: 'Public Protection Unit', email: 'ppu@police.example' },
    ]);
    expect(sent!.body).toContain(`by the end of ${due.dueDate}`);

    // The rapid review waits for it.
    const refused = await d.refusal(d.review(handle, day));
    expect(refused.type).toBe('WrongStage');
    expect(refused.message).toContain('West Midlands Police');

    // Past the due date: reminded twice before, then chased.
    await d.sleepUntil(due.dueAt, MINUTE);
    const overdue = await handle.query(messages.caseViewQuery);
    expect(returnOf(overdue, 'west-midlands-police').state).toBe('overdue');
    const notices = await noticesFor(overdue.caseId);
    expect(notices.filter(([type]) => type === 'deadline-reminder').map(([, to]) => to)).toContainEqual([
      'agency-contact',
      'business-manager',
    ]);
    expect(notices.at(-1)).toEqual(['return-chase', ['agency-contact', 'business-manager']]);

    // Two working days later, still outstanding: the partner lead is told.
    const escalation = d.deadline(overdue, 'agency-return:west-midlands-police:escalation');
    expect(escalation.dueDate).toBe(
      expectedDue('dudley', due.dueDate, { kind: 'working-days-after', workingDays: 2 }).dueDate,
    );
    await d.sleepUntil(escalation.dueAt, MINUTE);
    expect((await noticesFor(overdue.caseId)).at(-1)).toEqual([
      'return-escalated',
      ['partner-lead', 'business-manager'],
    ]);

    const received = await receive(handle, 'west-midlands-police', await d.today());
    expect(returnOf(received, 'west-midlands-police')).toMatchObject({
      state: 'received',
      late: true,
      escalated: true,
    });
    expect(d.deadline(received, 'agency-return:west-midlands-police').state).toBe('met-late');
    // Nothing outstanding now: the review is recorded without an override.
    expect((await d.review(handle, await d.today())).stage).toBe('review-decision');
  });

  it('holds the rapid review until the business manager overrides it with a reason; a withdrawn request no longer counts', async () => {
    const { handle, day } = await dudleyInRapidReview();
    await request(handle, police(day));
    await request(handle, police(day, { agency: 'dudley-ccg', agencyName: 'Dudley CCG', required: false }));
    await request(handle, police(day, { agency: 'dudley-mbc', agencyName: 'Dudley MBC' }));
    expect((await d.refusal(request(handle, police(day)))).type).toBe('WrongStage');

    const withdrawn = await handle.executeUpdate(caseDecisions.withdrawReturn.update, {
      args: [{ agency: 'dudley-mbc', reason: 'no involvement with the family', actor: manager }],
    });
    expect(returnOf(withdrawn, 'dudley-mbc')).toMatchObject({
      state: 'withdrawn',
      withdrawnReason: 'no involvement with the family',
    });
    expect(d.deadline(withdrawn, 'agency-return:dudley-mbc').state).toBe('not-applicable');
    // Chased by hand before it is due: a reminder in the business manager's name, each one sent.
    const chase = (agency: string) =>
      handle.executeUpdate(caseDecisions.chaseReturn.update, { args: [{ agency, actor: manager }] });
    await chase('west-midlands-police');
    const chased = await chase('west-midlands-police');
    expect(chased.timeline.filter((e) => e.type === 'return-chased')).toHaveLength(2);
    const chases = (await outbox.list({ caseId: chased.caseId })).filter((n) => n.type === 'return-chase');
    expect(chases).toHaveLength(2);
    expect(chases[0]!.subject).toContain('is due');
    expect(chases[0]!.to.map((r) => r.role)).toEqual(['agency-contact', 'business-manager']);
    expect((await d.refusal(chase('dudley-mbc'))).type).toBe('WrongStage');
    expect((await d.refusal(receive(handle, 'dudley-mbc', day))).type).toBe('WrongStage');

    const review = (actor = manager, outstandingReturnsOverride?: string) =>
      handle.executeUpdate(caseDecisions.rapidReview.update, {
        args: [
          {
            completedOn: day,
            format: 'meeting',
            actor,
            ...(outstandingReturnsOverride !== undefined && { outstandingReturnsOverride }),
          },
        ],
      });
    // Only the required police return holds it; the override is the business manager's (or the chair's).
    const held = await d.refusal(review());
    expect(held.type).toBe('WrongStage');
    expect(held.message).toContain('the information from West Midlands Police is still outstanding');
    expect((await d.refusal(review(lead, 'the meeting could not wait'))).type).toBe('InvalidDecision');
    expect((await d.refusal(review(manager, '  '))).type).toBe('InvalidDecision');
    const reviewed = await review(chair, 'the police report was given orally at the meeting');
    expect(reviewed.stage).toBe('review-decision');
    expect(reviewed.timeline.find((e) => e.type === 'returns-overridden')?.summary).toBe(
      'rapid review recorded without the information from West Midlands Police: the police report was given orally at the meeting',
    );
    // The return is still wanted after the review: it can come in, and keeps its clock.
    expect(returnOf(reviewed, 'west-midlands-police').state).toBe('requested');
  });

  it('lapses, recorded, when the case closes with it outstanding', async () => {
    const day = await d.today();
    const handle = await startCase(
      suite.env,
      suite.taskQueue,
      caseInput({ partnership: 'dudley', awareAt: day }),
    );
    await request(handle, police(day, { required: false }));
    await d.notify(handle, day);
    await d.review(handle, day);
    await d.vote(handle, 'dudley-mbc', 'no-review');
    await d.vote(handle, 'west-midlands-police', 'no-review');
    await d.panel(handle, day, 'agrees');
    await d.familyTold(handle, day);
    const closed = await d.completed(handle);
    expect(closed.status).toBe('closed');
    expect(returnOf(closed, 'west-midlands-police')).toMatchObject({
      state: 'withdrawn',
      withdrawnReason: 'the case closed',
    });
  });
});
