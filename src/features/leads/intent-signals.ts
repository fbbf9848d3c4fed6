/**
 * Intent signals of a company (L7). Adding or removing one re-computes the company's intent tier in
 * the database (trigger app.intent_signals_changed, the seed 001 rule), so the tier is right whoever
 * writes signals — this service, a discovery job or SQL.
 */
import { one, rows, sql, type Db } from '@/db';
import type { TIntentStrength } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { z } from 'zod';
import type { TIntentTier } from './intent';
import { ZAddIntentSignals } from './schemas';
import type { TActor } from './types';

export type TIntentSignal = { id: string; companyId: string; signalType: string; strength: TIntentStrength; detectedAt: string; source: string | null; createdAt: string };

const COLS = sql`s.id, s.company_id as "companyId", s.signal_type as "signalType", s.strength, to_json(s.detected_at) #>> '{}' as "detectedAt",
  s.source, to_json(s.created_at) #>> '{}' as "createdAt"`;

async function assertCompany(db: Db, orgId: string, companyId: string) {
  const c = /^[0-9a-f-]{36}$/i.test(companyId)
    ? await one<{ id: string }>(db, sql`select id from public.companies where id = ${companyId}::uuid and org_id = ${orgId}::uuid and deleted_at is null`)
    : undefined;
  if (!c) throw new AppError('NOT_FOUND', 'That company does not exist.');
}

export async function addIntentSignals(db: Db, actor: TActor, companyId: string, raw: z.input<typeof ZAddIntentSignals>): Promise<{ signals: TIntentSignal[]; intentTier: TIntentTier }> {
  const { signals } = ZAddIntentSignals.parse(raw);
  await assertCompany(db, actor.orgId, companyId);
  const added = await rows<TIntentSignal>(
    db,
    sql`with i as (
          insert into public.intent_signals (org_id, company_id, signal_type, strength, detected_at, source)
          select ${actor.orgId}::uuid, ${companyId}::uuid, v.t, v.s, coalesce(v.d::timestamptz, now()), v.src
          from unnest(${sql.param(signals.map((s) => s.signalType))}::text[], ${sql.param(signals.map((s) => s.strength))}::text[],
                      ${sql.param(signals.map((s) => s.detectedAt ?? null))}::text[], ${sql.param(signals.map((s) => s.source ?? null))}::text[])
               as v(t, s, d, src)
          returning *)
        select ${COLS} from i s order by s.detected_at desc`,
  );
  return { signals: added, intentTier: await tierOf(db, companyId) };
}

async function tierOf(db: Db, companyId: string): Promise<TIntentTier> {
  return (await one<{ t: TIntentTier }>(db, sql`select intent_tier as t from public.companies where id = ${companyId}::uuid`))!.t;
}

export async function findIntentSignals(db: Db, orgId: string, companyId: string, opts: { limit?: number } = {}): Promise<TIntentSignal[]> {
  await assertCompany(db, orgId, companyId);
  return rows<TIntentSignal>(
    db,
    sql`select ${COLS} from public.intent_signals s where s.company_id = ${companyId}::uuid and s.org_id = ${orgId}::uuid
        order by s.detected_at desc, s.id limit ${Math.min(opts.limit ?? 200, 1000)}`,
  );
}

export async function deleteIntentSignal(db: Db, actor: TActor, companyId: string, signalId: string): Promise<{ id: string; deleted: true; intentTier: TIntentTier }> {
  await assertCompany(db, actor.orgId, companyId);
  const r = /^[0-9a-f-]{36}$/i.test(signalId)
    ? await one<{ id: string }>(db, sql`delete from public.intent_signals where id = ${signalId}::uuid and company_id = ${companyId}::uuid and org_id = ${actor.orgId}::uuid returning id`)
    : undefined;
  if (!r) throw new AppError('NOT_FOUND', 'That signal does not exist.');
  return { id: signalId, deleted: true, intentTier: await tierOf(db, companyId) };
}
