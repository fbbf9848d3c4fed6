/**
 * An endpoint contract: method, path, auth and the zod schemas of its input and output. The route
 * helper enforces it and /api/openapi.json is generated from the same objects, so docs cannot drift.
 */
import type { z } from 'zod';
import type { TRole } from '@/db/schema';

export type THttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type TEndpoint<
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> = {
  method: THttpMethod;
  /** OpenAPI-style path: /api/v1/leads/{id} */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  /** public: no auth; user: a session cookie or an API key; session: a browser session only. */
  auth: 'public' | 'user' | 'session';
  roles?: TRole[];
  query?: Q;
  body?: B;
  params?: P;
  response?: R;
  /** 200 unless stated. */
  status?: number;
  /** json (default) parses and validates the body; multipart/raw leave the request to the handler. */
  bodyKind?: 'json' | 'multipart' | 'raw';
  bodyLimit?: number;
  /** Streaming handlers (exports) open their own transactions. */
  transaction?: boolean;
  /** Media type of a non-JSON response (CSV, XLSX, images). */
  produces?: string;
};

export function endpoint<Q extends z.ZodType, B extends z.ZodType, P extends z.ZodType, R extends z.ZodType>(
  e: TEndpoint<Q, B, P, R>,
): TEndpoint<Q, B, P, R> {
  return e;
}
