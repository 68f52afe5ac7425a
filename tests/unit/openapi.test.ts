/**
 * The OpenAPI document describes every route the app serves: the test walks Express's own
 * route table, so a route mounted outside the operation list would be caught.
 */
import type { Router } from 'express';
import { describe, expect, it } from 'vitest';
import { apiOperations, createApp } from '../../api/app';
import type { AppServices } from '../../api/app';
import { createMetrics } from '../../api/metrics';
import { openApiDocument } from '../../api/openapi';
import { loadPolicies } from '../../src/policy/registry';
import pino from 'pino';

// The operations only hold the services; building the document and the routes calls none.
const services = {
  cases: {},
  complaints: {},
  meetings: {},
  outbox: {},
  health: { temporal: async () => undefined },
  authenticate: async () => {
    throw new Error('not called');
  },
  idempotency: {},
  metrics: createMetrics({ openCases: async () => [], policies: loadPolicies() }),
  requestLog: pino({ level: 'silent' }),
  rateLimitPerMinute: 1000,
  log: () => undefined,
} as unknown as AppServices;

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: Router & { stack?: Layer[] };
}

/** Every `METHOD path` Express routes, other than the catch-all 405 answers. */
function expressRoutes(stack: Layer[]): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      return Object.keys(layer.route.methods)
        .filter((m) => m !== '_all')
        .map((m) => `${m.toUpperCase()} ${layer.route!.path}`);
    }
    return layer.handle.stack ? expressRoutes(layer.handle.stack) : [];
  });
}

describe('the OpenAPI document', () => {
  const operations = apiOperations(services);
  const document = openApiDocument(operations, 'test') as {
    openapi: string;
    paths: Record<
      string,
      Record<string, { security: unknown[]; responses: Record<string, unknown>; requestBody?: unknown }>
    >;
  };
  const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
  );

  it('has every route the app serves, and nothing it does not', () => {
    const app = createApp(services) as unknown as { router: { stack: Layer[] } };
    const served = expressRoutes(app.router.stack);
    expect(served.length).toBeGreaterThan(30);
    expect([...documented].sort()).toEqual([...new Set(served)].sort());
  });

  it('is OpenAPI 3.1 with a body schema for every POST and bearer auth on all but the public routes', () => {
    expect(document.openapi).toBe('3.1.0');
    for (const op of operations) {
      const entry = document.paths[op.path.replace(/:(\w+)/g, '{$1}')]![op.method]!;
      expect(entry.security, op.path).toEqual(op.roles === 'public' ? [] : [{ bearerAuth: [] }]);
      if (op.method === 'post') expect(entry.requestBody, op.path).toBeDefined();
      expect(Object.keys(entry.responses)).toContain(String(op.ok.status));
      if (op.roles !== 'public')
        expect(Object.keys(entry.responses)).toEqual(expect.arrayContaining(['401', '403']));
    }
  });

  it('describes the fields of a decision body', () => {
    const votes = document.paths['/api/cases/{id}/votes']!.post!.requestBody as {
      content: {
        'application/json': { schema: { properties: Record<string, unknown>; required: string[] } };
      };
    };
    const schema = votes.content['application/json'].schema;
    expect(Object.keys(schema.properties)).toEqual([
      'partnerId',
      'vote',
      'rationale',
      'votedOn',
      'proxyAuthorisedBy',
      'proxyAuthorisedOn',
    ]);
    expect(schema.required).toEqual(['partnerId', 'vote', 'rationale', 'votedOn']);
  });

  it('lists every status a route answers: 202 and 503 on decisions, 503 on reads, 429 everywhere', () => {
    const statuses = (path: string, method: string) =>
      Object.keys(document.paths[path]![method]!.responses).map(Number);
    for (const decision of [
      '/api/cases/{id}/votes',
      '/api/cases/{id}/cspr/drafts',
      '/api/complaints/{id}/closure',
    ])
      expect(statuses(decision, 'post')).toEqual(expect.arrayContaining([200, 202, 404, 409, 422, 429, 503]));
    expect(statuses('/api/cases/{id}', 'get')).toEqual(expect.arrayContaining([200, 404, 503]));
    expect(statuses('/api/cases', 'get')).toEqual(expect.arrayContaining([200, 400, 429, 503]));
    expect(statuses('/readyz', 'get')).toEqual(expect.arrayContaining([200, 503]));
  });
});
