/**
 * Who decides whether to review, and by what rule, as the seeds say it (issue 22), on the
 * time-skipping server. Derby and Derbyshire's Child Safeguarding Practice Review Group (001;
 * 000 §3.2) decides at a quorate meeting (000 §11.2), one vote per statutory partner (§12.29),
 * by a majority that must include the consent of the Chair (§12.34); a proxy only with the
 * partner's written authority (§12.31), never an officer in their own right (§12.33). Durham's
 * partners decide 2 of 3 with no meeting recorded and no chair's say (003 L377).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { caseDecisions } from '../../src/case/decisions';
import { caseInput, chair, manager, partnerRep, startCase } from '../helpers/cases';
import { type CaseSuite, DERBY_PARTNERS, type Handle, useCaseSuite } from '../helpers/driver';

let env: TestWorkflowEnvironment;
let taskQueue: string;
let d: CaseSuite['driver'];
useCaseSuite((suite) => ({ env, taskQueue, driver: d } = suite));

const officerVote = (handle: Handle, partnerId: string, day: string, proxy?: { by: string; on: string }) =>
  handle.executeUpdate(caseDecisions.vote.update, {
    args: [
      {
        partnerId,
        vote: 'local-cspr' as const,
        rationale: 'agencies working together is in question',
        votedOn: day,
        ...(proxy && { proxyAuthorisedBy: proxy.by, proxyAuthorisedOn: proxy.on }),
        actor: manager,
      },
    ],
  });

describe("Derby and Derbyshire's Child Safeguarding Practice Review Group", () => {
  it('decides at a quorate meeting only: one without a statutory partner is refused with 000 §11.2 named', async () => {
    const { handle, day } = await d.derbyAtDecision();
    const early = await d.refusal(d.vote(handle, 'derby-city-council', 'local-cspr'));
    expect(early).toMatchObject({ type: 'WrongStage', message: expect.stringContaining('000 §11.2') });

    const threeOfFour = await d.refusal(d.decisionMeeting(handle, DERBY_PARTNERS.slice(0, 3), day));
    expect(threeOfFour).toMatchObject({
      type: 'InvalidDecision',
      message: expect.stringMatching(
        /not quorate.*NHS Derby and Derbyshire Integrated Care Board.*000 §11\.2/,
      ),
      details: [{ field: 'represented' }],
    });
    const fewer = await d.refusal(d.decisionMeeting(handle, DERBY_PARTNERS, day, { members: 3 }));
    expect(fewer.details).toEqual([{ field: 'members' }]);
    const met = await d.decisionMeeting(handle, DERBY_PARTNERS, day);
    expect(met.decision).toMatchObject({
      rule: { meetingRequired: true, chairConsentRequired: true, proxiesAllowed: true },
      meeting: { heldOn: day, represented: DERBY_PARTNERS },
      votesNeeded: 3,
    });
    expect(met.timeline.map((e) => e.type)).toContain('decision-meeting');
  });

  it('splits 2-2 into a deadlock, which the Chair takes up and may escalate to the Executive Board', async () => {
    const { handle, day } = await d.derbyAtDecision();
    await d.decisionMeeting(handle, DERBY_PARTNERS, day);
    await d.vote(handle, 'derby-city-council', 'local-cspr');
    await d.vote(handle, 'derbyshire-county-council', 'local-cspr');
    await d.vote(handle, 'derbyshire-constabulary', 'no-review');
    const split = await d.vote(handle, 'derby-derbyshire-icb', 'no-review');
    expect(split.decision).toMatchObject({ tied: true, tie: { since: day } });
    expect(split.decision?.outcome).toBeUndefined();
    expect(d.deadline(split, 'tieResolution').state).toBe('pending');
    const escalated = await handle.executeUpdate(caseDecisions.tieResolution.update, {
      args: [
        {
          resolution: 'escalated',
          decidedOn: day,
          escalatedTo: 'the Executive Board',
          rationale: 'the group is evenly divided (000 §12.34)',
          actor: chair,
        },
      ],
    });
    expect(escalated.decision?.tie?.escalation).toMatchObject({ escalatedTo: 'the Executive Board' });
  });

  it("takes an officer's vote only as a proxy with the partner's written authority, dated", async () => {
    const { handle, day } = await d.derbyAtDecision();
    await d.decisionMeeting(handle, DERBY_PARTNERS, day);
    const own = await d.refusal(officerVote(handle, 'derbyshire-constabulary', day));
    expect(own).toMatchObject({
      type: 'InvalidDecision',
      message: expect.stringContaining('000 §12.33'),
      details: [{ field: 'proxyAuthorisedBy' }],
    });
    const halfNamed = await d.refusal(
      handle.executeUpdate(caseDecisions.vote.update, {
        args: [
          {
            partnerId: 'derbyshire-constabulary',
            vote: 'local-cspr',
            rationale: 'r',
            votedOn: day,
            proxyAuthorisedBy: 'the Chief Constable',
            actor: manager,
          },
        ],
      }),
    );
    expect(halfNamed.details).toEqual([{ field: 'proxyAuthorisedOn' }]);
    const later = await d.refusal(
      officerVote(handle, 'derbyshire-constabulary', day, {
        by: 'the Chief Constable',
        on: await d.daysAgo(-1),
      }),
    );
    expect(later.details).toEqual([{ field: 'proxyAuthorisedOn' }]);

    const authority = { by: 'the Chief Constable, Derbyshire Constabulary', on: await d.daysAgo(1) };
    const proxied = await officerVote(handle, 'derbyshire-constabulary', day, authority);
    expect(proxied.decision?.votes[0]).toMatchObject({
      partnerId: 'derbyshire-constabulary',
      proxy: { authorisedBy: authority.by, authorisedOn: authority.on },
      actor: manager,
    });
    expect(proxied.timeline.find((e) => e.type === 'vote')?.summary).toContain(
      `by proxy, on the written authority of ${authority.by} dated ${authority.on}`,
    );
    // A vote is cast at the meeting that decides, on its day.
    const otherDay = await d.refusal(d.vote(handle, 'derby-city-council', 'local-cspr', await d.daysAgo(1)));
    expect(otherDay.details).toEqual([{ field: 'votedOn' }]);
  });

  it("carries a 3-1 majority only with the Chair's consent; consent withheld is a deadlock", async () => {
    const { handle, day } = await d.derbyAtDecision();
    await d.decisionMeeting(handle, DERBY_PARTNERS, day);
    await d.vote(handle, 'derby-city-council', 'local-cspr');
    await d.vote(handle, 'derbyshire-county-council', 'local-cspr');
    await d.vote(handle, 'derbyshire-constabulary', 'no-review');
    const majority = await d.vote(handle, 'derby-derbyshire-icb', 'local-cspr');
    // Three of four, but no consent yet: not decided, and the case waits at the decision.
    expect(majority.stage).toBe('review-decision');
    expect(majority.decision).toMatchObject({ awaitingChairConsent: 'local-cspr', tied: false });
    expect(majority.decision?.outcome).toBeUndefined();

    const byOfficer = await d.refusal(
      handle.executeUpdate(caseDecisions.chairConsent.update, {
        args: [{ outcome: 'local-cspr', consent: 'given', decidedOn: day, rationale: 'r', actor: manager }],
      }),
    );
    expect(byOfficer).toMatchObject({
      details: [{ field: 'actor' }],
      message: expect.stringContaining('000 §12.34'),
    });

    const withheld = await d.chairConsent(handle, 'local-cspr', 'withheld');
    expect(withheld.decision).toMatchObject({ tied: true });
    expect(withheld.decision?.outcome).toBeUndefined();
    expect(withheld.timeline.find((e) => e.type === 'review-tied')?.summary).toContain('consent');
  });

  it('is decided on the day the Chair consents, when the consent follows the votes', async () => {
    const { handle, day } = await d.derbyAtDecision({ day: await d.daysAgo(3), meet: true });
    for (const partner of DERBY_PARTNERS.slice(0, 3)) await d.vote(handle, partner, 'no-review', day);
    const consentDay = await d.today();
    const decided = await d.chairConsent(handle, 'no-review', 'given', consentDay);
    expect(decided.decision).toMatchObject({ outcome: 'no-review', decidedOn: consentDay });
    expect(decided.timeline.find((e) => e.type === 'review-decided')?.summary).toContain(
      'with the consent of the Chair of the Child Safeguarding Practice Review Group',
    );
  });
});

describe("Durham's three partners, by the national default where 003 is silent", () => {
  it('decide 2 of 3 with no meeting recorded and no consent; an officer still votes only as a proxy', async () => {
    const { handle, day } = await d.durhamAtDecision();
    const meeting = await d.refusal(d.decisionMeeting(handle, ['durham-county-council'], day));
    expect(meeting.type).toBe('WrongStage');
    const consent = await d.refusal(d.chairConsent(handle, 'local-cspr'));
    expect(consent.type).toBe('WrongStage');
    const own = await d.refusal(officerVote(handle, 'durham-constabulary', day));
    expect(own.details).toEqual([{ field: 'proxyAuthorisedBy' }]);
    await officerVote(handle, 'durham-constabulary', day, { by: 'the Chief Constable', on: day });
    const decided = await handle.executeUpdate(caseDecisions.vote.update, {
      args: [
        {
          partnerId: 'durham-county-council',
          vote: 'local-cspr',
          rationale: 'learning',
          votedOn: day,
          actor: partnerRep,
        },
      ],
    });
    expect(decided.decision).toMatchObject({ outcome: 'local-cspr', decidedOn: day, votesNeeded: 2 });
    expect(decided.decision?.rule).toMatchObject({ meetingRequired: false, chairConsentRequired: false });
  });
});

describe("Kirklees' CSPR Sub-group, or its Virtual Panel", () => {
  const KIRKLEES = ['kirklees-council', 'west-yorkshire-police', 'kirklees-ccgs'];

  it('decides at a meeting of three agencies (004 L675), or by Virtual Panel with no meeting recorded', async () => {
    const day = await d.today();
    const met = await startCase(env, taskQueue, caseInput({ partnership: 'kirklees', awareAt: day }));
    await d.notify(met, day);
    await d.review(met, day);
    const two = await d.refusal(d.decisionMeeting(met, KIRKLEES.slice(0, 2), day));
    expect(two.message).toMatch(/3 separate agencies \(2 represented\).*004 "CSPR Sub-group", Quoracy, L675/);
    const quorate = await d.decisionMeeting(met, KIRKLEES, day);
    expect(quorate.decision?.rule).toMatchObject({ meetingRequired: true, chairConsentRequired: false });

    const byPanel = await startCase(env, taskQueue, caseInput({ partnership: 'kirklees', awareAt: day }));
    await d.notify(byPanel, day);
    await d.review(byPanel, day, 'virtual-panel', 'no meeting could be convened within the 15 working days');
    const noMeeting = await d.refusal(d.decisionMeeting(byPanel, KIRKLEES, day));
    expect(noMeeting.message).toContain('Virtual Panel decides');
    await d.vote(byPanel, 'kirklees-council', 'no-review');
    const decided = await d.vote(byPanel, 'west-yorkshire-police', 'no-review');
    expect(decided.decision).toMatchObject({ outcome: 'no-review', rule: { meetingRequired: false } });
  });
});
