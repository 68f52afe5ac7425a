/**
 * Replay safety: every saved history of every lifecycle path is replayed against today's
 * workflow code. A change that would make a running case take a different path on replay
 * fails here, in CI, instead of in a partnership's cases (see "Changing a workflow" in
 * README.md).
 */
import { DeterminismViolationError } from '@temporalio/workflow';
import { type ReplayResult, Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { loadHistory, type SavedHistory, savedHistories } from '../helpers/histories';
import { dataConverterWith } from '../../src/temporal/dataConverter';
import { AesGcmPayloadCodec, parsePayloadKeys } from '../../src/temporal/payloadCodec';
import { testPayloadKeys, workflowBundle } from '../helpers/temporal';

// Histories v1 to v3 were recorded before payloads were encrypted: reading them is the one
// place plaintext is let through (the codec refuses it everywhere else).
const replayDataConverter = dataConverterWith(
  new AesGcmPayloadCodec(parsePayloadKeys(testPayloadKeys), { acceptPlaintext: true }),
);

async function replay(histories: SavedHistory[]): Promise<ReplayResult[]> {
  const results: ReplayResult[] = [];
  const replaying = Worker.runReplayHistories(
    { workflowBundle: await workflowBundle(), dataConverter: replayDataConverter },
    histories,
  );
  for await (const result of replaying) results.push(result);
  return results;
}

/** The paths of every workflow: each must have at least one saved history. */
const PATHS = [
  'reminds-before-the-due-date',
  'is-breached-at-once-for-a-case-started-after-its-deadline',
  'holds-durham-s-consideration-meeting-first',
  'also-tells-ofsted',
  'not-notifiable',
  'virtual-panel',
  'extended-by-the-business-manager',
  'is-carried-by-2-of-3',
  'reports-a-tie',
  'agrees-a-local-review',
  'disagrees-the-executive-group-reconsiders',
  'adheres-after-reconsideration',
  'opts-for-a-national-review',
  'is-chased',
  're-plans',
  'localreview--a-local-cspr-runs-from-commissioning-to-publication',
  'is-delayed-by-the-executive-group',
  'does-not-publish-in-full',
  'initiation',
  'complaint--a-complaint-000-13-confirms-the-action',
  'escalates-a-missed-confirmation',
  'meeting--a-meeting-000-8-5-counts-an-executive-meeting',
  'subgroup-agenda-items',
  'special-meeting',
  'cancelled',
  'notice-that-cannot-be-delivered-is-marked-failed',
  'notice-that-cannot-be-delivered-is-retried-with-backoff',
  'agencyreturns--an-agency-return-is-requested-reminded-chased',
  'holds-the-rapid-review-until-the-business-manager-overrides',
  'lapses-recorded-when-the-case-closes',
  'learningaction--a-learning-action-reminds-its-owner',
  'can-be-closed-without-completion',
  'asks-agencies-for-the-review-s-information',
  'a-care-leaver-s-death',
  'reviewed-locally-though-not-serious',
  'several-children-in-one-incident',
  'fifthpartnership--a-fifth-partnership-by-its-pack-alone-runs-a-case-end-to-end',
  'reconsiders-to-its-own-outcome-no-review-after-all',
  'two-rounds-of-comments-before-sign-off',
  'hands-its-review-the-rules-the-case-started-with',
  'called-at-shorter-notice',
  // The truthful case file (issue 21), recorded under v10.
  'refuses-an-extension-of-a-breached-notification',
  'keeps-an-approved-extension-beside-the-statutory-date',
  'lets-a-pack-that-allows-it-extend-the-notification',
  'opens-the-independent-chair-s-step',
  'is-escalated-by-the-chair',
  'is-kept-as-a-change-not-an-overwrite',
  'is-the-day-the-deciding-vote-was-cast',
  'send-the-rapid-review-to-the-panel-as-soon-as-it-is-complete',
  'report-the-panel-s-agreement-back',
  'keep-the-family-told-as-an-obligation',
  'tell-the-family-again-when-reconsideration-changes-the-outcome',
  'correcting-the-awareness-date-earlier',
  'correcting-the-awareness-date-later',
  'withdrawing-a-case',
  'starts-at-the-decision-so-its-reviewer-is-commissioned',
  'is-stopped-when-the-panel-undertakes-a-national-review',
  'stops-its-clock-with-no-known-end',
  'judges-the-final-report-by-one-rule',
  'the-justification-goes-when-decided',
  'needs-the-exception-agreed-with-the-panel',
  'lets-closure-days-stretch-the-notification',
  'judges-each-rapid-review-against-its-statutory-due-date',
  'with-no-abuse-or-neglect-suspected',
];

describe('replaying saved histories', () => {
  const histories = savedHistories();

  it('has a saved history for every lifecycle path', () => {
    const names = histories.map((h) => h.workflowId);
    for (const p of PATHS)
      expect(
        names.some((n) => n.toLowerCase().includes(p)),
        p,
      ).toBe(true);
  });

  it('replays every saved history with today’s workflow code', async () => {
    const failures = (await replay(histories)).filter((r) => r.error);
    expect(failures.map((r) => `${r.workflowId}: ${r.error?.message}`)).toEqual([]);
  });

  it('fails a history whose commands the code no longer issues', async () => {
    const workflowId = histories[0]!.workflowId;
    const history = loadHistory(workflowId);
    const scheduled = history.events?.find((e) => e.activityTaskScheduledEventAttributes);
    scheduled!.activityTaskScheduledEventAttributes!.activityType = { name: 'somethingElse' };
    const [result] = await replay([{ workflowId, history }]);
    expect(result?.error).toBeInstanceOf(DeterminismViolationError);
  });
});
