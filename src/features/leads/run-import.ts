/**
 * The `leads.import` job body (L2). Streams the stored file, normalises each row, dedupes inside the
 * file and against existing leads (email, then LinkedIn URL) by the chosen mode, finds or creates
 * companies by domain then name, and writes batches with set-based statements (INSERT … SELECT FROM
 * unnest(…), ON CONFLICT when a concurrent writer collides; a created lead's "Imported from" timeline
 * entry is read from its import_id, see timeline.ts), rejected rows with their reasons, and the
 * checkpoint.
 *
 * Batches: the file is cut into batches of `imports.batch_size` data rows (fixed by the first run, so
 * the cut is the same on every attempt). The next batch is parsed and normalised while up to `writers`
 * batches are written at once, each on its own connection (two on a Postgres server, one on PGlite).
 * A batch that shares an email or LinkedIn URL with an earlier batch still being written waits for it,
 * so duplicates across batches merge in file order and two batches of one import never contend for
 * the same lead. Per batch: one short transaction plans it against the leads that exist and finds or
 * creates its companies (committed: a retry reuses them); a second writes its leads, memberships and
 * rejections, its import_batches row (the rows it covered and its counts) and adds its counts to the
 * import row, all or nothing. A deadlock or serialization failure (another import or a user writing
 * the same people) retries the batch.
 *
 * Resumable: a crash loses only uncommitted batches; the next attempt skips every range recorded in
 * import_batches and writes the others. The import_batches row is claimed first in each batch's
 * transaction, so two workers on one import can never both write a batch: the second waits, sees the
 * batch committed, and stops. Runs as the service role; every statement names the organization.
 */
import type { Logger } from 'pino';
import { asService, driverOf, one, rows, sql, type Db } from '@/db';
import type { TCustomFieldType } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { openSheet, type TFileFormat, type TSheetRow } from './file-reader';
import { unpackFile } from './import-file';
import { compileMapping, normaliseImportRow, type TCompiledMapping, type TImportLead } from './import-row';
import { planBatch, type TCandidate, type TExistingLead, type TInsert, type TPlan, type TUpdate } from './import-plan';
import type { TMapping } from './layouts';
import { emailDomain } from './normalise';
import { companyKey, resolveCompanies, type TCompanyCandidate, type TResolvedCompany } from './resolve-companies';
import { ZImportOptions, type TDedupeMode, type TImportOptions } from './schemas';
import { ensureTags } from './tags';

export type TImportJobPayload = { importId: string; orgId: string };
export type TImportSummary = {
  importId: string;
  status: 'completed';
  totalRows: number;
  processedRows: number;
  created: number;
  updated: number;
  skippedDuplicate: number;
  rejected: number;
  suppressed: number;
};

export type TBatchInfo = { startRow: number; endRow: number; batchRows: number; attempt: number };

export type TImportJobDeps = {
  db: Db;
  log?: Pick<Logger, 'info' | 'warn'>;
  /** Data rows per batch for an import's first run (default 5000); later runs keep the stored size. */
  batchSize?: number;
  /** Batches written at the same time, each on its own connection (default 2 on a Postgres server, 1 on PGlite). */
  writers?: number;
  /** Test seam: runs inside each batch's transaction after its writes, before its checkpoint. Throwing rolls the batch back. */
  beforeCheckpoint?: (info: TBatchInfo) => void | Promise<void>;
};

type TCounts = { created: number; updated: number; skipped: number; rejected: number; suppressed: number };
type TRejection = { rowNumber: number; reason: string; raw: string[] };
type TPrepared = {
  /** Data rows [startRow, startRow + rows) of the file. */
  startRow: number;
  rows: number;
  candidates: TCandidate[];
  rejections: TRejection[];
  /** The batch's emails and LinkedIn URLs ("e:…", "l:…"). */
  keys: Set<string>;
};

/** Another worker took over this import: stop without touching it. */
class ImportMoved extends Error {}

const arr = (v: unknown[]) => sql.param(v);
const yieldNow = () => new Promise<void>((r) => setImmediate(r));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
/** Deadlock and serialization failure: the batch is rolled back whole and can simply run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 6;

/** Normalises a batch (yielding to the event loop now and then, so writes in flight keep moving). */
async function prepare(batch: TSheetRow[], startRow: number, m: TCompiledMapping): Promise<TPrepared> {
  const candidates: TCandidate[] = [];
  const rejections: TRejection[] = [];
  const keys = new Set<string>();
  for (let i = 0; i < batch.length; i++) {
    const r = batch[i]!;
    if (r.problem) rejections.push({ rowNumber: r.rowNumber, reason: r.problem, raw: r.cells });
    else {
      const o = normaliseImportRow(r.cells, m);
      if (o.ok) {
        candidates.push({ rowNumber: r.rowNumber, lead: o.lead });
        if (o.lead.email) keys.add(`e:${o.lead.email}`);
        if (o.lead.linkedinUrl) keys.add(`l:${o.lead.linkedinUrl}`);
      } else rejections.push({ rowNumber: r.rowNumber, reason: o.reason, raw: r.cells });
    }
    if ((i & 1023) === 1023) await yieldNow();
  }
  return { startRow, rows: batch.length, candidates, rejections, keys };
}

