/**
 * The OpenAPI 3.1 document, generated from the operations and their zod schemas (JSON Schema
 * 2020-12, which OpenAPI 3.1 uses as is), and a readable page of it that needs no script.
 */
import { z } from 'zod';
import type { AnyOperation } from './operations';
import { problem } from './responses';

type JsonSchema = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');
const pathParams = (path: string) => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);

const STATUS_WORDS: Record<number, string> = {
  400: 'the request does not match its schema; `errors` names each field',
  401: 'no valid bearer token',
  403: 'the role or partnership may not do this',
  404: 'no such record',
  405: 'the method is not allowed here',
  409: 'the decision does not fit the current stage, or the record exists',
  413: 'the body is too large',
  422: 'well-formed but refused; `errors` names the field',
  429: 'too many requests',
  500: 'something went wrong; it has been logged',
  503: 'Temporal, or every worker, is not answering just now; try again after Retry-After seconds',
};

export function openApiDocument(operations: readonly AnyOperation[], version: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const isPublic = op.roles === 'public';
    // Every route can be rate limited and can fail; every route with a token reaches Temporal.
    const errors = [
      ...new Set([
        400,
        ...(isPublic ? [] : [401, 403, 503]),
        ...(op.method === 'post' ? [413] : []),
        429,
        ...(op.errors ?? []),
        500,
      ]),
    ].sort();
    const queryParams = op.query
      ? Object.entries((jsonSchema(op.query, 'input').properties ?? {}) as Record<string, JsonSchema>).map(
          ([name, schema]) => ({
            name,
            in: 'query',
            required: ((jsonSchema(op.query!, 'input').required ?? []) as string[]).includes(name),
            schema,
          }),
        )
      : [];
    (paths[openApiPath(op.path)] ??= {})[op.method] = {
      operationId: `${op.method}${op.path.replace(/[^A-Za-z0-9]+(\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      summary: op.summary,
      tags: [op.tag],
      security: isPublic ? [] : [{ bearerAuth: [] }],
      'x-roles': isPublic ? 'public' : op.roles,
      parameters: [
        ...pathParams(op.path).map((name) => ({
          name,
          in: 'path',
          required: true,
          schema: { type: 'string' },
        })),
        ...queryParams,
      ],
      ...(op.body && {
        requestBody: {
          required: true,
          content: { 'application/json': { schema: jsonSchema(op.body, 'input') } },
        },
      }),
      responses: {
        [op.ok.status]: {
          description: op.ok.description,
          content: { 'application/json': { schema: jsonSchema(op.ok.schema, 'output') } },
        },
        ...(op.accepted && {
          202: {
            description: op.accepted.description,
            content: { 'application/json': { schema: jsonSchema(op.accepted.schema, 'output') } },
          },
        }),
        ...Object.fromEntries(
          errors.map((status) => [
            status,
            {
              description: STATUS_WORDS[status] ?? 'an error',
              content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
            },
          ]),
        ),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Case review orchestrator API',
      version,
      description:
        'Statutory clocks for Safeguarding Children Partnerships: serious incident cases, local reviews, complaints and meetings. Every decision is recorded with who made it.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: jsonSchema(problem, 'output') },
    },
  };
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** A page a person can read: each route, who may call it, and its request body's fields. */
export function docsPage(operations: readonly AnyOperation[]): string {
  const rows = operations
    .map((op) => {
      const fields = op.body
        ? Object.keys((jsonSchema(op.body, 'input').properties ?? {}) as object).join(', ') ||
          'see the schema'
        : '';
      const who = op.roles === 'public' ? 'anyone' : op.roles.join(', ');
      return `<tr><td><code>${op.method.toUpperCase()} ${escape(op.path)}</code></td><td>${escape(op.summary)}</td><td>${escape(who)}</td><td>${escape(fields)}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Case review orchestrator API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
</head><body><main>
<h1>Case review orchestrator API</h1>
<p>The machine-readable description is <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Send <code>Authorization: Bearer &lt;token&gt;</code> on every route not marked “anyone”. Errors are <code>application/problem+json</code> and name the field at fault.</p>
<table><caption>Routes</caption><thead><tr><th scope="col">Route</th><th scope="col">What</th><th scope="col">Who may</th><th scope="col">Body fields</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</main></body></html>
`;
}
