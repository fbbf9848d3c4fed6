/**
 * Metrics (S11, S14): per campaign, template, step and variant — sent, delivered, opened (human),
 * clicked (human), replied, bounced, unsubscribed, complaints, bot hits kept apart — with rates and a
 * daily series (in the campaign's timezone unless another is asked for) for charts.
 */
import { z } from 'zod';
import type { SQL } from 'drizzle-orm';
import { rows, sql, type Db } from '@/db';
import { AppError } from '@/lib/errors';
import { getCampaignRow } from './campaigns';
import { readSettings } from './settings';
import type { TStep } from './steps';
import { addDays, localDate, isValidTimezone } from './tz';
import { addCounts, emptyCounts, fillSeries, rates, type TCounts, type TRates } from './metrics-math';
import { getTemplateRow } from './templates';

export const ZMetricsQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  tz: z.string().max(64).optional(),
});

export type TMetricLine = TCounts & TRates;
export type TSeriesPoint = { date: string; sent: number; opened: number; clicked: number; replied: number; bounced: number; unsubscribed: number };
export type TMetrics = {
  totals: TMetricLine;
  steps: { stepId: string; stepIndex: number; name: string | null; totals: TMetricLine; variants: ({ variant: string } & TMetricLine)[] }[];
  series: TSeriesPoint[];
  range: { from: string; to: string; timezone: string };
};

type TCountRow = {
  step_id: string; variant: string | null; step_index: number; sent: number; bounced: number; opened: number; clicked: number; replied: number;
  unsubscribed: number; complained: number; bot_opens: number; bot_clicks: number;
};

const line = (c: TCounts): TMetricLine => ({ ...c, ...rates(c) });
const countsOf = (r: TCountRow): TCounts => ({
  sent: r.sent, bounced: r.bounced, opened: r.opened, clicked: r.clicked, replied: r.replied, unsubscribed: r.unsubscribed, complained: r.complained,
  botOpens: r.bot_opens, botClicks: r.bot_clicks,
});