function shareKeys(a: Set<string>, b: Set<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const k of small) if (large.has(k)) return true;
  return false;
}

type TJobState = {
  importId: string;
  orgId: string;
  createdBy: string | null;
  fileName: string;
  mode: TDedupeMode;
  options: TImportOptions;
  optionTagIds: string[];
  /** Companies known to exist (committed), by companyKey. */
  companies: Map<string, TResolvedCompany>;
  batchSize: number;
};

export async function runImport(deps: TImportJobDeps, payload: TImportJobPayload): Promise<TImportSummary> {
  const { db } = deps;
  const imp = await asService(db, (tx) =>
    one<{
      status: string; mapping: TMapping; options: unknown; file_type: 'csv' | 'xlsx'; encoding: string | null;
      delimiter: string | null; file_name: string; created_by: string | null; content: Uint8Array | null; content_encoding: string | null;
    }>(
      tx,
      sql`select i.status, i.mapping, i.options, i.file_type, i.encoding, i.delimiter, i.file_name, i.created_by,
                 f.content, f.content_encoding
          from public.imports i left join public.import_files f on f.import_id = i.id
          where i.id = ${payload.importId}::uuid and i.org_id = ${payload.orgId}::uuid`,
    ),
  );
  if (!imp) throw new AppError('NOT_FOUND', 'That import does not exist.');
  if (imp.status === 'completed') return summary(db, payload);
  if (imp.status === 'uploaded') throw new AppError('INVALID_INPUT', 'This import has not been confirmed yet.');
  if (!imp.content) throw new AppError('NOT_FOUND', 'The uploaded file of this import is gone.');

  const { batchSize, done } = await asService(db, async (tx) => {
    const r = await one<{ batch_size: number }>(
      tx,
      sql`update public.imports set status = 'running', attempts = attempts + 1, error = null, started_at = coalesce(started_at, now()),
                 batch_size = coalesce(batch_size, ${Math.max(1, Math.min(100_000, deps.batchSize ?? 5000))})
          where id = ${payload.importId}::uuid returning batch_size`,
    );
    const ranges = await rows<{ start_row: number; end_row: number }>(
      tx,
      sql`select start_row, start_row + row_count as end_row from public.import_batches where import_id = ${payload.importId}::uuid order by start_row`,
    );
    return { batchSize: r!.batch_size, done: ranges };
  });
  try {
    const options = ZImportOptions.parse(imp.options ?? {});
    const defs = await asService(db, (tx) =>
      rows<{ key: string; label: string; type: TCustomFieldType }>(tx, sql`select key, label, type from public.custom_field_definitions where org_id = ${payload.orgId}::uuid`),
    );
    const compiled = compileMapping(imp.mapping, defs);
    const optionTagIds = options.tags.length ? [...(await asService(db, (tx) => ensureTags(tx, payload.orgId, options.tags))).values()] : [];
    const state: TJobState = {
      importId: payload.importId, orgId: payload.orgId, createdBy: imp.created_by, fileName: imp.file_name, mode: options.dedupe, options,
      optionTagIds, companies: new Map(), batchSize,
    };
    const format: TFileFormat = { kind: imp.file_type, encoding: imp.encoding as TFileFormat['encoding'], delimiter: imp.delimiter as TFileFormat['delimiter'] };
    const bytes = unpackFile(imp.content, imp.content_encoding ?? 'identity');
    const sheet = await openSheet(bytes, format, { batchSize });
    const covered = (start: number, end: number) => done.some((d) => d.start_row <= start && end <= d.end_row);

    // The next batch not yet committed by an earlier attempt, parsed and normalised.
    let position = 0;
    const next = async (): Promise<TPrepared | null> => {
      for (;;) {
        const r = await sheet.batches.next();
        if (r.done) return null;
        const start = position;
        position += r.value.length;
        if (!covered(start, position)) return prepare(r.value, start, compiled);
      }
    };
    await writeAll(deps, state, next);
    await asService(db, (tx) =>
      tx.execute(sql`update public.imports set status = 'completed', finished_at = now(), error = null where id = ${payload.importId}::uuid`),
    );
    await mergeSearchIndex(db);
    return summary(db, payload);
  } catch (e) {
    if (e instanceof ImportMoved) {
      deps.log?.warn({ importId: payload.importId }, 'another worker is running this import; stopping');
      return summary(db, payload);
    }
    const message = e instanceof AppError ? e.message : 'The import stopped on an unexpected error; it will be retried and continue where it stopped.';
    await asService(db, (tx) =>
      tx.execute(sql`update public.imports set status = 'failed', error = ${message.slice(0, 2000)} where id = ${payload.importId}::uuid and status = 'running'`),
    ).catch(() => {});
    throw e;
  }
}

