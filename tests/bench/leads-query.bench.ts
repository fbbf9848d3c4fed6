/**
 * The leads table query over 100,000 leads of one organization (next to 50,000 of another): two filters
 * and a sort, first page and deep keyset pages, as the signed-in user under RLS. Prints p50/p95 of the
 * page query's execution at the database (EXPLAIN ANALYZE of the same page, cursor included, the target)
 * and of the whole findLeads() call (page + tags, round trips included), and which indexes the plan used.
 * The source cases show that the source filter needs no index of its own (migration …000220 dropped it):
 * it rides on the sort's index.
 */
import { rows, sql, withUser, type Db } from '../../src/db';
import { decodeCursor, findLeads, type TListLeadsQueryInput } from '../../src/features/leads';
import { leadFilterSql } from '../../src/features/leads/lead-filter-sql';
import { createPerson, type TPerson } from '../support/world';
import { percentile, type TBenchReport, type TFigure } from './lib';
import { scratchDb } from './scratch-db';

const N = Number(process.env.BENCH_LEADS ?? 100_000);
const RUNS = 60;


/** n leads over 20,000 companies (fit scores, intent tiers), 8 statuses, 20 countries, a year of created_at. */
async function fill(db: Db, orgId: string, n: number) {
  await db.execute(sql`
    insert into companies (org_id, name, domain, fit_score, intent_tier, industry)
    select ${orgId}::uuid, 'Company ' || i, 'company' || i || '-' || left(${orgId}, 8) || '.com', 1 + (i * 7) % 10,
           (array['hot', 'warm', 'cold', 'cold', 'cold'])[1 + i % 5], (array['Technology', 'Finance', 'Retail'])[1 + i % 3]
    from generate_series(1, 20000) i`);
  // Attributes drawn from independent hashes of i, so filters and sort keys are not correlated.
  await db.execute(sql`
    with c as (select id, name, row_number() over (order by id) as rn from companies where org_id = ${orgId}::uuid),
         g as (select i, abs(hashtext('a' || i)) as h1, abs(hashtext('b' || i)) as h2, abs(hashtext('c' || i)) as h3, abs(hashtext('d' || i)) as h4
               from generate_series(1, ${n}) i)
    insert into leads (org_id, company_id, company_name, email, phone, first_name, last_name, title, country, status, source, created_at)
    select ${orgId}::uuid, c.id, c.name, 'person' || i || '@company' || (i % 20000) || '.com',
           case when h1 % 3 = 0 then '+4930' || (1000000 + i) end,
           (array['Anna', 'Ben', 'Chloe', 'David', 'Emma', 'Felix', 'Grace', 'Hugo', 'Ines', 'Jonas'])[1 + h2 % 10],
           (array['Muller', 'Smith', 'Garcia', 'Rossi', 'Dubois', 'Nowak', 'Jensen', 'Silva'])[1 + h3 % 8] || ' ' || i,
           (array['CEO', 'CTO', 'VP Sales', 'Head of Marketing', 'Engineer'])[1 + h4 % 5],
           (array['DE', 'US', 'FR', 'GB', 'ES', 'IT', 'NL', 'SE', 'PL', 'AT', 'CH', 'BE', 'DK', 'NO', 'FI', 'IE', 'PT', 'CZ', 'CA', 'AU'])[1 + (h1 / 7) % 20],
           (array['new', 'new', 'new', 'contacted', 'contacted', 'replied', 'interested', 'not_interested', 'bounced', 'converted'])[1 + (h2 / 11) % 10],
           (array['import', 'import', 'manual', 'apollo', 'linkedin'])[1 + (h3 / 13) % 5],
           now() - make_interval(secs => (h4 / 17) % 31536000)
    from g join c on c.rn = 1 + (g.h1 / 3) % 20000`);
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export default async function bench(): Promise<TBenchReport> {
  const { h, drop } = await scratchDb('leads', 4);
  try {
    const a: TPerson = await createPerson(h.db, { orgName: 'Bench A' });
    const b: TPerson = await createPerson(h.db, { orgName: 'Bench B' });
    await fill(h.db, a.orgId, N);
    await fill(h.db, b.orgId, Math.floor(N / 2));
    await h.db.execute(sql`vacuum analyze`);

    const cases: { name: string; q: TListLeadsQueryInput; deep?: boolean }[] = [
      { name: 'status + country, newest first', q: { status: 'new', country: 'DE', sort: 'created' } },
      { name: 'status + country, newest first, page 40', q: { status: 'new', country: 'DE', sort: 'created' }, deep: true },
      { name: 'has email + source, by name', q: { hasEmail: true, source: 'apollo', sort: 'name' } },
      { name: 'search (a name) + status, newest first', q: { q: 'rossi 4242', status: 'contacted', sort: 'created' } },
      { name: 'search (a common word) + status, newest first', q: { q: 'garcia', status: 'contacted', sort: 'created' } },
      { name: 'intent tier + country, by fit score', q: { intentTier: 'hot', country: 'FR', sort: 'fit_score' } },
      { name: 'status + has phone, by company', q: { status: 'replied', hasPhone: true, sort: 'company' } },
      { name: 'source + has phone, by company', q: { source: 'linkedin', hasPhone: true, sort: 'company' } },
      { name: 'country + source, by name', q: { country: 'FR', source: 'apollo', sort: 'name' } },
      { name: 'source + status, newest first, page 40', q: { source: 'manual', status: 'new', sort: 'created' }, deep: true },
    ];
    const figures: TFigure[] = [];
    const notes: string[] = [];
    for (const c of cases) {
      // a cursor 40 pages deep (2,000 rows in) for the deep case
      let cursor: string | undefined;
      if (c.deep) {
        for (let i = 0; i < 40; i++) cursor = (await withUser(h.db, a.claims, (tx) => findLeads(tx, a.orgId, { ...c.q, cursor, limit: 50 }))).nextCursor ?? undefined;
      }
      const q = { ...c.q, cursor, limit: 50 };
      const call: number[] = [];
      const exec: number[] = [];
      let plan = '';
      await withUser(h.db, a.claims, async (tx) => {
        for (let i = 0; i < 5; i++) await findLeads(tx, a.orgId, q); // warm up
        for (let i = 0; i < RUNS; i++) call.push(await time(() => findLeads(tx, a.orgId, q)));
        // the page query alone, at the database
        const where = await leadFilterSql(tx, a.orgId, q);
        const page = pageSql(where, c.q.sort ?? 'created', cursor);
        for (let i = 0; i < 20; i++) {
          const r = await rows<{ 'QUERY PLAN': string }>(tx, sql`explain (analyze, format text) ${page}`);
          const text = r.map((x) => x['QUERY PLAN']).join('\n');
          exec.push(Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? NaN));
          plan = text;
        }
      });
      call.sort((x, y) => x - y);
      exec.sort((x, y) => x - y);
      const indexes = [...new Set([...plan.matchAll(/(?:Index|Index Only|Bitmap Index) Scan (?:Backward )?(?:using|on) (\w+)/g)].map((m) => m[1]))];
      figures.push({ name: `${c.name}: at the database p50`, value: percentile(exec, 50), unit: 'ms' });
      figures.push({ name: `${c.name}: at the database p95`, value: percentile(exec, 95), unit: 'ms', target: { value: 50, better: 'lower' } });
      figures.push({ name: `${c.name}: findLeads() call p50`, value: percentile(call, 50), unit: 'ms' });
      figures.push({ name: `${c.name}: findLeads() call p95`, value: percentile(call, 95), unit: 'ms' });
      notes.push(`${c.name}: indexes used: ${indexes.join(', ') || 'none (sequential scan)'}`);
    }
    const load = (await import('node:os')).loadavg()[0]!;
    notes.push(`load average during the run: ${load.toFixed(1)} on ${(await import('node:os')).cpus().length} cores`);
    return { title: `Leads table query over ${N.toLocaleString('en')} leads (two filters and a sort, 50 per page, as the user under RLS)`, figures, notes };
  } finally {
    await drop();
  }
}

