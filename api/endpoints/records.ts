/** Complaints (000 §13) and meetings (000 §8.5): `/api/complaints…` and `/api/meetings…`. */
import { idPath } from '../../src/ids';
import type { Request } from 'express';
import type { z } from 'zod';
import type { Actor } from '../../src/case/types';
import type { Catalogue } from '../../src/decisions/catalogue';
import { complaintDecisions, startComplaintAccess } from '../../src/complaint/decisions';
import { startComplaintBody } from '../../src/complaint/bodies';
import { learningActionDecisions, startActionAccess } from '../../src/learning/decisions';
import { startActionBody } from '../../src/learning/bodies';
import { meetingDecisions, startMeetingAccess } from '../../src/meeting/decisions';
import { startMeetingBody } from '../../src/meeting/bodies';
import type { RecordService } from '../../src/client/recordService';
import { actorOf, type AnyOperation, decisionOperations, operation, partnershipsFor } from '../operations';
import { pagedAnswer, pageOf } from '../paging';
import { complaintView, learningActionView, itemList, meetingView, summary } from '../responses';
import { simpleListQuery } from '../schemas';
import type { ComplaintService } from '../../src/client/complaintService';
import type { LearningActionService } from '../../src/client/learningActionService';
import type { MeetingService } from '../../src/client/meetingService';
import type { Summary } from '../../src/client/summaries';
import { EVERYONE, type Role } from '../../src/auth/roles';

interface RecordEndpoints<B, V> {
  path: string;
  tag: string;
  noun: string;
  service: RecordService<V> & { start(body: B, startedBy: Actor): Promise<Summary> };
  startBody: z.ZodType<B>;
  /** Who may start one, in the words a refusal gives. */
  start: { roles: readonly Role[]; summary: string };
  view: z.ZodType;
  catalogue: Catalogue<V>;
}

/** Start, list, read, and one POST per decision, for one kind of record. */
function recordEndpoints<B, V>(r: RecordEndpoints<B, V>): AnyOperation[] {
  const ofRecord = (req: Request) => r.service.partnershipOf(req.params.id as string);
  const missing = (id: string) => `no ${r.noun} ${id}`;
  return [
    operation({
      method: 'post',
      path: r.path,
      tag: r.tag,
      ...r.start,
      partnership: (req) => (typeof req.body?.partnership === 'string' ? req.body.partnership : undefined),
      body: r.startBody,
      ok: { status: 201, description: `the ${r.noun} was started`, schema: summary },
      errors: [409, 422],
      async handle(ctx) {
        const started = await r.service.start(ctx.body, actorOf(ctx.principal));
        return { body: started, headers: { Location: `${r.path}/${idPath(started.id)}` } };
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
      recordMissing: (req) => missing(req.params.id as string),
      ok: { status: 200, description: `the ${r.noun} view from its workflow`, schema: r.view },
      errors: [404, 503],
      handle: async (ctx) => ({ body: await r.service.get(ctx.params.id!) }),
    }),
    ...decisionOperations({
      catalogue: r.catalogue,
      path: (route) => `${r.path}/:id/${route}`,
      tag: r.tag,
      description: `the ${r.noun} as the decision leaves it`,
      view: r.view,
      partnership: ofRecord,
      record: (id) => `${r.path}/${idPath(id)}`,
      missing,
      decide: (decision, id, body, actor, updateId) => r.service.decide(decision, id, body, actor, updateId),
    }),
  ];
}

export function complaintEndpoints(complaints: ComplaintService): AnyOperation[] {
  return recordEndpoints({
    path: '/api/complaints',
    tag: 'complaints',
    noun: 'complaint',
    service: complaints,
    startBody: startComplaintBody,
    view: complaintView,
    start: startComplaintAccess,
    catalogue: complaintDecisions,
  });
}

export function meetingEndpoints(meetings: MeetingService): AnyOperation[] {
  return recordEndpoints({
    path: '/api/meetings',
    tag: 'meetings',
    noun: 'meeting',
    service: meetings,
    startBody: startMeetingBody,
    view: meetingView,
    start: startMeetingAccess,
    catalogue: meetingDecisions,
  });
}

export function learningActionEndpoints(actions: LearningActionService): AnyOperation[] {
  return recordEndpoints({
    path: '/api/actions',
    tag: 'learning actions',
    noun: 'learning action',
    service: actions,
    startBody: startActionBody,
    view: learningActionView,
    start: startActionAccess,
    catalogue: learningActionDecisions,
  });
}
