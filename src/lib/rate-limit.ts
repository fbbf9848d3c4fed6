/**
 * Fixed-window counters in Postgres (app_private.rate_limits), shared by every app instance.
 * `hit` counts one event and says whether it is still within the limit; `peek` only reads.
 */
import { asService, one, sql, type Db } from '@/db';
import { AppError } from './errors';

export type TLimit = { bucket: string; limit: number; windowSeconds: number };
export type TLimitResult = { allowed: boolean; hits: number; retryAfterSeconds: number };

export async function hitRateLimit(db: Db, l: TLimit): Promise<TLimitResult> {
  const r = await asService(db, (tx) =>
    one<{ hits: number; retry: number }>(
      tx,
      sql`insert into app_private.rate_limits as r (bucket, window_start, hits)
          values (${l.bucket}, to_timestamp(floor(extract(epoch from now()) / ${l.windowSeconds}) * ${l.windowSeconds}), 1)
          on conflict (bucket, window_start) do update set hits = r.hits + 1
          returning r.hits, ceil(extract(epoch from (r.window_start + make_interval(secs => ${l.windowSeconds}) - now())))::int as retry`,
    ),
  );
  const hits = r?.hits ?? 1;
  return { allowed: hits <= l.limit, hits, retryAfterSeconds: Math.max(1, r?.retry ?? l.windowSeconds) };
}

export async function peekRateLimit(db: Db, l: TLimit): Promise<TLimitResult> {
  const r = await asService(db, (tx) =>
    one<{ hits: number; retry: number }>(
      tx,
      sql`select hits, ceil(extract(epoch from (window_start + make_interval(secs => ${l.windowSeconds}) - now())))::int as retry
          from app_private.rate_limits
          where bucket = ${l.bucket}
            and window_start = to_timestamp(floor(extract(epoch from now()) / ${l.windowSeconds}) * ${l.windowSeconds})`,
    ),
  );
  const hits = r?.hits ?? 0;
  return { allowed: hits < l.limit, hits, retryAfterSeconds: Math.max(1, r?.retry ?? l.windowSeconds) };
}

export async function resetRateLimit(db: Db, bucket: string): Promise<void> {
  await asService(db, (tx) => tx.execute(sql`delete from app_private.rate_limits where bucket = ${bucket}`));
}

export function rateLimited(retryAfterSeconds: number, what = 'Too many attempts'): AppError {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return new AppError('RATE_LIMITED', `${what}. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
    retryAfterSeconds,
  });
}
