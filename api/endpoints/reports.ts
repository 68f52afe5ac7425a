/** Reports: `/api/reports/timeliness`, as JSON or (`format=csv`) CSV. */
import { z } from 'zod';
import { timelinessCsv, timelinessFileName } from '../../src/reports/timeliness';
import { operation, type AnyOperation } from '../operations';
import { isoDate } from '../../src/validation';
import type { ReportService } from '../../src/client/reportService';
import { EVERYONE } from '../../src/auth/roles';

export const timelinessQuery = z.strictObject({
  partnership: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be a partnership id'),
  /** The first day of the period; with `to`, or neither (the pack's last audit period). */
  from: isoDate.optional(),
  /** The day after the period's last. */
  to: isoDate.optional(),
  format: z.enum(['json', 'csv']).optional(),
});

export function reportEndpoints(reports: ReportService): AnyOperation[] {
  return [
    operation({
      method: 'get',
      path: '/api/reports/timeliness',
      tag: 'reports',
      summary: 'Report on timeliness for a period',
      roles: EVERYONE,
      partnership: (req) => (typeof req.query.partnership === 'string' ? req.query.partnership : undefined),
      query: timelinessQuery.refine((q) => (q.from === undefined) === (q.to === undefined), {
        message: 'give both from and to, or neither',
        path: ['to'],
      }),
      ok: {
        status: 200,
        description:
          'rapid reviews due in the period (on time, late by working days, open), what they became, working days at each stage, notices sent and failed, open learning actions by agency',
        schema: z.looseObject({ partnership: z.string(), from: isoDate, to: isoDate }),
      },
      errors: [422],
      async handle(ctx) {
        const { partnership, from, to, format } = ctx.query;
        const report = await reports.timeliness(partnership, from && to ? { from, to } : undefined);
        if (format !== 'csv') return { body: report };
        return {
          text: { contentType: 'text/csv; charset=utf-8', content: timelinessCsv(report) },
          headers: {
            'Content-Disposition': `attachment; filename="${timelinessFileName(report)}"`,
          },
        };
      },
    }),
  ];
}
