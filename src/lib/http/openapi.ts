/** Builds the OpenAPI 3.1 document from endpoint contracts (the same zod schemas the routes enforce). */
import { z } from 'zod';
import type { TEndpoint } from './endpoint';

type Json = Record<string, unknown>;

const schemaOf = (s: z.ZodType, io: 'input' | 'output'): Json => {
  try {
    return z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Json;
  } catch {
    return {};
  }
};

const ERROR_SCHEMA: Json = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string', enum: ['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'INVALID_INPUT', 'INVALID_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'CONFLICT', 'RATE_LIMITED', 'PAYMENT_REQUIRED', 'UPSTREAM', 'INTERNAL'] },
        message: { type: 'string' },
        fields: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
        requestId: { type: 'string' },
      },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
};

export function buildOpenApi(endpoints: TEndpoint[], info: { version: string; serverUrl: string }): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const ep of endpoints) {
    const parameters: Json[] = [];
    for (const [where, schema] of [['path', ep.params], ['query', ep.query]] as const) {
      if (!schema) continue;
      const js = schemaOf(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
      for (const [name, s] of Object.entries(js.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: s });
      }
    }
    const op: Json = {
      summary: ep.summary,
      ...(ep.description ? { description: ep.description } : {}),
      tags: ep.tags,
      operationId: `${ep.method.toLowerCase()}${ep.path.replace(/[{}]/g, '').replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      ...(parameters.length ? { parameters } : {}),
      ...(ep.auth === 'public' ? { security: [] } : {}),
      responses: {
        [String(ep.status ?? 200)]: ep.produces
          ? { description: 'OK', content: { [ep.produces]: { schema: { type: 'string', format: 'binary' } } } }
          : { description: 'OK', ...(ep.response ? { content: { 'application/json': { schema: schemaOf(ep.response, 'output') } } } : {}) },
        default: { description: 'Error', content: { 'application/json': { schema: ERROR_SCHEMA } } },
      },
    };
    if (ep.body) op.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(ep.body, 'input') } } };
    if (ep.bodyKind === 'multipart') op.requestBody = { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } } } };
    (paths[ep.path] ??= {})[ep.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'LeadPilot API', version: info.version, description: 'Authenticate with an organization API key: `Authorization: Bearer lp_…` (Settings → API keys).' },
    servers: [{ url: info.serverUrl }],
    components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'Organization API key' } } },
    security: [{ apiKey: [] }],
    paths,
  };
}
