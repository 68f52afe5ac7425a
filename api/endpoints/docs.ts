/** `/api/openapi.json` and `/api/docs`: the API describing itself, public. */
import { z } from 'zod';
import { docsPage, openApiDocument } from '../openapi';
import { type AnyOperation, operation } from '../operations';

export function docsEndpoints(all: () => readonly AnyOperation[], version: string): AnyOperation[] {
  let document: unknown;
  let page: string | undefined;
  return [
    operation({
      method: 'get',
      path: '/api/openapi.json',
      tag: 'docs',
      summary: 'The OpenAPI 3.1 document',
      roles: 'public',
      ok: { status: 200, description: 'this document', schema: z.looseObject({ openapi: z.string() }) },
      handle: async () => ({ body: (document ??= openApiDocument(all(), version)) }),
    }),
    operation({
      method: 'get',
      path: '/api/docs',
      tag: 'docs',
      summary: 'A readable page of the routes',
      roles: 'public',
      ok: { status: 200, description: 'an HTML page', schema: z.string() },
      handle: async () => ({ text: { contentType: 'html', content: (page ??= docsPage(all())) } }),
    }),
  ];
}
