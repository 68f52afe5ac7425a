/**
 * Errors as pages, for a browser that asked for one by name; API clients (and `*` / `*`) get
 * problem+json from the handler after these.
 */
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { clientProblem } from '../problem';
import type { Views } from './setUpViews';

const wantsPage = (req: Request) =>
  !req.path.startsWith('/api/') && (req.get('accept') ?? '').includes('text/html');

export function errorPages(views: Views): { notFound: RequestHandler; refused: ErrorRequestHandler } {
  const page = (res: Parameters<RequestHandler>[1], status: number, heading: string, detail: string) =>
    views.render(res, 'error.njk', { title: heading, heading, detail }, status);
  return {
    notFound: (req, res, next) => {
      if (!wantsPage(req)) return next();
      page(res, 404, 'Page not found', 'Check the address, or go to the cases.');
    },
    refused: (err, req, res, next) => {
      const problem = clientProblem(err);
      if (!wantsPage(req) || res.headersSent || !problem) return next(err);
      page(
        res,
        problem.status,
        problem.status === 403 ? 'You cannot do that' : 'There is a problem',
        problem.detail,
      );
    },
  };
}
