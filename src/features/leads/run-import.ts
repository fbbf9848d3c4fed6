/**
 * The `leads.import` job body (L2). Streams the stored file, normalises each row, dedupes inside the
 * file and against existing leads (email, then LinkedIn URL) by the chosen mode, finds or creates
 * companies by domain then name, and writes each batch in one transaction with set-based statements
 * (INSERT … SELECT FROM unnest(…), ON CONFLICT when a concurrent writer collides; a created lead's
 * "Imported from" timeline entry is read from its import_id, see timeline.ts), rejected rows with their
 * reasons, and the checkpoint (processed_rows + counts).
 *
 * Resumable: a batch commits together with its checkpoint, so a crash leaves the rows it had not
 * reached untouched and the next attempt continues after the checkpoint. The checkpoint row is locked
 * and compared at the start of each batch, so two workers on one import cannot both write a batch.
 * Runs as the service role; every statement names the organization.
 */
import type { Logger } from 'pino';
import { asService, one, rows, sql, type Db } from '@/db';
import type { TCustomFieldType } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { openSheet, type TFileFormat, type TSheetRow } from './file-reader';
import { unpackFile } from './import-file';
import { compileMapping, normaliseImportRow, type TCompiledMapping, type TImportLead } from './import-row';
import { planBatch, type TCandidate, type TExistingLead, type TInsert, type TUpdate } from './import-plan';
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

export type TImportJobDeps = {
  db: Db;
  log?: Pick<Logger, 'info' | 'warn'>;
  /** Rows per transaction (default 5000). */
  batchSize?: number;
  /** Test seam: runs inside each batch's transaction after its writes, before its checkpoint. Throwing rolls the batch back. */
  beforeCheckpoint?: (info: { processedRows: number; batchRows: number }) => void | Promise<void>;
};

type TCounts = { created: number; updated: number; skipped: number; rejected: number; suppressed: number };
type TRejection = { rowNumber: number; reason: string; raw: string[] };
type TPrepared = { rows: number; candidates: TCandidate[]; rejections: TRejection[] };

/** Another worker took over this import: stop without touching it. */
class ImportMoved extends Error {}

const arr = (v: unknown[]) => sql.param(v);
const yieldNow = () => new Promise<void>((r) => setImmediate(r));

/** Normalises a batch (yielding to the event loop now and then, so a write in flight keeps moving). */
async function prepare(batch: TSheetRow[], m: TCompiledMapping): Promise<TPrepared> {
  const candidates: TCandidate[] = [];
  const rejections: TRejection[] = [];
  for (let i = 0; i < batch.length; i++) {
    const r = batch[i]!;
    if (r.problem) rejections.push({ rowNumber: r.rowNumber, reason: r.problem, raw: r.cells });
    else {
      const o = normaliseImportRow(r.cells, m);
      if (o.ok) candidates.push({ rowNumber: r.rowNumber, lead: o.lead });
      else rejections.push({ rowNumber: r.rowNumber, reason: o.reason, raw: r.cells });
    }
    if ((i & 1023) === 1023) await yieldNow();
  }
  return { rows: batch.length, candidates, rejections };
}

type TJobState = {
  importId: string;
  orgId: string;
  createdBy: string | null;
  fileName: string;
  mode: TDedupeMode;
  options: TImportOptions;
  optionTagIds: string[];
  companies: Map<string, TResolvedCompany>;
  processed: number;
};

