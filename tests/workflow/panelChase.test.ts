/**
 * The National Panel publishes no response time, so the case chases after the pack's
 * interval (SPEC lifecycle step 4). In a file of its own: it sleeps the server's clock
 * through two weeks.
 */
import { describe, expect, it } from 'vitest';
import * as messages from '../../src/case/messages';
import { noticesFor } from '../helpers/cases';
import { type CaseSuite, useCaseSuite } from '../helpers/driver';

const MINUTE = 60_000;
let d: CaseSuite['driver'];
useCaseSuite((suite) => (d = suite.driver));

describe("the National Panel's response", () => {
  it("is chased when it has not arrived within the pack's interval", async () => {
    const { handle } = await d.durhamAtPanel('local-cspr');
    const chase = d.deadline(await handle.query(messages.caseViewQuery), 'panelResponse');
    expect(chase.reminders).toEqual([]);
    await d.sleepUntil(chase.dueAt, MINUTE);
    const notices = await noticesFor((await handle.query(messages.caseViewQuery)).caseId);
    expect(notices.at(-1)).toEqual(['panel-chase', ['business-manager']]);
    const received = await d.panel(handle, await d.today(), 'agrees');
    expect(d.deadline(received, 'panelResponse').state).toBe('met-late');
  });
});
