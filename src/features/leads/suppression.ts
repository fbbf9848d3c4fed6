/**
 * The one function every feature calls to suppress an address or a domain (L6): unsubscribes, hard
 * bounces, complaints, STOP keywords, manual entries. It records the suppression once, marks matching
 * leads as suppressed and writes a timeline event for each. Stopping enrollments is the caller's part
 * (the sequences feature calls this and then stops its enrollments).
 */
import { rows, sql, type Db } from '@/db';
import type { TSuppressionReason } from '@/db/schema';
import { AppError } from '@/lib/errors';

export type TSuppressInput = {
  orgId: string;
  /** An email address, or a bare domain (suppresses everyone at it). */
  value: string;
  kind?: 'email' | 'domain';
  reason: TSuppressionReason;
  source?: string;
  actorId?: string | null;
};

export function normaliseSuppression(value: string, kind?: 'email' | 'domain'): { kind: 'email' | 'domain'; value: string } {
  const v = value.trim().toLowerCase().replace(/^mailto:/, '').replace(/^@/, '');
  const k = kind ?? (v.includes('@') ? 'email' : 'domain');
  if (k === 'email' ? !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v) : !/^[a-z0-9.-]+\.[a-z0-9-]{2,}$/.test(v)) {
    throw new AppError('INVALID_INPUT', `"${value.slice(0, 100)}" is not a valid ${k === 'email' ? 'email address' : 'domain'}.`);
  }
  return { kind: k, value: v };
}

/** Works as a user (RLS) or inside a service transaction. Returns how many leads it marked. */
export async function suppress(db: Db, input: TSuppressInput): Promise<{ created: boolean; leadsMarked: number }> {
  const s = normaliseSuppression(input.value, input.kind);
  const created = await rows<{ id: string }>(
    db,
    sql`insert into public.suppressions (org_id, kind, value, reason, source, created_by)
        values (${input.orgId}, ${s.kind}, ${s.value}, ${input.reason}, ${input.source ?? null}, ${input.actorId ?? null})
        on conflict (org_id, kind, value) do nothing returning id`,
  );
  const marked = await rows<{ id: string }>(
    db,
    sql`update public.leads set suppressed_at = now(), suppressed_reason = ${input.reason}
        where org_id = ${input.orgId}::uuid and suppressed_at is null and email is not null
          and ${s.kind === 'email' ? sql`email = ${s.value}` : sql`split_part(email, '@', 2) = ${s.value}`}
        returning id`,
  );
  if (marked.length) {
    await db.execute(sql`
      insert into public.lead_events (org_id, lead_id, type, summary, data, actor_id)
      select ${input.orgId}::uuid, id, 'suppressed', ${`Suppressed (${input.reason.replace('_', ' ')})`},
             ${JSON.stringify({ reason: input.reason, kind: s.kind, value: s.value, source: input.source ?? null })}::jsonb, ${input.actorId ?? null}
      from unnest(${sql.param(marked.map((m) => m.id))}::uuid[]) as id`);
  }
  return { created: created.length > 0, leadsMarked: marked.length };
}

export async function isSuppressed(db: Db, orgId: string, email: string): Promise<boolean> {
  const [r] = await rows<{ s: boolean }>(db, sql`select app.is_suppressed(${orgId}::uuid, ${email}) as s`);
  return Boolean(r?.s);
}
