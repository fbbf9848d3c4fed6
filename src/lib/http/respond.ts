/** One mapper from errors to HTTP responses: stable codes, safe messages, never a stack trace or SQL. */
import { ZodError } from 'zod';
import { AppError, fromDatabaseError } from '@/lib/errors';
import { log } from '@/lib/log';

export type TErrorBody = {
  error: { code: string; message: string; fields?: Record<string, string[]>; requestId?: string };
};

export function zodFields(e: ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of e.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

/** Normalises anything thrown into an AppError; unknown errors are logged with their detail. */
export function toAppError(e: unknown, context: Record<string, unknown> = {}): AppError {
  if (e instanceof AppError) return e;
  if (e instanceof ZodError) return new AppError('INVALID_INPUT', 'Some fields are not valid.', { fields: zodFields(e) });
  const db = fromDatabaseError(e);
  if (db) return db;
  log().error({ err: e, ...context }, 'unhandled error');
  return new AppError('INTERNAL', 'Something went wrong on our side. Please try again; if it keeps happening, contact support with the request id.');
}

export function errorResponse(e: unknown, requestId?: string, context: Record<string, unknown> = {}): Response {
  const err = toAppError(e, { requestId, ...context });
  const body: TErrorBody = {
    error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}), ...(requestId ? { requestId } : {}) },
  };
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
  if (requestId) headers['x-request-id'] = requestId;
  if (err.retryAfterSeconds) headers['retry-after'] = String(err.retryAfterSeconds);
  return new Response(JSON.stringify(body), { status: err.status, headers });
}

export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  if (!headers.has('cache-control')) headers.set('cache-control', 'no-store');
  return new Response(JSON.stringify(data), { ...init, headers });
}

export const created = (data: unknown) => json(data, { status: 201 });
export const noContent = () => new Response(null, { status: 204 });
