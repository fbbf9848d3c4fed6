/**
 * A task definition: id, zod payload schema, optional cron (UTC), retry policy and the plain async
 * function that does the work. The same definition runs under Trigger.dev (trigger/*.ts) and the local
 * runner; the function is idempotent and re-reads state from the database.
 */
import type { z } from 'zod';
import type { Logger } from 'pino';
import type { Db } from '@/db';

export type TJobContext = {
  db: Db;
  log: Logger;
  runId: string;
  attempt: number;
  /** Scheduled time for cron runs. */
  scheduledAt?: Date;
};

export type TTaskDef<S extends z.ZodType = z.ZodType> = {
  id: string;
  schema: S;
  /** Cron spec in UTC, for scheduled tasks (their payload is `{}`). */
  cron?: string;
  maxAttempts?: number;
  /** Vendor-limited tasks declare a queue; Trigger.dev enforces it in cloud, the local runner serialises. */
  queue?: { name: string; concurrencyLimit: number };
  /** Which organization a run belongs to (shown on its Jobs page). */
  orgIdOf?: (payload: z.output<S>) => string | undefined;
  run: (payload: z.output<S>, ctx: TJobContext) => Promise<unknown>;
};

export const TASK_ID_PATTERN = /^[a-z0-9-]+\.[a-z0-9-]+$/;

export function defineTask<S extends z.ZodType>(def: TTaskDef<S>): TTaskDef<S> {
  if (!TASK_ID_PATTERN.test(def.id)) throw new Error(`Task id "${def.id}" must look like <feature>.<verb-noun>`);
  return def;
}

/** Exponential backoff between attempts: 1 s, 2 s, 4 s … capped at 60 s, with ±20 % jitter. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(60_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Errors that retrying cannot fix (bad payload, a user error) fail the run at once. */
export function isRetryable(e: unknown): boolean {
  const code = (e as { code?: string })?.code;
  return !['INVALID_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'UNAUTHORIZED', 'PAYMENT_REQUIRED'].includes(code ?? '') && (e as Error)?.name !== 'ZodError';
}
