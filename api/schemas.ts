/** The API's query strings, validated with zod before anything reaches a service. */
import { z } from 'zod';
import { CASE_STAGES } from '../src/case/values';
import { isoDate, partnershipId } from '../src/validation';
import { paging } from './paging';

const openOrClosed = z.enum(['open', 'closed']);

export const caseListQuery = z.strictObject({
  ...paging,
  partnership: partnershipId.optional(),
  stage: z.enum(CASE_STAGES).optional(),
  status: openOrClosed.optional(),
  breached: z.enum(['true', 'false']).optional(),
  deadlineBefore: isoDate.optional(),
});

/** `GET /api/complaints`, `/api/meetings` and `/api/actions`. */
export const simpleListQuery = z.strictObject({
  ...paging,
  partnership: partnershipId.optional(),
  status: openOrClosed.optional(),
});