async function metricsFor(db: Db, scope: SQL, steps: TStep[], range: { from: string; to: string; timezone: string }): Promise<TMetrics> {
  const tz = range.timezone;
  const perVariant = await rows<TCountRow>(
    db,
    sql`with scoped as (
          select m.id, m.step_id, m.variant, m.step_index, m.status from public.messages m
          where ${scope} and m.status in ('sent', 'bounced')
            and (m.sent_at at time zone ${tz})::date between ${range.from}::date and ${range.to}::date
        ),
        ev as (
          select e.message_id,
                 bool_or(e.kind = 'open' and e.is_first) as o, bool_or(e.kind = 'click' and e.is_first) as c, bool_or(e.kind = 'reply' and e.is_first) as r,
                 bool_or(e.kind = 'bounce') as b, bool_or(e.kind = 'unsubscribe' and e.is_first) as u, bool_or(e.kind = 'complaint') as cp,
                 count(*) filter (where e.kind = 'open' and e.is_bot)::int as bo, count(*) filter (where e.kind = 'click' and e.is_bot)::int as bc
          from public.message_events e where e.message_id in (select id from scoped) group by e.message_id
        )
        select s.step_id, s.variant, min(s.step_index)::int as step_index,
               count(*)::int as sent,
               count(*) filter (where s.status = 'bounced' or coalesce(ev.b, false))::int as bounced,
               count(*) filter (where ev.o)::int as opened, count(*) filter (where ev.c)::int as clicked, count(*) filter (where ev.r)::int as replied,
               count(*) filter (where ev.u)::int as unsubscribed, count(*) filter (where ev.cp)::int as complained,
               coalesce(sum(ev.bo), 0)::int as bot_opens, coalesce(sum(ev.bc), 0)::int as bot_clicks
        from scoped s left join ev on ev.message_id = s.id
        group by s.step_id, s.variant`,
  );
  const sentSeries = await rows<{ date: string; sent: number; bounced: number }>(
    db,
    sql`select to_char(m.sent_at at time zone ${tz}, 'YYYY-MM-DD') as date, count(*)::int as sent, count(*) filter (where m.status = 'bounced')::int as bounced
        from public.messages m where ${scope} and m.sent_at is not null and (m.sent_at at time zone ${tz})::date between ${range.from}::date and ${range.to}::date
        group by 1`,
  );
  const eventSeries = await rows<{ date: string; opened: number; clicked: number; replied: number; unsubscribed: number }>(
    db,
    sql`select to_char(e.occurred_at at time zone ${tz}, 'YYYY-MM-DD') as date,
               count(*) filter (where e.kind = 'open' and e.is_first)::int as opened, count(*) filter (where e.kind = 'click' and e.is_first)::int as clicked,
               count(*) filter (where e.kind = 'reply' and e.is_first)::int as replied, count(*) filter (where e.kind = 'unsubscribe' and e.is_first)::int as unsubscribed
        from public.message_events e join public.messages m on m.id = e.message_id
        where ${scope} and (e.occurred_at at time zone ${tz})::date between ${range.from}::date and ${range.to}::date
        group by 1`,
  );
  const byDate = new Map<string, TSeriesPoint>();
  const point = (date: string) => byDate.get(date) ?? byDate.set(date, { date, sent: 0, opened: 0, clicked: 0, replied: 0, bounced: 0, unsubscribed: 0 }).get(date)!;
  for (const s of sentSeries) Object.assign(point(s.date), { sent: s.sent, bounced: s.bounced });
  for (const e of eventSeries) Object.assign(point(e.date), { opened: e.opened, clicked: e.clicked, replied: e.replied, unsubscribed: e.unsubscribed });

  let totals = emptyCounts();
  const stepMap = new Map<string, { stepIndex: number; counts: TCounts; variants: Map<string, TCounts> }>();
  for (const r of perVariant) {
    const c = countsOf(r);
    totals = addCounts(totals, c);
    const s = stepMap.get(r.step_id) ?? stepMap.set(r.step_id, { stepIndex: r.step_index, counts: emptyCounts(), variants: new Map() }).get(r.step_id)!;
    s.counts = addCounts(s.counts, c);
    const v = r.variant ?? 'A';
    s.variants.set(v, addCounts(s.variants.get(v) ?? emptyCounts(), c));
  }
  // Every email step of the sequence appears, with zeros before anything was sent.
  for (const [i, st] of steps.entries()) if (st.type === 'email' && !stepMap.has(st.id)) stepMap.set(st.id, { stepIndex: i, counts: emptyCounts(), variants: new Map() });
  return {
    totals: line(totals),
    steps: [...stepMap.entries()]
      .sort((a, b) => a[1].stepIndex - b[1].stepIndex)
      .map(([stepId, s]) => ({
        stepId, stepIndex: s.stepIndex, name: steps.find((x) => x.id === stepId)?.name ?? null, totals: line(s.counts),
        variants: [...s.variants.entries()].sort().map(([variant, c]) => ({ variant, ...line(c) })),
      })),
    series: fillSeries([...byDate.values()], range.from, range.to, (date) => ({ date, sent: 0, opened: 0, clicked: 0, replied: 0, bounced: 0, unsubscribed: 0 })),
    range,
  };
}

function rangeOf(q: z.infer<typeof ZMetricsQuery>, tz: string, since: Date | null): { from: string; to: string; timezone: string } {
  const today = localDate(new Date(), tz);
  const to = q.to ?? today;
  const from = q.from ?? (since ? localDate(since, tz) : addDays(to, -29));
  if (from > to) throw new AppError('INVALID_INPUT', '"from" must not be after "to".', { fields: { from: ['After "to".'] } });
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  if (days > 366) throw new AppError('INVALID_INPUT', 'Ask for at most a year at a time.', { fields: { from: ['More than a year before "to".'] } });
  return { from, to, timezone: tz };
}

