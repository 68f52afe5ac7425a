/**
 * The decision catalogues are the one description of every decision: the API's routes and
 * their OpenAPI entries are made from them, each Update keeps the name its histories hold,
 * and a body the API takes is the argument the workflow checks.
 */
import { describe, expect, it } from 'vitest';
import { apiOperations, type AppServices } from '../../api/app';
import { openApiDocument } from '../../api/openapi';
import { caseDecisions } from '../../src/case/decisions';
import { complaintDecisions } from '../../src/complaint/decisions';
import type { AnyDecision } from '../../src/decisions/catalogue';
import { learningActionDecisions } from '../../src/learning/decisions';
import { localReviewDecisions } from '../../src/localReview/decisions';
import { meetingDecisions } from '../../src/meeting/decisions';
import { loadPolicies } from '../../src/policy/registry';
import { createMetrics } from '../../api/metrics';

const catalogues: [string, Record<string, AnyDecision<unknown, never>>][] = [
  ['/api/cases/:id', caseDecisions],
  ['/api/cases/:id/cspr', localReviewDecisions],
  ['/api/complaints/:id', complaintDecisions],
  ['/api/meetings/:id', meetingDecisions],
  ['/api/actions/:id', learningActionDecisions],
];

const policies = loadPolicies();
const operations = apiOperations({
  cases: {},
  complaints: {},
  meetings: {},
  actions: {},
  reports: {},
  outbox: {},
  health: { temporal: async () => undefined },
  metrics: createMetrics({ openCases: async () => [], policies }),
  codec: {},
  partnerships: policies.ids,
} as unknown as AppServices);

/** The Updates added with the truthful case file (issue 21); their histories are under v10. */
const ADDED_NAMES = [
  'resolveTie',
  'recordFamilyTold',
  'correctAwarenessDate',
  'withdrawCase',
  'pauseReview',
  'resumeReview',
  'recordImprovementsPublication',
  'retryLocalReviewStart',
  'recordDecisionMeeting',
  'recordChairConsent',
];

/** The Update names in the recorded histories (tests/fixtures/histories): they must not change. */
const HISTORY_NAMES = [
  'recordConsiderationMeeting',
  'recordNotificationDecision',
  'recordRapidReview',
  'recordVote',
  'recordPanelResponse',
  'recordReconsideration',
  'extendDeadline',
  'requestAgencyReturn',
  'recordAgencyReturn',
  'withdrawAgencyReturn',
  'chaseAgencyReturn',
  'commissionReviewer',
  'recordDraft',
  'recordComments',
  'recordSignOff',
  'approveDelay',
  'recordCommunicationStrategy',
  'setPublicationDate',
  'recordPublication',
  'recordNotPublishing',
  'recordTakedown',
  'confirmAction',
  'recordComplaintOutcome',
  'recordAppeal',
  'answerAppeal',
  'closeComplaint',
  'recordMilestone',
  'cancelMeeting',
  'completeAction',
  'closeActionWithoutCompletion',
];

describe('the decision catalogues', () => {
  it('give every decision exactly one route, with the roles and words of its entry', () => {
    for (const [base, catalogue] of catalogues) {
      for (const decision of Object.values(catalogue)) {
        const routes = operations.filter(
          (op) => op.method === 'post' && op.path === `${base}/${decision.route}`,
        );
        expect(routes, `${base}/${decision.route}`).toHaveLength(1);
        expect(routes[0]!.roles).toEqual(decision.roles);
        expect(routes[0]!.summary).toBe(decision.summary);
        expect(routes[0]!.body).toBe(decision.body);
      }
    }
    const decisionRoutes = operations.filter((op) => op.method === 'post' && /\/:id\//.test(op.path));
    const entries = catalogues.flatMap(([, c]) => Object.values(c));
    expect(decisionRoutes).toHaveLength(entries.length);
  });

  it('document every decision in the OpenAPI document with its body', () => {
    const doc = openApiDocument(operations, 'test') as { paths: Record<string, Record<string, unknown>> };
    for (const [base, catalogue] of catalogues) {
      for (const decision of Object.values(catalogue)) {
        const path = `${base}/${decision.route}`.replace(/:(\w+)/g, '{$1}');
        expect(doc.paths[path]?.post, path).toMatchObject({ requestBody: { required: true } });
      }
    }
  });

  it('keep the Update names the saved histories hold', () => {
    const names = catalogues.flatMap(([, c]) => Object.values(c).map((d) => d.update.name));
    expect(new Set(names)).toEqual(new Set([...HISTORY_NAMES, ...ADDED_NAMES]));
  });

  it("check an Update's argument against the body's schema and a valid actor", async () => {
    const actor = { userId: 'lead-1', role: 'safeguarding-lead' as const };
    const meeting = caseDecisions.considerationMeeting;
    const arg = await meeting.argument({ heldOn: '2026-11-03', criteriaMet: true }, actor, {
      pack: async () => policies.get('durham'),
    });
    expect(meeting.problems(arg)).toEqual([]);
    expect(meeting.problems({ heldOn: '2026-11-03', criteriaMet: true })).toEqual([
      { field: 'actor', message: expect.any(String) },
    ]);
    expect(meeting.problems({ ...arg, heldOn: 'yesterday' }).map((p) => p.field)).toEqual(['heldOn']);
    expect(
      meeting.problems({ ...arg, actor: { userId: 'x', role: 'overlord' } }).map((p) => p.field),
    ).toEqual(['actor.role']);
    expect(meeting.problems('{"heldOn":"2026-11-03"}')).toEqual([
      { field: '(argument)', message: 'must be an object' },
    ]);
  });

  it('fill in a prepared argument from the pack, as the history will show it', async () => {
    const actor = { userId: 'bm-1', role: 'business-manager' as const };
    const request = await caseDecisions.requestReturn.argument(
      {
        agency: 'durham-constabulary',
        requestedOn: '2026-11-03',
        contact: { name: 'DS Smith', email: 'ds@police.example' },
      },
      actor,
      { pack: async () => policies.get('durham') },
    );
    const pack = policies.get('durham');
    expect(request).toMatchObject({
      agency: 'durham-constabulary',
      agencyName: 'Durham Constabulary',
      workingDays: pack.agencyReturns.workingDays,
      escalateAfterWorkingDays: pack.agencyReturns.escalateAfterWorkingDays,
      required: true,
      actor,
    });
    expect(caseDecisions.requestReturn.problems(request)).toEqual([]);
  });
});
