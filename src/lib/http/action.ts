/**
 * Tiny validated wrappers for server actions. Forms post FormData (or a plain object); the schema is the
 * same zod schema the API uses; errors come back as { ok: false, error } for the form to show, never thrown
 * to the client. Next checks the Origin of every server action itself.
 */
import { cookies, headers } from 'next/headers';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { getDb, type Db } from '@/db';
import type { TRole } from '@/db/schema';
import { jarFrom, requireUser, checkRole, asUser, type CookieJar, type TUserContext } from '@/lib/auth';
import type { TRequestMeta } from '@/lib/auth';
import { toAppError } from './respond';
import { clientIp, isSecureRequest } from './request';

export type TActionError = { code: string; message: string; fields?: Record<string, string[]> };
export type TActionResult<T = unknown> = { ok: true; data?: T; message?: string } | { ok: false; error: TActionError };

export function formToObject(input: FormData | Record<string, unknown>): Record<string, unknown> {
  if (!(input instanceof FormData)) return input;
  const out: Record<string, unknown> = {};
  for (const [k, v] of input) {
    if (k.startsWith('$ACTION')) continue;
    const cur = out[k];
    out[k] = cur === undefined ? v : Array.isArray(cur) ? [...cur, v] : [cur, v];
  }
  return out;
}

function isControlFlow(e: unknown): boolean {
  try {
    unstable_rethrow(e);
    return false;
  } catch {
    return true;
  }
}

function fail(e: unknown): { ok: false; error: TActionError } {
  unstable_rethrow(e); // let redirect() and notFound() through
  const err = toAppError(e, { where: 'server action' });
  return { ok: false, error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } };
}

export async function requestMeta(): Promise<TRequestMeta & { jar: CookieJar }> {
  const h = await headers();
  return { ip: clientIp(h), userAgent: h.get('user-agent') ?? undefined, secure: isSecureRequest(h), jar: jarFrom(await cookies()) };
}

/** An action for signed-in users: input validated, run as the user under RLS. */
export function userAction<S extends z.ZodType, R>(
  schema: S,
  fn: (a: { input: z.output<S>; ctx: TUserContext; db: Db }) => Promise<R | { data?: R; message?: string }>,
  opts: { roles?: TRole[]; transaction?: boolean } = {},
) {
  return async (_prev: unknown, raw: FormData | z.input<S>): Promise<TActionResult<R>> => {
    try {
      const ctx = checkRole(await requireUser(), opts.roles);
      const input = schema.parse(formToObject(raw as FormData));
      if (opts.transaction === false) return wrap(await fn({ input, ctx, db: await getDb() }));
      // redirect()/notFound() inside the action are control flow, not failures: let the transaction
      // commit first, then pass them on (otherwise "create, then redirect to it" would roll back).
      let control: unknown;
      const out = await asUser(ctx, async (db) => {
        try {
          return await fn({ input, ctx, db });
        } catch (e) {
          if (!isControlFlow(e)) throw e;
          control = e;
          return undefined as R;
        }
      });
      if (control) throw control;
      return wrap(out);
    } catch (e) {
      return fail(e);
    }
  };
}

/** An action anyone may call (sign-in, sign-up, reset): validated; meta carries IP and cookies. */
export function publicAction<S extends z.ZodType, R>(
  schema: S,
  fn: (a: { input: z.output<S>; db: Db; meta: TRequestMeta & { jar: CookieJar } }) => Promise<R | { data?: R; message?: string }>,
) {
  return async (_prev: unknown, raw: FormData | z.input<S>): Promise<TActionResult<R>> => {
    try {
      const input = schema.parse(formToObject(raw as FormData));
      return wrap(await fn({ input, db: await getDb(), meta: await requestMeta() }));
    } catch (e) {
      return fail(e);
    }
  };
}

function wrap<R>(out: R | { data?: R; message?: string }): TActionResult<R> {
  if (out && typeof out === 'object' && ('message' in out || 'data' in out) && Object.keys(out).every((k) => k === 'data' || k === 'message')) {
    return { ok: true, ...(out as { data?: R; message?: string }) };
  }
  return { ok: true, data: out as R };
}
