/**
 * The Jobs page (P5): recent runs of background tasks, read as the user under RLS. Owners and admins see
 * their organization's runs and the system's own (clean-up, cron) runs, which belong to no organization.
 */
import { and, desc, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '@/db';
import { jobRuns, type TJobStatus } from '@/db/schema';

export async function findJobRuns(db: Db, orgId: string, opts: { status?: TJobStatus; limit?: number } = {}) {
  const list = await db
    .select({
      id: jobRuns.id, orgId: jobRuns.orgId, taskId: jobRuns.taskId, status: jobRuns.status, attempts: jobRuns.attempts,
      maxAttempts: jobRuns.maxAttempts, runAt: jobRuns.runAt, startedAt: jobRuns.startedAt, finishedAt: jobRuns.finishedAt,
      durationMs: jobRuns.durationMs, error: jobRuns.error, createdAt: jobRuns.createdAt,
    })
    .from(jobRuns)
    .where(and(or(eq(jobRuns.orgId, orgId), isNull(jobRuns.orgId)), opts.status ? eq(jobRuns.status, opts.status) : undefined))
    .orderBy(desc(jobRuns.createdAt), desc(jobRuns.id))
    .limit(Math.max(1, Math.min(opts.limit ?? 100, 500)));
  return list.map((j) => ({ ...j, scope: (j.orgId ? 'organization' : 'system') as 'organization' | 'system' }));
}

export type TJobRunRow = Awaited<ReturnType<typeof findJobRuns>>[number];
