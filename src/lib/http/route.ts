/**
 * The route helper every /api handler uses: request id, authentication (session cookie or API key),
 * same-origin check for cookie-authenticated mutations, size-limited JSON parsing, zod validation,
 * one RLS transaction around the handler, and one error mapper (AppError → status + stable code).
 */
import type { z } from 'zod';
import type { Logger } from 'pino';
import { getDb, type Db } from '@/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { logger } from '@/lib/log';
import { authenticate, checkRole, jarFromHeader, type TUserContext } from '@/lib/auth';
import { asUser } from '@/lib/auth';
import { hitRateLimit, rateLimited } from '@/lib/rate-limit';
import type { TEndpoint } from './endpoint';
import { readJson } from './body';
import { errorResponse, json } from './respond';
import { clientIp, isSameOrigin, requestIdOf } from './request';

type Infer<T> = NonNullable<T> extends z.ZodType ? z.output<NonNullable<T>> : undefined;

export type TRouteArgs<E extends TEndpoint> = {
  req: Request;
  query: Infer<E['query']>;
  body: Infer<E['body']>;
  params: Infer<E['params']>;
  requestId: string;
  ip: string;
  log: Logger;
};

export type TUserRouteArgs<E extends TEndpoint> = TRouteArgs<E> & {
  ctx: TUserContext;
  /** The RLS-bound transaction (absent when the endpoint opts out of one; use `asUser`). */
  db: Db;
  /** Opens a fresh RLS transaction as this user (streaming handlers). */
  asUser: <T>(fn: (tx: Db) => Promise<T>) => Promise<T>;
};

type Segment = { params: Promise<Record<string, string | string[] | undefined>> };
type Handler<E extends TEndpoint> = E['auth'] extends 'public'
  ? (a: TRouteArgs<E> & { db: Db }) => Promise<unknown>
  : (a: TUserRouteArgs<E>) => Promise<unknown>;

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function route<E extends TEndpoint>(ep: E, handler: Handler<E>) {
  return async (req: Request, segment?: Segment): Promise<Response> => {
    const requestId = requestIdOf(req.headers);
    const ip = clientIp(req.headers);
    let log = logger({ requestId, route: `${ep.method} ${ep.path}` });
    try {
      const db = await getDb();
      // Who is asking comes first: an anonymous or forbidden caller learns nothing about the input rules.
      let ctx: TUserContext | undefined;
      if (ep.auth !== 'public') {
        const outcome = await authenticate(db, jarFromHeader(req.headers.get('cookie')), req.headers.get('authorization'));
        if (outcome.kind === 'anonymous') throw new AppError('UNAUTHORIZED', 'Sign in, or send an API key as "Authorization: Bearer <key>".');
        if (outcome.kind === 'no-org') throw new AppError('FORBIDDEN', 'You are not a member of any organization.');
        ctx = checkRole(outcome.ctx, ep.roles);
        if (ep.auth === 'session' && ctx.via !== 'session') throw new AppError('FORBIDDEN', 'This action is only available in the app.');
        if (ctx.via === 'session' && MUTATING.has(req.method) && !isSameOrigin(req.headers)) {
          throw new AppError('FORBIDDEN', 'Cross-site request refused. Use the app, or an API key.');
        }
        if (ctx.via === 'api_key') {
          const rl = await hitRateLimit(db, { bucket: `api:${ctx.orgId}`, limit: env().RATE_LIMIT_API_PER_MINUTE, windowSeconds: 60 });
          if (!rl.allowed) throw rateLimited(rl.retryAfterSeconds, 'This organization has sent too many API requests');
        }
        log = log.child({ orgId: ctx.orgId, userId: ctx.userId, via: ctx.via });
      }

      const url = new URL(req.url);
      const rawParams = (await segment?.params) ?? {};
      const params = ep.params ? ep.params.parse(rawParams) : undefined;
      const query = ep.query ? ep.query.parse(searchParamsToObject(url.searchParams)) : undefined;
      let body: unknown;
      if ((ep.bodyKind ?? 'json') === 'json' && MUTATING.has(req.method)) {
        const raw = await readJson(req, ep.bodyLimit ?? env().API_BODY_LIMIT_BYTES);
        if (ep.body) {
          if (raw === undefined) throw new AppError('INVALID_INPUT', 'This request needs a JSON body.');
          body = ep.body.parse(raw);
        }
      }
      const base = { req, query, body, params, requestId, ip, log } as TRouteArgs<E>;

      let result: unknown;
      if (!ctx) {
        result = await (handler as (a: TRouteArgs<E> & { db: Db }) => Promise<unknown>)({ ...base, db });
      } else {
        const user = ctx;
        const run = <T,>(fn: (tx: Db) => Promise<T>) => asUser(user, fn);
        const userArgs = (tx: Db) => ({ ...base, ctx: user, db: tx, asUser: run }) as TUserRouteArgs<E>;
        const h = handler as (a: TUserRouteArgs<E>) => Promise<unknown>;
        result = ep.transaction === false ? await h(userArgs(db)) : await asUser(user, (tx) => h(userArgs(tx)));
      }
      const res = result instanceof Response ? result : json(result ?? null, { status: ep.status ?? 200 });
      res.headers.set('x-request-id', requestId);
      return res;
    } catch (e) {
      return errorResponse(e, requestId, { route: `${ep.method} ${ep.path}` });
    }
  };
}

export function searchParamsToObject(sp: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of sp) {
    const cur = out[k];
    out[k] = cur === undefined ? v : Array.isArray(cur) ? [...cur, v] : [cur, v];
  }
  return out;
}
