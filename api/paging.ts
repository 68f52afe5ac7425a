/**
 * Lists from visibility are handed out a page at a time: what a list costs grows with the rows
 * it returns. `pageToken` is the `nextPageToken` of the page before, also given as a Link.
 */
import type { Request } from 'express';
import { z } from 'zod';
import type { PageRequest } from '../src/client/summaries';

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

/** The query fields of a paged list. */
export const paging = {
  pageSize: z
    .string()
    .regex(/^[1-9]\d{0,3}$/, `must be a whole number from 1 to ${MAX_PAGE_SIZE}`)
    .transform(Number)
    .pipe(z.number().max(MAX_PAGE_SIZE, `must be a whole number from 1 to ${MAX_PAGE_SIZE}`))
    .optional(),
  pageToken: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,4096}$/, 'must be a nextPageToken from this list')
    .optional(),
};

export const pageOf = (q: {
  pageSize?: number | undefined;
  pageToken?: string | undefined;
}): PageRequest => ({
  size: q.pageSize ?? DEFAULT_PAGE_SIZE,
  ...(q.pageToken && { token: q.pageToken }),
});

/** The answer for one page: its rows under `key`, the next token, and a Link to the next page. */
export function pagedAnswer<K extends string, T>(
  req: Request,
  key: K,
  page: { items: T[]; nextPageToken?: string },
): { body: Record<K, T[]> & { nextPageToken?: string }; headers?: Record<string, string> } {
  const body = {
    [key]: page.items,
    ...(page.nextPageToken && { nextPageToken: page.nextPageToken }),
  } as Record<K, T[]> & { nextPageToken?: string };
  if (!page.nextPageToken) return { body };
  const params = new URLSearchParams(req.query as Record<string, string>);
  params.set('pageToken', page.nextPageToken);
  return { body, headers: { Link: `<${req.baseUrl}${req.path}?${params}>; rel="next"` } };
}
