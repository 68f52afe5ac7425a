/**
 * Late stays late (issue 21, point 1), on the time-skipping server. Which deadlines may be
 * extended is the pack's rule; nationally the notification never (GOV.UK "Report a serious
 * child safeguarding incident"; 003 "Notification of incidents": "within 5 working days of
 * becoming aware"). An approved extension is kept beside the statutory due date, never in
 * its place: met after the statutory date is `met-late`, whatever was approved. An extension
 * ends on a working day and no further than the pack allows beyond the statutory date.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { dayOfWeek, formatIsoDate, parseIsoDate } from '../../src/calendar';
import { caseDecisions } from '../../src/case/decisions';
import * as messages from '../../src/case/messages';
import { Breached, LateWithinExtension } from '../../src/temporal/searchAttributes';
import { caseInput, manager, noticesFor, policies, startCase } from '../helpers/cases';
import { type CaseSuite, type Handle, useCaseSuite } from '../helpers/driver';

const MINUTE = 60_000;
let env: TestWorkflowEnvironment;
let taskQueue: string;
let d: CaseSuite['driver'];
useCaseSuite((suite) => ({ env, taskQueue, driver: d } = suite));

const extend = (h: Handle, key: 'notification' | 'rapidReview', newDueDate: string, approvedOn: string) =>
  h.executeUpdate(caseDecisions.extension.update, {
    args: [
      {
        key,
        newDueDate,
        reason: 'chronology delayed by the police investigation',
        approvedOn,
        actor: manager,
      },
    ],
  });

describe('a statutory deadline', () => {
  it('refuses an extension of a breached notification, and once notified reads met-late (Durham, 003)', async () => {
    const awareAt = await d.daysAgo(30);
    const input = caseInput({ partnership: 'durham', awareAt });
    const handle = await startCase(env, taskQueue, input);
    await env.sleep(MINUTE);
    const breached = d.deadline(await handle.query(messages.caseViewQuery), 'notification');
    expect(breached).toMatchObject({ state: 'breached', lateAgainstStatute: true });

    const later = formatIsoDate(policies.calendar('durham').addWorkingDays(parseIsoDate(await d.today()), 2));
    const refused = await d.refusal(extend(handle, 'notification', later, await d.today()));
    expect(refused).toMatchObject({ type: 'InvalidDecision', details: [{ field: 'key' }] });
    expect(refused.message).toContain('cannot be extended');
    // The consideration meeting decides the notification: it is not extended either.
    const meeting = await d.refusal(
      handle.executeUpdate(caseDecisions.extension.update, {
        args: [
          {
            key: 'considerationMeeting',
            newDueDate: later,
            reason: 'x',
            approvedOn: awareAt,
            actor: manager,
          },
        ],
      }),
    );
    expect(meeting.message).toContain('cannot be extended');

    await d.meet(handle, await d.today());
    const notified = await d.notify(handle, await d.today());
    expect(d.deadline(notified, 'notification')).toMatchObject({
      state: 'met-late',
      dueDate: breached.dueDate,
      lateAgainstStatute: true,
      changes: [],
    });
    expect(d.deadline(notified, 'notification').extension).toBeUndefined();
  });

  it('keeps an approved extension beside the statutory date: met after it reads met-late, within the extension', async () => {
    const day = await d.today();
    const input = caseInput({ partnership: 'dudley', awareAt: day });
    const handle = await startCase(env, taskQueue, input);
    const statutory = d.deadline(await d.notify(handle, day), 'rapidReview');
    const calendar = policies.calendar('dudley');
    const approved = formatIsoDate(calendar.addWorkingDays(parseIsoDate(statutory.dueDate), 4));
    await extend(handle, 'rapidReview', approved, day);

    await d.sleepUntil(statutory.dueAt, MINUTE);
    const late = await handle.query(messages.caseViewQuery);
    expect(d.deadline(late, 'rapidReview')).toMatchObject({
      state: 'extended',
      dueDate: statutory.dueDate,
      extension: { dueDate: approved },
      lateAgainstStatute: true,
      withinExtension: true,
    });
    const attributes = (await handle.describe()).typedSearchAttributes;
    expect([attributes.get(Breached), attributes.get(LateWithinExtension)]).toEqual([true, true]);
    // Nobody was escalated: the later date was approved; the timeline says the statute passed.
    expect((await noticesFor(input.caseId)).map(([type]) => type)).not.toContain('deadline-breached');
    expect(late.timeline.find((e) => e.type === 'deadline-late-against-statute')?.summary).toContain(
      `the statutory due date ${statutory.dueDate} passed; within the approved extension to ${approved}`,
    );

    const reviewed = await d.review(handle, await d.today());
    expect(d.deadline(reviewed, 'rapidReview')).toMatchObject({
      state: 'met-late',
      metOn: await d.today(),
      lateAgainstStatute: true,
      withinExtension: true,
    });
    expect(reviewed.timeline.find((e) => e.type === 'rapid-review-complete')?.summary).toContain(
      '(met-late)',
    );
  });

  it('refuses an extension that ends on a non-working day or beyond the pack’s limit', async () => {
    const day = await d.today();
    const handle = await startCase(env, taskQueue, caseInput({ partnership: 'dudley', awareAt: day }));
    const statutory = d.deadline(await d.notify(handle, day), 'rapidReview');
    const due = parseIsoDate(statutory.dueDate);
    let weekend = due + 1;
    while (dayOfWeek(weekend) !== 6) weekend += 1;
    const saturday = await d.refusal(extend(handle, 'rapidReview', formatIsoDate(weekend), day));
    expect(saturday).toMatchObject({ type: 'InvalidDecision', details: [{ field: 'newDueDate' }] });
    expect(saturday.message).toContain('is not a working day');

    // The national limit: 10 working days beyond the statutory date.
    const calendar = policies.calendar('dudley');
    const tooFar = formatIsoDate(calendar.addWorkingDays(due, 11));
    const beyond = await d.refusal(extend(handle, 'rapidReview', tooFar, day));
    expect(beyond.message).toContain(
      `at most 10 working days beyond its statutory due date ${statutory.dueDate}, to ${formatIsoDate(calendar.addWorkingDays(due, 10))}`,
    );
    const view = await extend(handle, 'rapidReview', formatIsoDate(calendar.addWorkingDays(due, 10)), day);
    expect(d.deadline(view, 'rapidReview').extension?.dueDate).toBe(
      formatIsoDate(calendar.addWorkingDays(due, 10)),
    );
  });

  it('lets a pack that allows it extend the notification, still beside the statutory date', async () => {
    const day = await d.today();
    const input = caseInput({ partnership: 'dudley', awareAt: day });
    input.policy = { ...input.policy, extensionLimits: { notification: { workingDays: 3 } } };
    const handle = await startCase(env, taskQueue, input);
    await expect.poll(async () => (await handle.query(messages.caseViewQuery)).deadlines.length).toBe(1);
    const statutory = d.deadline(await handle.query(messages.caseViewQuery), 'notification');
    const calendar = policies.calendar('dudley');
    const approved = formatIsoDate(calendar.addWorkingDays(parseIsoDate(statutory.dueDate), 2));
    await extend(handle, 'notification', approved, day);
    await d.sleepUntil(statutory.dueAt, MINUTE);
    const notified = await d.notify(handle, await d.today());
    expect(d.deadline(notified, 'notification')).toMatchObject({
      state: 'met-late',
      dueDate: statutory.dueDate,
      extension: { dueDate: approved },
      withinExtension: true,
    });
  });
});