export async function runImport(deps: TImportJobDeps, payload: TImportJobPayload): Promise<TImportSummary> {
  const { db } = deps;
  const batchSize = deps.batchSize ?? 5000;
  const imp = await asService(db, (tx) =>
    one<{
      status: string; processed_rows: number; total_rows: number; mapping: TMapping; options: unknown; file_type: 'csv' | 'xlsx'; encoding: string | null;
      delimiter: string | null; file_name: string; created_by: string | null; content: Uint8Array | null; content_encoding: string | null;
    }>(
      tx,
      sql`select i.status, i.processed_rows, i.total_rows, i.mapping, i.options, i.file_type, i.encoding, i.delimiter, i.file_name, i.created_by,
                 f.content, f.content_encoding
          from public.imports i left join public.import_files f on f.import_id = i.id
          where i.id = ${payload.importId}::uuid and i.org_id = ${payload.orgId}::uuid`,
    ),
  );
  if (!imp) throw new AppError('NOT_FOUND', 'That import does not exist.');
  if (imp.status === 'completed') return summary(db, payload);
  if (imp.status === 'uploaded') throw new AppError('INVALID_INPUT', 'This import has not been confirmed yet.');
  if (!imp.content) throw new AppError('NOT_FOUND', 'The uploaded file of this import is gone.');

  await asService(db, (tx) =>
    tx.execute(sql`update public.imports set status = 'running', attempts = attempts + 1, error = null, started_at = coalesce(started_at, now())
                   where id = ${payload.importId}::uuid`),
  );
  try {
    const options = ZImportOptions.parse(imp.options ?? {});
    const defs = await asService(db, (tx) =>
      rows<{ key: string; label: string; type: TCustomFieldType }>(tx, sql`select key, label, type from public.custom_field_definitions where org_id = ${payload.orgId}::uuid`),
    );
    const compiled = compileMapping(imp.mapping, defs);
    const optionTagIds = options.tags.length ? [...(await asService(db, (tx) => ensureTags(tx, payload.orgId, options.tags))).values()] : [];
    const state: TJobState = {
      importId: payload.importId, orgId: payload.orgId, createdBy: imp.created_by, fileName: imp.file_name, mode: options.dedupe, options,
      optionTagIds, companies: new Map(), processed: imp.processed_rows,
    };
    const format: TFileFormat = { kind: imp.file_type, encoding: imp.encoding as TFileFormat['encoding'], delimiter: imp.delimiter as TFileFormat['delimiter'] };
    const bytes = unpackFile(imp.content, imp.content_encoding ?? 'identity');
    const sheet = await openSheet(bytes, format, { batchSize });

    // Skip what earlier attempts stored; then prepare batch N+1 while batch N is written.
    let skip = imp.processed_rows;
    const next = async (): Promise<TPrepared | null> => {
      for (;;) {
        const r = await sheet.batches.next();
        if (r.done) return null;
        let batch = r.value;
        if (skip >= batch.length) {
          skip -= batch.length;
          continue;
        }
        if (skip) {
          batch = batch.slice(skip);
          skip = 0;
        }
        return prepare(batch, compiled);
      }
    };
    let current = await next();
    while (current) {
      const [, upcoming] = await Promise.all([writeBatch(deps, state, current), next()]);
      deps.log?.info({ importId: state.importId, processed: state.processed }, 'import batch stored');
      current = upcoming;
    }
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

async function writeBatch(deps: TImportJobDeps, st: TJobState, batch: TPrepared): Promise<void> {
  const newCompanies = new Map<string, TResolvedCompany>();
  await asService(deps.db, async (tx) => {
    // A batch commits with its checkpoint, so losing the last commits in a crash only means redoing them.
    // The trigram index takes new entries into its pending list and merges them in bulk at the end.
    await tx.execute(sql`select set_config('synchronous_commit', 'off', true), set_config('jit', 'off', true),
                                set_config('gin_pending_list_limit', '65536', true)`);
    const cp = await one<{ p: number }>(tx, sql`select processed_rows as p from public.imports where id = ${st.importId}::uuid for update`);
    if (!cp || cp.p !== st.processed) throw new ImportMoved();
    const counts = await writeRows(tx, st, batch, newCompanies);
    await deps.beforeCheckpoint?.({ processedRows: st.processed, batchRows: batch.rows });
    await tx.execute(sql`
      update public.imports set processed_rows = processed_rows + ${batch.rows}, created_count = created_count + ${counts.created},
             updated_count = updated_count + ${counts.updated}, skipped_duplicate_count = skipped_duplicate_count + ${counts.skipped},
             rejected_count = rejected_count + ${counts.rejected}, suppressed_count = suppressed_count + ${counts.suppressed}
      where id = ${st.importId}::uuid`);
  });
  // Only now that the batch is committed may its new companies serve later batches.
  for (const [k, v] of newCompanies) st.companies.set(k, v);
  st.processed += batch.rows;
}

async function writeRows(tx: Db, st: TJobState, batch: TPrepared, newCompanies: Map<string, TResolvedCompany>): Promise<TCounts> {
  const counts: TCounts = { created: 0, updated: 0, skipped: 0, rejected: batch.rejections.length, suppressed: 0 };
  const allLeadIds = new Set<string>();
  let candidates = batch.candidates;
  const inserts: TInsert[] = [];
  const updates: TUpdate[] = [];
  // Rows whose insert met a lead written concurrently go round again as duplicates of it.
  for (let round = 0; candidates.length && round < 3; round++) {
    const existing = await existingLeads(tx, st.orgId, candidates.map((c) => c.lead));
    const plan = planBatch(candidates, existing, st.mode, st.importId);
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
      counts.suppressed += await updateLeads(tx, st, plan.updates, companyOf);
      updates.push(...plan.updates);
    }
    candidates = plan.inserts.filter((x) => !inserted.has(x.id)).map((x) => ({ rowNumber: x.rowNumber, lead: x.lead }));
  }
  for (const c of candidates) batch.rejections.push({ rowNumber: c.rowNumber, reason: 'Another lead with this email or LinkedIn URL was being saved at the same time; import this row again.', raw: [] });
  counts.rejected = batch.rejections.length;
  await memberships(tx, st, [...allLeadIds], [...inserts, ...updates]);
  if (batch.rejections.length) {
    await tx.execute(sql`
      insert into public.import_rejections (import_id, org_id, row_number, reason, raw)
      select ${st.importId}::uuid, ${st.orgId}::uuid, v.n, v.reason, v.raw::jsonb
      from unnest(${arr(batch.rejections.map((r) => r.rowNumber))}::int[], ${arr(batch.rejections.map((r) => r.reason.slice(0, 500)))}::text[],
                  ${arr(batch.rejections.map((r) => JSON.stringify(r.raw)))}::text[]) as v(n, reason, raw)
      on conflict do nothing`);
  }
  return counts;
}

async function existingLeads(tx: Db, orgId: string, leads: TImportLead[]): Promise<TExistingLead[]> {
  const emails = [...new Set(leads.map((l) => l.email).filter((e): e is string => Boolean(e)))];
  const urls = [...new Set(leads.map((l) => l.linkedinUrl).filter((e): e is string => Boolean(e)))];
  if (!emails.length && !urls.length) return [];
  return rows<TExistingLead>(
    tx,
    sql`select id, email, linkedin_url as "linkedinUrl", import_id as "importId" from public.leads
        where org_id = ${orgId}::uuid and deleted_at is null and email = any(${arr(emails)}::text[])
        union
        select id, email, linkedin_url, import_id from public.leads
        where org_id = ${orgId}::uuid and deleted_at is null and linkedin_url = any(${arr(urls)}::text[])`,
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
  const hits = await rows<{ kind: 'email' | 'domain'; value: string; reason: string }>(
    tx,
    sql`select kind, value, reason from public.suppressions
        where org_id = ${orgId}::uuid and ((kind = 'email' and value = any(${arr(list)}::text[])) or (kind = 'domain' and value = any(${arr(domains)}::text[])))`,
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
 * Inserts new leads (their origin on the timeline is read from import_id: no event rows). The batch was planned against the
 * leads that exist, so a plain INSERT is tried first (inside a savepoint; ON CONFLICT's speculative
 * insertion costs about a fifth more); if a lead written concurrently collides, the savepoint is rolled
 * back and the same rows go in with ON CONFLICT DO NOTHING, the missing ones being retried as duplicates.
 */
async function insertLeads(
  tx: Db,
  st: TJobState,
  items: TInsert[],
  companyOf: (l: TImportLead) => TResolvedCompany | null,
  suppressedBy: Map<string, string>,
): Promise<Set<string>> {
  if (!items.length) return new Set();
  const statement = (onConflict: boolean) => insertStatement(st, items, companyOf, suppressedBy, onConflict);
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
async function updateLeads(tx: Db, st: TJobState, items: TUpdate[], companyOf: (l: TImportLead) => TResolvedCompany | null): Promise<number> {
  const fill = st.mode === 'fill_empty';
  const pick = (c: string) => sql.raw(fill ? `coalesce(l.${c}, v.${c})` : `coalesce(v.${c}, l.${c})`);
  const col = <T>(f: (l: TImportLead) => T | null | undefined) => arr(items.map((x) => f(x.lead) ?? null));
  // A key another live lead holds is never copied (the unique indexes would refuse the whole batch).
  const keyGuard = (c: 'email' | 'linkedin_url') =>
    sql.raw(`case when v.${c} is null or exists (select 1 from public.leads o where o.org_id = l.org_id and o.${c} = v.${c} and o.id <> l.id and o.deleted_at is null)
                  then l.${c} else ${fill ? `coalesce(l.${c}, v.${c})` : `v.${c}`} end`);
  const updated = await rows<{ id: string; foreign: boolean }>(
    tx,
    sql`update public.leads l set
          email = ${keyGuard('email')}, linkedin_url = ${keyGuard('linkedin_url')},
          phone = ${pick('phone')}, whatsapp = ${pick('whatsapp')}, first_name = ${pick('first_name')}, last_name = ${pick('last_name')},
          title = ${pick('title')}, seniority = ${pick('seniority')}, department = ${pick('department')}, website = ${pick('website')},
          city = ${pick('city')}, state = ${pick('state')}, country = ${pick('country')}, timezone = ${pick('timezone')},
          status = ${fill ? sql`l.status` : sql`coalesce(v.status, l.status)`},
          company_id = ${fill ? sql`coalesce(l.company_id, v.company_id)` : sql`coalesce(v.company_id, l.company_id)`},
          company_name = ${fill ? sql`case when l.company_id is null and v.company_id is not null then v.company_name else l.company_name end`
                                : sql`case when v.company_id is not null then v.company_name else l.company_name end`},
          custom_fields = ${fill ? sql`coalesce(v.custom_fields::jsonb, '{}'::jsonb) || l.custom_fields` : sql`l.custom_fields || coalesce(v.custom_fields::jsonb, '{}'::jsonb)`}
        from unnest(${arr(items.map((x) => x.id))}::uuid[], ${arr(items.map((x) => (x.ownImport ? 'own' : 'foreign')))}::text[], ${col((l) => companyOf(l)?.id)}::uuid[],
                    ${col((l) => companyOf(l)?.name)}::text[], ${col((l) => l.email)}::text[], ${col((l) => l.phone)}::text[], ${col((l) => l.whatsapp)}::text[],
                    ${col((l) => l.firstName)}::text[], ${col((l) => l.lastName)}::text[], ${col((l) => l.title)}::text[], ${col((l) => l.seniority)}::text[],
                    ${col((l) => l.department)}::text[], ${col((l) => l.linkedinUrl)}::text[], ${col((l) => l.website)}::text[], ${col((l) => l.city)}::text[],
                    ${col((l) => l.state)}::text[], ${col((l) => l.country)}::text[], ${col((l) => l.timezone)}::text[], ${col((l) => l.status)}::text[],
                    ${col((l) => (Object.keys(l.customFields).length ? JSON.stringify(l.customFields) : null))}::text[])
             as v(id, foreign_lead, company_id, company_name, email, phone, whatsapp, first_name, last_name, title, seniority, department, linkedin_url,
                  website, city, state, country, timezone, status, custom_fields)
        where l.id = v.id and l.org_id = ${st.orgId}::uuid and l.deleted_at is null
        returning l.id, v.foreign_lead = 'foreign' as foreign`,
  );
  const foreign = updated.filter((u) => u.foreign).map((u) => u.id);
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
  return marked?.n ?? 0;
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
  const unique = [...new Map(names.map((n) => [n.trim().toLowerCase(), n.trim()])).values()].filter(Boolean);
  await tx.execute(sql`insert into public.lists (org_id, name, created_by) select ${orgId}::uuid, n, ${createdBy}::uuid from unnest(${arr(unique)}::text[]) n
                       on conflict (org_id, lower(name)) do nothing`);
  const r = await rows<{ id: string; lname: string }>(
    tx,
    sql`select id, lower(name) as lname from public.lists where org_id = ${orgId}::uuid and lower(name) = any(${arr(unique.map((n) => n.toLowerCase()))}::text[])`,
  );
  return new Map(r.map((x) => [x.lname, x.id]));
}
