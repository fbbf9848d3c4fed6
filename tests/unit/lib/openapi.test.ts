import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { endpoint, type TEndpoint } from '../../../src/lib/http/endpoint';
import { buildOpenApi } from '../../../src/lib/http/openapi';

type Op = {
  summary: string;
  description?: string;
  tags: string[];
  operationId: string;
  parameters?: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  security?: unknown[];
  requestBody?: { required: boolean; content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Record<string, unknown> }> }>;
};

const listLeads = endpoint({
  method: 'GET',
  path: '/api/v1/leads',
  summary: 'List leads',
  description: 'Newest first.',
  tags: ['leads'],
  auth: 'user',
  query: z.object({ q: z.string().optional(), limit: z.coerce.number().int().max(200).default(50), status: z.enum(['new', 'contacted']) }),
  response: z.object({ items: z.array(z.object({ id: z.uuid(), email: z.email().nullable() })), next: z.string().nullable() }),
});
const updateLead = endpoint({
  method: 'PATCH',
  path: '/api/v1/leads/{id}',
  summary: 'Update a lead',
  tags: ['leads'],
  auth: 'user',
  roles: ['owner', 'admin'],
  params: z.object({ id: z.uuid() }),
  body: z.object({ firstName: z.string().max(200).optional(), status: z.enum(['new', 'contacted']).optional() }),
  response: z.object({ id: z.uuid() }),
});
const createImport = endpoint({
  method: 'POST', path: '/api/v1/imports', summary: 'Upload a CSV', tags: ['imports'], auth: 'user', bodyKind: 'multipart', status: 202,
});
const exportLeads = endpoint({
  method: 'GET', path: '/api/v1/leads/export', summary: 'Export', tags: ['leads'], auth: 'user', produces: 'text/csv',
});
const health = endpoint({ method: 'GET', path: '/api/health', summary: 'Health', tags: ['system'], auth: 'public' });

const doc = buildOpenApi([listLeads, updateLead, createImport, exportLeads, health] as TEndpoint[], {
  version: '1.2.3',
  serverUrl: 'https://app.example',
}) as { openapi: string; info: { version: string }; servers: { url: string }[]; security: unknown[]; paths: Record<string, Record<string, Op>> };
const op = (path: string, method: string) => doc.paths[path]![method]!;

describe('buildOpenApi', () => {
  it('is an OpenAPI 3.1 document with bearer auth by default', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe('1.2.3');
    expect(doc.servers).toEqual([{ url: 'https://app.example' }]);
    expect(doc.security).toEqual([{ apiKey: [] }]);
  });

  it('lists every endpoint under its path and method', () => {
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/health', '/api/v1/imports', '/api/v1/leads', '/api/v1/leads/export', '/api/v1/leads/{id}']);
    expect(Object.keys(doc.paths['/api/v1/leads/{id}']!)).toEqual(['patch']);
  });

  it('gives each operation a stable camel-cased id', () => {
    expect(op('/api/v1/leads', 'get').operationId).toBe('getApiV1Leads');
    expect(op('/api/v1/leads/{id}', 'patch').operationId).toBe('patchApiV1LeadsId');
    expect(op('/api/v1/leads/export', 'get').operationId).toBe('getApiV1LeadsExport');
    const ids = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('turns query schemas into parameters, required only when the schema requires them', () => {
    const params = op('/api/v1/leads', 'get').parameters!;
    expect(params.map((p) => [p.name, p.in, p.required])).toEqual([
      ['q', 'query', false],
      ['limit', 'query', false],
      ['status', 'query', true],
    ]);
    expect(params.find((p) => p.name === 'status')!.schema).toMatchObject({ enum: ['new', 'contacted'] });
    expect(params.find((p) => p.name === 'limit')!.schema).toMatchObject({ type: 'integer', maximum: 200, default: 50 });
  });

  it('marks path parameters required', () => {
    expect(op('/api/v1/leads/{id}', 'patch').parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: expect.objectContaining({ type: 'string', format: 'uuid' }) },
    ]);
  });

  it('describes JSON bodies and responses from the same schemas', () => {
    const patch = op('/api/v1/leads/{id}', 'patch');
    expect(patch.requestBody?.required).toBe(true);
    expect(patch.requestBody?.content['application/json']!.schema).toMatchObject({
      type: 'object',
      properties: { firstName: { type: 'string', maxLength: 200 }, status: { enum: ['new', 'contacted'] } },
    });
    expect(op('/api/v1/leads', 'get').responses['200']!.content!['application/json']!.schema).toMatchObject({
      type: 'object',
      properties: { items: { type: 'array' } },
      required: ['items', 'next'],
    });
  });

  it('describes multipart uploads, non-JSON responses and custom statuses', () => {
    const imp = op('/api/v1/imports', 'post');
    expect(Object.keys(imp.requestBody!.content)).toEqual(['multipart/form-data']);
    expect(Object.keys(imp.responses)).toEqual(['202', 'default']);
    expect(op('/api/v1/leads/export', 'get').responses['200']!.content).toEqual({
      'text/csv': { schema: { type: 'string', format: 'binary' } },
    });
  });

  it('marks public endpoints as needing no auth', () => {
    expect(op('/api/health', 'get').security).toEqual([]);
    expect(op('/api/v1/leads', 'get').security).toBeUndefined();
  });

  it('documents the error body on every operation', () => {
    for (const p of Object.values(doc.paths)) {
      for (const o of Object.values(p)) {
        const schema = o.responses.default!.content!['application/json']!.schema as { properties: { error: { properties: { code: { enum: string[] } } } } };
        expect(schema.properties.error.properties.code.enum).toEqual(expect.arrayContaining(['UNAUTHORIZED', 'INVALID_INPUT', 'RATE_LIMITED', 'INTERNAL']));
      }
    }
  });

  it('keeps the description when given', () => {
    expect(op('/api/v1/leads', 'get').description).toBe('Newest first.');
    expect('description' in op('/api/v1/leads/{id}', 'patch')).toBe(false);
  });
});