/** The page query findLeads runs (same SQL: the sort's keyset condition for a cursor, same order and limit). */
function pageSql(where: ReturnType<typeof sql>, sort: string, cursor?: string) {
  const spec: Record<string, { key: string; cast: string; dir: 'asc' | 'desc' }> = {
    created: { key: 'l.created_at', cast: 'timestamptz', dir: 'desc' },
    name: { key: "lower(coalesce(l.full_name, l.email, ''))", cast: 'text', dir: 'asc' },
    company: { key: "lower(coalesce(l.company_name, ''))", cast: 'text', dir: 'asc' },
    fit_score: { key: 'coalesce(c.fit_score, 0)', cast: 'int', dir: 'desc' },
    status: { key: 'l.status', cast: 'text', dir: 'asc' },
  };
  const s = spec[sort]!;
  let keyset = sql``;
  if (cursor) {
    const c = decodeCursor(cursor);
    keyset = sql`and (${sql.raw(s.key)}, l.id) ${sql.raw(s.dir === 'asc' ? '>' : '<')} (${c.v}::${sql.raw(s.cast)}, ${c.id}::uuid)`;
  }
  return sql`select l.id, l.email, c.domain from public.leads l left join public.companies c on c.id = l.company_id
             where ${where} ${keyset} order by ${sql.raw(`${s.key} ${s.dir}, l.id ${s.dir}`)} limit 51`;
}
