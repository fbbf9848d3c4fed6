/**
 * The fit (re)qualification write path (L8, seed 000): sets the company's fit score, reasoning and time,
 * and records a snapshot (score, tier, the signals seen, reasoning) — every time, so the history and
 * the trend arrow follow each qualification. Discovery and re-qualification jobs call this too.
 */
import { one, rows, sql, type Db } from '@/db';
import { AppError } from '@/lib/errors';
import type { z } from 'zod';
import { fitTier, isSignificantChange, scoreTrend, type TFitTier, type TTrend } from './fit';
import { ZQualifyCompany } from './schemas';
import type { TActor } from './types';

export type TSnapshot = { id: string; score: number; tier: TFitTier; signals: unknown[]; reasoning: string | null; createdAt: string };
export type TQualification = { snapshot: TSnapshot; previousScore: number | null; changed: boolean; trend: TTrend | null };

const COLS = sql`id, score::int as score, tier, signals, reasoning, to_json(created_at) #>> '{}' as "createdAt"`;

export async function qualifyCompany(db: Db, actor: Pick<TActor, 'orgId'>, companyId: string, raw: z.input<typeof ZQualifyCompany>): Promise<TQualification> {
  const input = ZQualifyCompany.parse(raw);
  const before = /^[0-9a-f-]{36}$/i.test(companyId)
    ? await one<{ score: number | null }>(
        db,
        sql`select fit_score::int as score from public.companies where id = ${companyId}::uuid and org_id = ${actor.orgId}::uuid and deleted_at is null for update`,
      )
    : undefined;
  if (!before) throw new AppError('NOT_FOUND', 'That company does not exist.');
  const signals = input.signals ?? (await rows<Record<string, unknown>>(
    db,
    sql`select signal_type, strength, to_json(detected_at) #>> '{}' as detected_at, source from public.intent_signals
        where company_id = ${companyId}::uuid order by detected_at desc limit 200`,
  ));
  await db.execute(sql`update public.companies set fit_score = ${input.score}, fit_reasoning = ${input.reasoning ?? null}, fit_scored_at = now()
                       where id = ${companyId}::uuid and org_id = ${actor.orgId}::uuid`);
  const snapshot = (await one<TSnapshot>(
    db,
    sql`insert into public.company_snapshots (org_id, company_id, score, tier, signals, reasoning)
        values (${actor.orgId}::uuid, ${companyId}::uuid, ${input.score}, ${fitTier(input.score)}, ${JSON.stringify(signals)}::jsonb, ${input.reasoning ?? null})
        returning ${COLS}`,
  ))!;
  const history = await findCompanySnapshots(db, actor.orgId, companyId, { limit: 2 });
  return {
    snapshot,
    previousScore: before.score,
    changed: before.score !== null && isSignificantChange(before.score, input.score),
    trend: scoreTrend(history),
  };
}

/** Snapshots newest first (the score history; reverse it for a chart). */
export async function findCompanySnapshots(db: Db, orgId: string, companyId: string, opts: { limit?: number } = {}): Promise<TSnapshot[]> {
  return rows<TSnapshot>(
    db,
    sql`select ${COLS} from public.company_snapshots where company_id = ${companyId}::uuid and org_id = ${orgId}::uuid
        order by created_at desc, id desc limit ${Math.min(opts.limit ?? 100, 1000)}`,
  );
}