/**
 * Writes every batch `next` yields, up to `writers` at once, preparing the next batch meanwhile. A batch
 * waits for earlier batches in flight that share one of its keys. On the first failure no new batch
 * starts; batches in flight end (commit or roll back) before the failure is thrown.
 */
async function writeAll(deps: TImportJobDeps, st: TJobState, next: () => Promise<TPrepared | null>): Promise<void> {
  const writers = Math.max(1, deps.writers ?? (driverOf(deps.db) === 'pglite' ? 1 : 2));
  type TSlot = { keys: Set<string>; done: Promise<void> };
  const inflight = new Set<TSlot>();
  const run: { failure: { error: unknown } | null } = { failure: null };
  const stats = await plannerStats(deps.db, st.orgId, st.batchSize);
  try {
    let batch = await next();
    while (batch && !run.failure) {
      while (inflight.size >= (stats.solo ? 1 : writers)) await Promise.race([...inflight].map((s) => s.done));
      if (run.failure) break;
      const current = batch;
      const earlier = [...inflight].filter((s) => shareKeys(s.keys, current.keys)).map((s) => s.done);
      const slot: TSlot = { keys: current.keys, done: Promise.resolve() };
      slot.done = (async () => {
        if (earlier.length) await Promise.all(earlier);
        if (run.failure) return;
        const counts = await writeBatch(deps, st, current);
        deps.log?.info({ importId: st.importId, startRow: current.startRow, rows: current.rows }, 'import batch stored');
        await stats.grew(counts.created);
      })()
        .catch((e: unknown) => {
          run.failure ??= { error: e };
        })
        .finally(() => inflight.delete(slot));
      inflight.add(slot);
      batch = await next();
    }
  } finally {
    // Whatever stops the loop (a failed batch, an unreadable row further on), batches in flight end first.
    await Promise.all([...inflight].map((s) => s.done));
  }
  if (run.failure) throw run.failure.error;
}

/**
 * Keeps the planner's statistics in step with a large import. Statistics gathered before an
 * organization had leads (or companies) make the planner believe it has none, and then any index
 * starting with org_id looks as good as the right one: a per-key lookup (this job's, an update's key
 * check, a user's duplicate check) would scan all of the organization's rows. So at the start, and
 * whenever the organization's leads have doubled, the planner's estimates are compared with the
 * counts, and when they are far below, both tables are analyzed (as after any bulk load). When the
 * organization starts (nearly) empty, the first batch is written alone (it is the one that makes the
 * organization big; a second batch planned beside it would plan on the old statistics). Analyzing
 * needs the tables' owner (the connection's own role); where that is not allowed autovacuum does it.
 */
async function plannerStats(db: Db, orgId: string, batchSize: number): Promise<{ solo: boolean; grew: (created: number) => Promise<void> }> {
  const counts = async () =>
    (await asService(db, (tx) =>
      one<{ leads: number; companies: number }>(
        tx,
        sql`select (select count(*)::int from public.leads where org_id = ${orgId}::uuid and deleted_at is null) as leads,
                   (select count(*)::int from public.companies where org_id = ${orgId}::uuid and deleted_at is null) as companies`,
      ),
    ))!;
  const estimate = async (table: 'leads' | 'companies') => {
    const plan = await rows<{ 'QUERY PLAN': unknown }>(db, sql`explain (format json) select 1 from ${sql.raw(`public.${table}`)} where org_id = ${orgId}::uuid and deleted_at is null`);
    const raw = plan[0]?.['QUERY PLAN'];
    const json = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ Plan?: { 'Plan Rows'?: number } }] | undefined;
    return Number(json?.[0]?.Plan?.['Plan Rows'] ?? Infinity);
  };
  const off = async (c: { leads: number; companies: number }) =>
    (c.leads >= 1000 && (await estimate('leads')) < c.leads / 4) || (c.companies >= 1000 && (await estimate('companies')) < c.companies / 4);
  let live = 0;
  let checkedAt = 0;
  let running: Promise<void> | null = null;
  const check = async () => {
    try {
      const c = await counts();
      live = Math.max(live, c.leads);
      checkedAt = live;
      if (await off(c)) await db.execute(sql`analyze public.leads, public.companies`);
    } catch {
      // not the owner, or no estimate to read: autovacuum analyzes them later
    }
  };
  await check();
  let solo = live < 1000 && batchSize >= 1000;
  return {
    get solo() {
      return solo;
    },
    // Batches finishing meanwhile wait for it, so no batch is planned on statistics known to be wrong.
    grew(created: number) {
      live += created;
      solo = false;
      if (!running && live >= 1000 && live >= 2 * checkedAt) running = check().finally(() => (running = null));
      return running ?? Promise.resolve();
    },
  };
}

