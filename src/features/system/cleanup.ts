/**
 * Daily clean-up (both modes): expired invitations, expired or revoked local sessions and reset tokens,
 * old rate-limit windows and old finished job runs. Idempotent; deletes only what is past keeping.
 */
import { asService, one, sql, type Db } from '@/db';

export async function cleanUp(db: Db, opts: { invitationGraceDays?: number; jobRunDays?: number } = {}) {
  return asService(db, async (tx) => {
    const count = async (q: ReturnType<typeof sql>) => (await one<{ n: number }>(tx, q))?.n ?? 0;
    const invitations = await count(sql`with d as (
        delete from public.invitations
        where accepted_at is null and (expires_at < now() - make_interval(days => ${opts.invitationGraceDays ?? 30})
                                       or revoked_at < now() - make_interval(days => ${opts.invitationGraceDays ?? 30}))
        returning 1) select count(*)::int as n from d`);
    const hasLocalAuth = (await count(sql`select count(*)::int as n from pg_namespace where nspname = 'local_auth'`)) > 0;
    let sessions = 0;
    let resets = 0;
    if (hasLocalAuth) {
      sessions = await count(sql`with d as (delete from local_auth.sessions where expires_at < now() or revoked_at < now() - interval '1 day' returning 1)
                                 select count(*)::int as n from d`);
      resets = await count(sql`with d as (delete from local_auth.password_resets where expires_at < now() - interval '1 day' returning 1)
                               select count(*)::int as n from d`);
    }
    const rateLimits = await count(sql`with d as (delete from app_private.rate_limits where window_start < now() - interval '1 day' returning 1)
                                       select count(*)::int as n from d`);
    const jobRuns = await count(sql`with d as (delete from public.job_runs where status in ('succeeded', 'failed', 'cancelled')
                                              and created_at < now() - make_interval(days => ${opts.jobRunDays ?? 30}) returning 1)
                                    select count(*)::int as n from d`);
    return { invitations, sessions, resets, rateLimits, jobRuns };
  });
}
