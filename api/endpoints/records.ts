/** Complaints (000 §13) and meetings (000 §8.5): `/api/complaints…` and `/api/meetings…`. */
import type { Request } from 'express';
import type { z } from 'zod';
import type { Actor } from '../../src/case/types';
import type { Role } from '../../src/auth/roles';
import * as complaintMessages from '../../src/complaint/messages';
import * as learningActionMessages from '../../src/learning/messages';
import * as meetingMessages from '../../src/meeting/messages';
import { actorOf, type AnyOperation, decisionOperations, operation, partnershipsFor } from '../operations';
import { pagedAnswer, pageOf } from '../paging';
import { complaintView, learningActionView, itemList, meetingView, summary } from '../responses';
import {
  actionDecisionBodies,
  complaintDecisionBodies,
  meetingDecisionBodies,
  simpleListQuery,
  startActionBody,
  startComplaintBody,
  startMeetingBody,
} from '../schemas';
import type { ComplaintService } from '../../src/client/complaintService';
import type { LearningActionService } from '../../src/client/learningActionService';
import type { MeetingService } from '../../src/client/meetingService';
import type { Summary, SummaryFilter, SummaryPage } from '../../src/client/summaries';
import type { PageRequest } from '../../src/client/workflowGateway';
import { CHAIRS, EVERYONE, MANAGERS } from '../../src/auth/roles';

interface RecordEndpoints<B> {
  path: string;
  tag: string;
  noun: string;
  service: {
    start(body: B, startedBy: Actor): Promise<Summary>;
    listPage(filter: SummaryFilter, page: PageRequest): Promise<SummaryPage>;
    get(id: string): Promise<unknown>;
    decide(id: string, update: never, arg: never): Promise<{ view: unknown; pending: boolean }>;
    partnershipOf(id: string): Promise<string>;
  };
  startBody: z.ZodType<B>;
  view: z.ZodType;
  decisions: Record<string, { roles: readonly Role[]; summary: string; body: z.ZodType; update: unknown }>;
}

/** Start, list, read, and one POST per decision, for one kind of record. */
function recordEndpoints<B>(r: RecordEndpoints<B>): AnyOperation[] {
  const ofRecord = (req: Request) => r.service.partnershipOf(req.params.id as string);
  return [
    operation({
      method: 'post',
      path: r.path,
      tag: r.tag,
      summary: `Start a ${r.noun}`,
      roles: MANAGERS,
      partnership: (req) => (typeof req.body?.partnership === 'string' ? req.body.partnership : undefined),
      body: r.startBody,
      ok: { status: 201, description: `the ${r.noun} was started`, schema: summary },
      errors: [409, 422],
      async handle(ctx) {
        const started = await r.service.start(ctx.body, actorOf(ctx.principal));
        return { body: started, headers: { Location: `${r.path}/${encodeURIComponent(started.id)}` } };
      },
    }),
    operation({
      method: 'get',
      path: r.path,
      tag: r.tag,
      summary: `List ${r.noun}s`,
      roles: EVERYONE,
      partnership: (req) => (typeof req.query.partnership === 'string' ? req.query.partnership : undefined),
      query: simpleListQuery,
      ok: {
        status: 200,
        description: `the user's partnerships' ${r.noun}s, from visibility, a page at a time`,
        schema: itemList,
      },
      async handle(ctx) {
        const { partnership, status } = ctx.query;
        const page = await r.service.listPage(
          { partnerships: partnershipsFor(ctx.principal, partnership), ...(status && { status }) },
          pageOf(ctx.query),
        );
        return pagedAnswer(ctx.req, 'items', page);
      },
    }),
    operation({
      method: 'get',
      path: `${r.path}/:id`,
      tag: r.tag,
      summary: `Read a ${r.noun}`,
      roles: EVERYONE,
      partnership: ofRecord,
      ok: { status: 200, description: `the ${r.noun} view from its workflow`, schema: r.view },
      errors: [404],
      handle: async (ctx) => ({ body: await r.service.get(ctx.params.id!) }),
    }),
    ...decisionOperations({
      path: (route) => `${r.path}/:id/${route}`,
      tag: r.tag,
      description: `the ${r.noun} as the decision leaves it`,
      view: r.view,
      decisions: r.decisions,
      partnership: ofRecord,
      decide: (id, update, decision) => r.service.decide(id, update, decision),
    }),
  ];
}

export function complaintEndpoints(complaints: ComplaintService): AnyOperation[] {
  const b = complaintDecisionBodies;
  const m = complaintMessages;
  return recordEndpoints({
    path: '/api/complaints',
    tag: 'complaints',
    noun: 'complaint',
    service: complaints as RecordEndpoints<unknown>['service'],
    startBody: startComplaintBody,
    view: complaintView,
    decisions: {
      action: {
        roles: MANAGERS,
        summary: 'Record the action confirmed',
        body: b.action,
        update: m.confirmAction,
      },
      outcome: {
        roles: MANAGERS,
        summary: 'Record the outcome or a timescale',
        body: b.outcome,
        update: m.recordComplaintOutcome,
      },
      appeal: { roles: MANAGERS, summary: 'Record an appeal', body: b.appeal, update: m.recordAppeal },
      'appeal-answer': {
        roles: CHAIRS,
        summary: 'Answer an appeal',
        body: b['appeal-answer'],
        update: m.answerAppeal,
      },
      closure: { roles: MANAGERS, summary: 'Close the complaint', body: b.closure, update: m.closeComplaint },
    },
  });
}

export function meetingEndpoints(meetings: MeetingService): AnyOperation[] {
  const b = meetingDecisionBodies;
  return recordEndpoints({
    path: '/api/meetings',
    tag: 'meetings',
    noun: 'meeting',
    service: meetings as RecordEndpoints<unknown>['service'],
    startBody: startMeetingBody,
    view: meetingView,
    decisions: {
      milestones: {
        roles: MANAGERS,
        summary: 'Record a step before the meeting as done',
        body: b.milestones,
        update: meetingMessages.recordMilestone,
      },
      cancellation: {
        roles: MANAGERS,
        summary: 'Cancel the meeting',
        body: b.cancellation,
        update: meetingMessages.cancelMeeting,
      },
    },
  });
}

export function learningActionEndpoints(actions: LearningActionService): AnyOperation[] {
  const b = actionDecisionBodies;
  return recordEndpoints({
    path: '/api/actions',
    tag: 'learning actions',
    noun: 'learning action',
    service: actions as RecordEndpoints<unknown>['service'],
    startBody: startActionBody,
    view: learningActionView,
    decisions: {
      completion: {
        roles: MANAGERS,
        summary: 'Record the action as done, with its evidence',
        body: b.completion,
        update: learningActionMessages.completeAction,
      },
      closure: {
        roles: MANAGERS,
        summary: 'Close the action without completion, with the reason',
        body: b.closure,
        update: learningActionMessages.closeActionWithoutCompletion,
      },
    },
  });
}