/**
 * Merges the trigram index's pending list in one bulk pass (far cheaper than the many small merges a
 * 4 MB list would cause during a large import). Needs the index owner (the connection's own role, not
 * service_role); where that is not allowed the next insert or vacuum merges it instead.
 */
async function mergeSearchIndex(db: Db): Promise<void> {
  await db.execute(sql`select gin_clean_pending_list('public.leads_search_trgm_idx'::regclass)`).catch(() => {});
}

async function summary(db: Db, p: TImportJobPayload): Promise<TImportSummary> {
  const r = await asService(db, (tx) =>
    one<Omit<TImportSummary, 'importId' | 'status'>>(
      tx,
      sql`select total_rows as "totalRows", processed_rows as "processedRows", created_count as created, updated_count as updated,
                 skipped_duplicate_count as "skippedDuplicate", rejected_count as rejected, suppressed_count as suppressed
          from public.imports where id = ${p.importId}::uuid`,
    ),
  );
  return { importId: p.importId, status: 'completed', ...r! };
}

/** Session settings of the job's transactions (see writeBatchOnce). */
const JOB_SETTINGS = sql`select set_config('synchronous_commit', 'off', true), set_config('jit', 'off', true),
                                set_config('gin_pending_list_limit', '65536', true)`;

/** Writes one batch, again from the start after a deadlock or serialization failure; returns its counts. */
async function writeBatch(deps: TImportJobDeps, st: TJobState, batch: TPrepared): Promise<TCounts> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeBatchOnce(deps, st, batch, attempt);
    } catch (e) {
      const code = findCode(e);
      if (!code || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw e;
      deps.log?.warn({ importId: st.importId, startRow: batch.startRow, attempt, code }, 'import batch collided with another writer; writing it again');
      await sleep(Math.round(25 * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}

async function writeBatchOnce(deps: TImportJobDeps, st: TJobState, batch: TPrepared, attempt: number): Promise<TCounts> {
  // 1. Plan against the leads that exist, and find or create the companies of the rows that will be
  //    written. Committed on its own (short, so concurrent batches wait on each other's companies only
  //    briefly); a batch that fails later leaves only companies, which its retry finds again.
  const planned = new Map<string, TResolvedCompany>();
  const plan = await asService(deps.db, async (tx) => {
    await tx.execute(JOB_SETTINGS);
    const existing = await existingLeads(tx, st.orgId, batch.candidates.map((c) => c.lead));
    const p = planBatch(batch.candidates, existing, st.mode, st.importId);
    await companies(tx, st, [...p.inserts, ...p.updates].map((x) => x.lead), planned);
    return p;
  });
  for (const [k, v] of planned) st.companies.set(k, v);

  // 2. The batch's writes and its checkpoint, all or nothing. A batch commits with its checkpoint, so
  //    losing the last commits in a crash only means redoing them (hence synchronous_commit off). The
  //    trigram index takes new entries into its pending list and merges them in bulk at the end.
  const endRow = batch.startRow + batch.rows;
  const later = new Map<string, TResolvedCompany>();
  const counts = await asService(deps.db, async (tx) => {
    await tx.execute(JOB_SETTINGS);
    const claimed = await one<{ s: number }>(
      tx,
      sql`insert into public.import_batches (import_id, org_id, start_row, row_count)
          values (${st.importId}::uuid, ${st.orgId}::uuid, ${batch.startRow}, ${batch.rows})
          on conflict do nothing returning start_row as s`,
    );
    if (!claimed) throw new ImportMoved();
    const counts = await writeRows(tx, st, batch, plan, later);
    await deps.beforeCheckpoint?.({ startRow: batch.startRow, endRow, batchRows: batch.rows, attempt });
    await tx.execute(sql`
      update public.import_batches set created_count = ${counts.created}, updated_count = ${counts.updated},
             skipped_duplicate_count = ${counts.skipped}, rejected_count = ${counts.rejected}, suppressed_count = ${counts.suppressed}
      where import_id = ${st.importId}::uuid and start_row = ${batch.startRow}`);
    // Last statement: the import row stays locked only from here to the commit.
    await tx.execute(sql`
      update public.imports set processed_rows = processed_rows + ${batch.rows}, created_count = created_count + ${counts.created},
             updated_count = updated_count + ${counts.updated}, skipped_duplicate_count = skipped_duplicate_count + ${counts.skipped},
             rejected_count = rejected_count + ${counts.rejected}, suppressed_count = suppressed_count + ${counts.suppressed}
      where id = ${st.importId}::uuid`);
    return counts;
  });
  for (const [k, v] of later) st.companies.set(k, v);
  return counts;
}

/**
 * Inserts and merges a planned batch. Rows whose insert met a lead written concurrently (by another
 * import or a user) go round again as duplicates of it, planned against the leads that exist then.
 */
async function writeRows(tx: Db, st: TJobState, batch: TPrepared, first: TPlan, newCompanies: Map<string, TResolvedCompany>): Promise<TCounts> {
  const counts: TCounts = { created: 0, updated: 0, skipped: 0, rejected: 0, suppressed: 0 };
  const rejections = [...batch.rejections];
  const allLeadIds = new Set<string>();
  let candidates = batch.candidates;
  const inserts: TInsert[] = [];
  const updates: TUpdate[] = [];
  for (let round = 0; candidates.length && round < 3; round++) {
    const plan = round === 0 ? first : planBatch(candidates, await existingLeads(tx, st.orgId, candidates.map((c) => c.lead)), st.mode, st.importId);
    counts.updated += plan.updated;
    counts.skipped += plan.skippedDuplicate;
    for (const id of plan.leadIds) allLeadIds.add(id);
    const companyOf = await companies(tx, st, [...plan.inserts, ...plan.updates].map((x) => x.lead), newCompanies);
    const suppressedBy = plan.inserts.length ? await suppressions(tx, st.orgId, plan.inserts.map((x) => x.lead.email)) : new Map<string, string>();
    const inserted = await insertLeads(tx, st, plan.inserts, companyOf, suppressedBy);
    counts.created += inserted.size;
    counts.suppressed += plan.inserts.filter((x) => inserted.has(x.id) && x.lead.email && suppressedBy.has(x.lead.email)).length;
    inserts.push(...plan.inserts.filter((x) => inserted.has(x.id)));
    for (const x of plan.inserts) if (!inserted.has(x.id)) allLeadIds.delete(x.id);
    if (plan.updates.length) {
      const u = await updateLeads(tx, st, plan.updates, companyOf);
      counts.suppressed += u.suppressed;
      // A row that matched an existing lead but changed none of its fields ("update empty fields" with
      // nothing empty) is a duplicate, not an update.
      counts.updated -= u.unchanged;
      counts.skipped += u.unchanged;
      updates.push(...plan.updates);
    }
    candidates = plan.inserts.filter((x) => !inserted.has(x.id)).map((x) => ({ rowNumber: x.rowNumber, lead: x.lead }));
  }
  for (const c of candidates) rejections.push({ rowNumber: c.rowNumber, reason: 'Another lead with this email or LinkedIn URL was being saved at the same time; import this row again.', raw: [] });
  counts.rejected = rejections.length;
  await memberships(tx, st, [...allLeadIds], [...inserts, ...updates]);
  if (rejections.length) {
    await tx.execute(sql`
      insert into public.import_rejections (import_id, org_id, row_number, reason, raw)
      select ${st.importId}::uuid, ${st.orgId}::uuid, v.n, v.reason, v.raw::jsonb
      from unnest(${arr(rejections.map((r) => r.rowNumber))}::int[], ${arr(rejections.map((r) => r.reason.slice(0, 500)))}::text[],
                  ${arr(rejections.map((r) => JSON.stringify(r.raw)))}::text[]) as v(n, reason, raw)
      on conflict do nothing`);
  }
  return counts;
}

/**
 * The live leads with any of these emails or LinkedIn URLs. One probe of the unique index per key
 * (`offset 0` keeps each lateral lookup a parameterized index scan): a plan built from statistics that
 * predate this import would otherwise scan every lead of the organization once per batch.
 */
async function existingLeads(tx: Db, orgId: string, leads: TImportLead[]): Promise<TExistingLead[]> {
  const emails = [...new Set(leads.map((l) => l.email).filter((e): e is string => Boolean(e)))];
  const urls = [...new Set(leads.map((l) => l.linkedinUrl).filter((e): e is string => Boolean(e)))];
  if (!emails.length && !urls.length) return [];
  return rows<TExistingLead>(
    tx,
    sql`select l.id, l.email, l.linkedin_url as "linkedinUrl", l.import_id as "importId"
        from unnest(${arr(emails)}::text[]) as k(v)
        cross join lateral (select id, email, linkedin_url, import_id from public.leads
                            where org_id = ${orgId}::uuid and deleted_at is null and email = k.v offset 0) l
        union all
        select l.id, l.email, l.linkedin_url, l.import_id
        from unnest(${arr(urls)}::text[]) as k(v)
        cross join lateral (select id, email, linkedin_url, import_id from public.leads
                            where org_id = ${orgId}::uuid and deleted_at is null and linkedin_url = k.v offset 0) l`,
  );
}

async function companies(tx: Db, st: TJobState, leads: TImportLead[], created: Map<string, TResolvedCompany>): Promise<(l: TImportLead) => TResolvedCompany | null> {
  const wanted: TCompanyCandidate[] = [];
  for (const l of leads) if (l.company && !st.companies.has(companyKey(l.company))) wanted.push(l.company);
  if (wanted.length) await resolveCompanies(tx, st.orgId, wanted, created);
  return (l) => (l.company ? (st.companies.get(companyKey(l.company)) ?? created.get(companyKey(l.company)) ?? null) : null);
}

/** email → reason, for the emails (or their domains) on the suppression list. */
async function suppressions(tx: Db, orgId: string, emails: (string | null)[]): Promise<Map<string, string>> {
  const list = [...new Set(emails.filter((e): e is string => Boolean(e)))];
  const out = new Map<string, string>();
  if (!list.length) return out;
  const domains = [...new Set(list.map(emailDomain))];
  // One probe of the (org_id, kind, value) unique index per address and per domain.
  const hits = await rows<{ kind: 'email' | 'domain'; value: string; reason: string }>(
    tx,
    sql`select s.kind, s.value, s.reason
        from unnest(${arr([...list.map(() => 'email'), ...domains.map(() => 'domain')])}::text[], ${arr([...list, ...domains])}::text[]) as k(kind, value)
        cross join lateral (select kind, value, reason from public.suppressions
                            where org_id = ${orgId}::uuid and kind = k.kind and value = k.value offset 0) s`,
  );
  if (!hits.length) return out;
  const byEmail = new Map(hits.filter((h) => h.kind === 'email').map((h) => [h.value, h.reason]));
  const byDomain = new Map(hits.filter((h) => h.kind === 'domain').map((h) => [h.value, h.reason]));
  for (const e of list) {
    const reason = byEmail.get(e) ?? byDomain.get(emailDomain(e));
    if (reason) out.set(e, reason);
  }
  return out;
}

/**
 * Inserts new leads (no timeline event rows: their origin is read from import_id). The batch was
 * planned against the leads that exist, so a plain INSERT is tried first (inside a savepoint; ON
 * CONFLICT's speculative insertion costs about a fifth more); if a lead written concurrently collides,
 * the savepoint is rolled back and the same rows go in with ON CONFLICT DO NOTHING, the missing ones
 * being retried as duplicates.
 */
async function insertLeads(
  tx: Db,
  st: TJobState,
  items: TInsert[],
  companyOf: (l: TImportLead) => TResolvedCompany | null,
  suppressedBy: Map<string, string>,
): Promise<Set<string>> {
  if (!items.length) return new Set();
  // In key order, so that two transactions inserting some of the same people lock them in the same order.
  const sorted = [...items].sort(byKeys);
  const statement = (onConflict: boolean) => insertStatement(st, sorted, companyOf, suppressedBy, onConflict);
  try {
    // A nested transaction is a savepoint the driver knows about (postgres.js fails the whole
    // transaction on any error it saw, even a caught one, unless it ran in its own savepoint scope).
    const inserted = await tx.transaction((sp) => rows<{ id: string }>(sp as unknown as Db, statement(false)));
    return new Set(inserted.map((r) => r.id));
  } catch (e) {
    if (findCode(e) !== '23505') throw e;
    return new Set((await rows<{ id: string }>(tx, statement(true))).map((r) => r.id));
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byKeys = (a: TInsert, b: TInsert) => cmp(a.lead.email ?? '', b.lead.email ?? '') || cmp(a.lead.linkedinUrl ?? '', b.lead.linkedinUrl ?? '');

function findCode(e: unknown): string | undefined {
  for (let cur: unknown = e, i = 0; cur && i < 5; i++, cur = (cur as { cause?: unknown }).cause) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

function insertStatement(
  st: TJobState,
  items: TInsert[],
  companyOf: (l: TImportLead) => TResolvedCompany | null,
  suppressedBy: Map<string, string>,
  onConflict: boolean,
) {
  const col = <T>(f: (l: TImportLead) => T | null | undefined) => arr(items.map((x) => f(x.lead) ?? null));
  return sql`insert into public.leads (id, org_id, company_id, company_name, email, phone, whatsapp, first_name, last_name, title, seniority,
                                    department, linkedin_url, website, city, state, country, timezone, status, source, custom_fields,
                                    suppressed_at, suppressed_reason, import_id)
          select v.id, ${st.orgId}::uuid, v.company_id, v.company_name, v.email, v.phone, v.whatsapp, v.first_name, v.last_name, v.title,
                 v.seniority, v.department, v.linkedin_url, v.website, v.city, v.state, v.country, v.timezone, coalesce(v.status, 'new'),
                 coalesce(v.source, 'import'), coalesce(v.custom_fields::jsonb, '{}'::jsonb), case when v.sup is not null then now() end, v.sup,
                 ${st.importId}::uuid
          from unnest(${arr(items.map((x) => x.id))}::uuid[], ${col((l) => companyOf(l)?.id)}::uuid[], ${col((l) => companyOf(l)?.name)}::text[],
                      ${col((l) => l.email)}::text[], ${col((l) => l.phone)}::text[], ${col((l) => l.whatsapp)}::text[], ${col((l) => l.firstName)}::text[],
                      ${col((l) => l.lastName)}::text[], ${col((l) => l.title)}::text[], ${col((l) => l.seniority)}::text[], ${col((l) => l.department)}::text[],
                      ${col((l) => l.linkedinUrl)}::text[], ${col((l) => l.website)}::text[], ${col((l) => l.city)}::text[], ${col((l) => l.state)}::text[],
                      ${col((l) => l.country)}::text[], ${col((l) => l.timezone)}::text[], ${col((l) => l.status)}::text[], ${col((l) => l.source)}::text[],
                      ${col((l) => (Object.keys(l.customFields).length ? JSON.stringify(l.customFields) : null))}::text[],
                      ${col((l) => (l.email ? suppressedBy.get(l.email) : null))}::text[])
               as v(id, company_id, company_name, email, phone, whatsapp, first_name, last_name, title, seniority, department, linkedin_url, website,
                    city, state, country, timezone, status, source, custom_fields, sup)
          ${onConflict ? sql`on conflict do nothing` : sql``}
          returning id`;
}

/** Merges rows into existing leads (fill_empty / overwrite); returns how many became suppressed. */
/** Fields an import can change on an existing lead (compared before and after to tell a real update). */
const MERGED_COLUMNS = 'email, linkedin_url, phone, whatsapp, first_name, last_name, title, seniority, department, website, city, state, country, timezone, status, company_id, company_name, custom_fields';

/**
 * Merges rows into existing leads by the mode. Returns how many leads it marked suppressed, and how many
 * leads from before this import it left exactly as they were.
 */
async function updateLeads(
  tx: Db, st: TJobState, items: TUpdate[], companyOf: (l: TImportLead) => TResolvedCompany | null,
): Promise<{ suppressed: number; unchanged: number }> {
  const fill = st.mode === 'fill_empty';
  const pick = (c: string) => sql.raw(fill ? `coalesce(l.${c}, v.${c})` : `coalesce(v.${c}, l.${c})`);
  const col = <T>(f: (l: TImportLead) => T | null | undefined) => arr(items.map((x) => f(x.lead) ?? null));
  // A key another live lead holds is never copied (the unique indexes would refuse the whole batch).
  const keyGuard = (c: 'email' | 'linkedin_url') =>
    sql.raw(`case when v.${c} is null or exists (select 1 from public.leads o where o.org_id = l.org_id and o.${c} = v.${c} and o.id <> l.id and o.deleted_at is null)
                  then l.${c} else ${fill ? `coalesce(l.${c}, v.${c})` : `v.${c}`} end`);
  const ids = arr(items.map((x) => x.id));
  const cols = sql.raw(MERGED_COLUMNS);
  const before = sql.raw(MERGED_COLUMNS.split(', ').map((c) => `o.${c}`).join(', '));
  const after = sql.raw(MERGED_COLUMNS.split(', ').map((c) => `l.${c}`).join(', '));
  const updated = await rows<{ id: string; foreign: boolean; changed: boolean }>(
    tx,
    sql`with o as (select id, ${cols} from public.leads where id = any(${ids}::uuid[]) and org_id = ${st.orgId}::uuid)
        update public.leads l set
          email = ${keyGuard('email')}, linkedin_url = ${keyGuard('linkedin_url')},
          phone = ${pick('phone')}, whatsapp = ${pick('whatsapp')}, first_name = ${pick('first_name')}, last_name = ${pick('last_name')},
          title = ${pick('title')}, seniority = ${pick('seniority')}, department = ${pick('department')}, website = ${pick('website')},
          city = ${pick('city')}, state = ${pick('state')}, country = ${pick('country')}, timezone = ${pick('timezone')},
          status = ${fill ? sql`l.status` : sql`coalesce(v.status, l.status)`},
          company_id = ${fill ? sql`coalesce(l.company_id, v.company_id)` : sql`coalesce(v.company_id, l.company_id)`},
          company_name = ${fill ? sql`case when l.company_id is null and v.company_id is not null then v.company_name else l.company_name end`
                                : sql`case when v.company_id is not null then v.company_name else l.company_name end`},
          custom_fields = ${fill ? sql`coalesce(v.custom_fields::jsonb, '{}'::jsonb) || l.custom_fields` : sql`l.custom_fields || coalesce(v.custom_fields::jsonb, '{}'::jsonb)`}
        from unnest(${ids}::uuid[], ${arr(items.map((x) => (x.ownImport ? 'own' : 'foreign')))}::text[], ${col((l) => companyOf(l)?.id)}::uuid[],
                    ${col((l) => companyOf(l)?.name)}::text[], ${col((l) => l.email)}::text[], ${col((l) => l.phone)}::text[], ${col((l) => l.whatsapp)}::text[],
                    ${col((l) => l.firstName)}::text[], ${col((l) => l.lastName)}::text[], ${col((l) => l.title)}::text[], ${col((l) => l.seniority)}::text[],
                    ${col((l) => l.department)}::text[], ${col((l) => l.linkedinUrl)}::text[], ${col((l) => l.website)}::text[], ${col((l) => l.city)}::text[],
                    ${col((l) => l.state)}::text[], ${col((l) => l.country)}::text[], ${col((l) => l.timezone)}::text[], ${col((l) => l.status)}::text[],
                    ${col((l) => (Object.keys(l.customFields).length ? JSON.stringify(l.customFields) : null))}::text[])
             as v(id, foreign_lead, company_id, company_name, email, phone, whatsapp, first_name, last_name, title, seniority, department, linkedin_url,
                  website, city, state, country, timezone, status, custom_fields)
        , o
        where l.id = v.id and o.id = l.id and l.org_id = ${st.orgId}::uuid and l.deleted_at is null
        returning l.id, v.foreign_lead = 'foreign' as foreign, (${after}) is distinct from (${before}) as changed`,
  );
  const foreign = updated.filter((u) => u.foreign && u.changed).map((u) => u.id);
  const unchanged = updated.filter((u) => u.foreign && !u.changed).length;
  if (foreign.length) {
    await tx.execute(sql`
      insert into public.lead_events (org_id, lead_id, type, summary, data)
      select ${st.orgId}::uuid, id, 'import_updated', ${`Updated by the import of ${st.fileName}`.slice(0, 1000)},
             ${JSON.stringify({ importId: st.importId, fileName: st.fileName, mode: st.mode })}::jsonb
      from unnest(${arr(foreign)}::uuid[]) as id`);
  }
  const marked = await one<{ n: number }>(
    tx,
    sql`with m as (
          update public.leads l set suppressed_at = now(), suppressed_reason = (
              select s.reason from public.suppressions s
              where s.org_id = l.org_id and ((s.kind = 'email' and s.value = l.email) or (s.kind = 'domain' and s.value = split_part(l.email, '@', 2)))
              order by s.kind limit 1)
          where l.id = any(${arr(updated.map((u) => u.id))}::uuid[]) and l.suppressed_at is null and l.email is not null
            and app.is_suppressed(l.org_id, l.email)
          returning 1)
        select count(*)::int as n from m`,
  );
  return { suppressed: marked?.n ?? 0, unchanged };
}

/** The import's list and tags for every row's lead; per-row Tags and Lists columns for created and merged leads. */
async function memberships(tx: Db, st: TJobState, leadIds: string[], written: (TInsert | TUpdate)[]): Promise<void> {
  const tagPairs: [string, string][] = [];
  const listPairs: [string, string][] = [];
  const tagNames = new Set<string>();
  const listNames = new Set<string>();
  for (const w of written) {
    for (const t of w.lead.tags) tagNames.add(t);
    for (const l of w.lead.lists) listNames.add(l);
  }
  const tagIds = tagNames.size ? await ensureTags(tx, st.orgId, [...tagNames]) : new Map<string, string>();
  const listIds = listNames.size ? await ensureListsByName(tx, st.orgId, [...listNames], st.createdBy) : new Map<string, string>();
  for (const w of written) {
    for (const t of w.lead.tags) tagPairs.push([tagIds.get(t.toLowerCase())!, w.id]);
    for (const l of w.lead.lists) listPairs.push([listIds.get(l.toLowerCase())!, w.id]);
  }
  for (const id of leadIds) {
    for (const t of st.optionTagIds) tagPairs.push([t, id]);
    if (st.options.listId) listPairs.push([st.options.listId, id]);
  }
  if (tagPairs.length) {
    await tx.execute(sql`insert into public.lead_tags (tag_id, lead_id, org_id)
                         select t, l, ${st.orgId}::uuid from unnest(${arr(tagPairs.map((p) => p[0]))}::uuid[], ${arr(tagPairs.map((p) => p[1]))}::uuid[]) as v(t, l)
                         on conflict do nothing`);
  }
  if (listPairs.length) {
    await tx.execute(sql`insert into public.list_members (list_id, lead_id, org_id)
                         select t, l, ${st.orgId}::uuid from unnest(${arr(listPairs.map((p) => p[0]))}::uuid[], ${arr(listPairs.map((p) => p[1]))}::uuid[]) as v(t, l)
                         on conflict do nothing`);
  }
}

/** Ids of lists with these names (lower-cased keys), creating the missing ones. */
async function ensureListsByName(tx: Db, orgId: string, names: string[], createdBy: string | null): Promise<Map<string, string>> {
  // In name order: concurrent batches creating the same new lists wait for each other, never deadlock.
  const unique = [...new Map(names.map((n) => [n.trim().toLowerCase(), n.trim()])).entries()].filter(([k]) => k).sort(([a], [b]) => cmp(a, b)).map(([, v]) => v);
  await tx.execute(sql`insert into public.lists (org_id, name, created_by) select ${orgId}::uuid, n, ${createdBy}::uuid from unnest(${arr(unique)}::text[]) n
                       on conflict (org_id, lower(name)) do nothing`);
  const r = await rows<{ id: string; lname: string }>(
    tx,
    sql`select id, lower(name) as lname from public.lists where org_id = ${orgId}::uuid and lower(name) = any(${arr(unique.map((n) => n.toLowerCase()))}::text[])`,
  );
  return new Map(r.map((x) => [x.lname, x.id]));
}