export async function campaignMetrics(db: Db, orgId: string, campaignId: string, raw: z.input<typeof ZMetricsQuery> = {}): Promise<TMetrics> {
  const q = ZMetricsQuery.parse(raw);
  const c = await getCampaignRow(db, orgId, campaignId);
  const tz = q.tz && isValidTimezone(q.tz) ? q.tz : readSettings(c.settings).timezone;
  const [v] = await rows<{ steps: TStep[] }>(db, sql`select steps from public.sequence_versions where sequence_id = ${c.sequenceId}::uuid order by version desc limit 1`);
  return metricsFor(db, sql`m.campaign_id = ${campaignId}::uuid`, v?.steps ?? [], rangeOf(q, tz, c.startedAt ?? c.createdAt));
}

export async function templateMetrics(db: Db, orgId: string, templateId: string, raw: z.input<typeof ZMetricsQuery> = {}): Promise<TMetrics & { campaigns: number }> {
  const q = ZMetricsQuery.parse(raw);
  const t = await getTemplateRow(db, orgId, templateId);
  const [o] = await rows<{ timezone: string }>(db, sql`select timezone from public.organizations where id = ${orgId}::uuid`);
  const tz = q.tz && isValidTimezone(q.tz) ? q.tz : (o?.timezone ?? 'UTC');
  const [n] = await rows<{ n: number }>(db, sql`select count(*)::int as n from public.campaigns where org_id = ${orgId}::uuid and template_id = ${templateId}::uuid`);
  const m = await metricsFor(
    db,
    sql`m.org_id = ${orgId}::uuid and m.campaign_id in (select id from public.campaigns where org_id = ${orgId}::uuid and template_id = ${templateId}::uuid)`,
    t.steps as TStep[],
    rangeOf(q, tz, null),
  );
  return { ...m, campaigns: n?.n ?? 0 };
}

/** Totals of every campaign (the campaigns list and dashboard cards). */
export async function campaignsOverview(db: Db, orgId: string): Promise<{ campaignId: string; name: string; status: string; totals: TMetricLine }[]> {
  const r = await rows<TCountRow & { campaign_id: string; name: string; status: string }>(
    db,
    sql`with ev as (
          select e.message_id,
                 bool_or(e.kind = 'open' and e.is_first) as o, bool_or(e.kind = 'click' and e.is_first) as c, bool_or(e.kind = 'reply' and e.is_first) as r,
                 bool_or(e.kind = 'bounce') as b, bool_or(e.kind = 'unsubscribe' and e.is_first) as u, bool_or(e.kind = 'complaint') as cp,
                 count(*) filter (where e.kind = 'open' and e.is_bot)::int as bo, count(*) filter (where e.kind = 'click' and e.is_bot)::int as bc
          from public.message_events e where e.org_id = ${orgId}::uuid group by e.message_id
        )
        select c.id as campaign_id, c.name, c.status, '' as step_id, null as variant, 0 as step_index,
               count(m.id)::int as sent, count(m.id) filter (where m.status = 'bounced' or coalesce(ev.b, false))::int as bounced,
               count(m.id) filter (where ev.o)::int as opened, count(m.id) filter (where ev.c)::int as clicked, count(m.id) filter (where ev.r)::int as replied,
               count(m.id) filter (where ev.u)::int as unsubscribed, count(m.id) filter (where ev.cp)::int as complained,
               coalesce(sum(ev.bo), 0)::int as bot_opens, coalesce(sum(ev.bc), 0)::int as bot_clicks
        from public.campaigns c
        left join public.messages m on m.campaign_id = c.id and m.status in ('sent', 'bounced')
        left join ev on ev.message_id = m.id
        where c.org_id = ${orgId}::uuid
        group by c.id, c.name, c.status, c.created_at
        order by c.created_at desc`,
  );
  return r.map((x) => ({ campaignId: x.campaign_id, name: x.name, status: x.status, totals: line(countsOf(x)) }));
}
