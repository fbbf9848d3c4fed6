/**
 * The import flow's user side (L2): upload (the file is checked, stored and read once to propose a
 * mapping and show a preview), preview with another mapping, confirm (queues the `leads.import` job),
 * retry a failed import, read progress, and download the rejected rows with their reasons.
 */
import { createHash } from 'node:crypto';
import { one, rows, sql, type Db } from '@/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { enqueue } from '@/lib/jobs';
import { createCustomField, findCustomFields } from './custom-fields';
import { csvLine } from './csv-safety';
import { assertOwned } from './create-lead';
import { detectFormat, openSheet, type TFileFormat, type TSheetRow } from './file-reader';
import { compileMapping, normaliseImportRow, type TImportLead } from './import-row';
import { detectLayout, LAYOUT_NAMES, mappingProblem, proposeMapping, type TCustomFieldDef, type TLayoutId, type TMapping } from './layouts';
import { ensureList } from './lists';
import { ZConfirmImport, ZImportOptions, type TConfirmImport, type TImportOptions } from './schemas';
import { importLeadsTask } from './tasks';
import { packFile, unpackFile } from './import-file';
import type { TActor } from './types';

export type TImportStatus = 'uploaded' | 'queued' | 'running' | 'completed' | 'failed';

export type TImport = {
  id: string;
  status: TImportStatus;
  fileName: string;
  fileType: 'csv' | 'xlsx';
  fileSize: number;
  encoding: string | null;
  delimiter: string | null;
  layout: TLayoutId | null;
  layoutName: string | null;
  headers: string[];
  mapping: TMapping;
  options: Partial<TImportOptions>;
  totalRows: number;
  processedRows: number;
  /** 0–100. */
  progress: number;
  counts: { created: number; updated: number; skippedDuplicate: number; rejected: number; suppressed: number };
  error: string | null;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export type TPreviewRow = { rowNumber: number; ok: true; lead: TImportLead } | { rowNumber: number; ok: false; reason: string };

export type TImportProposal = {
  import: TImport;
  layout: TLayoutId;
  layoutName: string;
  encoding: string | null;
  delimiter: string | null;
  headers: string[];
  mapping: TMapping;
  /** The first rows as they will be stored with the proposed mapping. */
  preview: TPreviewRow[];
  /** Things the user should know before confirming (a missing email/name column, unreadable rows). */
  warnings: string[];
};

export type TImportLimits = { maxBytes: number; maxRows: number };
const limits = (): TImportLimits => ({ maxBytes: env().IMPORT_MAX_BYTES, maxRows: env().IMPORT_MAX_ROWS });
const PREVIEW_ROWS = 10;

const mb = (n: number) => `${(n / 1_000_000).toFixed(n < 10_000_000 ? 1 : 0)} MB`;

const IMPORT_COLS = sql`i.id, i.status, i.file_name as "fileName", i.file_type as "fileType", i.file_size::float8 as "fileSize", i.encoding, i.delimiter,
  i.layout, i.headers, i.mapping, i.options, i.total_rows as "totalRows", i.processed_rows as "processedRows", i.created_count as created,
  i.updated_count as updated, i.skipped_duplicate_count as "skippedDuplicate", i.rejected_count as rejected, i.suppressed_count as suppressed,
  i.error, i.attempts, to_json(i.created_at) #>> '{}' as "createdAt", to_json(i.started_at) #>> '{}' as "startedAt",
  to_json(i.finished_at) #>> '{}' as "finishedAt"`;

type TImportRow = Omit<TImport, 'counts' | 'progress' | 'layoutName' | 'mapping'> & {
  mapping: TMapping | Record<string, never>;
  created: number; updated: number; skippedDuplicate: number; rejected: number; suppressed: number;
};

function toImport(r: TImportRow): TImport {
  const { created, updated, skippedDuplicate, rejected, suppressed, ...rest } = r;
  return {
    ...rest,
    mapping: 'columns' in r.mapping ? (r.mapping as TMapping) : { columns: [] },
    layoutName: r.layout ? LAYOUT_NAMES[r.layout] : null,
    progress: r.status === 'completed' ? 100 : r.totalRows ? Math.min(100, Math.floor((100 * r.processedRows) / r.totalRows)) : 0,
    counts: { created, updated, skippedDuplicate, rejected, suppressed },
  };
}

export async function getImport(db: Db, orgId: string, id: string): Promise<TImport> {
  const r = /^[0-9a-f-]{36}$/i.test(id)
    ? await one<TImportRow>(db, sql`select ${IMPORT_COLS} from public.imports i where i.id = ${id}::uuid and i.org_id = ${orgId}::uuid`)
    : undefined;
  if (!r) throw new AppError('NOT_FOUND', 'That import does not exist.');
  return toImport(r);
}

export async function findImports(db: Db, orgId: string, opts: { limit?: number } = {}): Promise<TImport[]> {
  const r = await rows<TImportRow>(
    db,
    sql`select ${IMPORT_COLS} from public.imports i where i.org_id = ${orgId}::uuid order by i.created_at desc, i.id desc limit ${Math.min(opts.limit ?? 50, 200)}`,
  );
  return r.map(toImport);
}

/** Reads the whole file once: headers, number of rows (refusing more than the limit), the first rows. */
async function scan(bytes: Uint8Array, format: TFileFormat, maxRows: number) {
  const sheet = await openSheet(bytes, format, { batchSize: 5000 });
  let total = 0;
  let problems = 0;
  let firstProblem: TSheetRow | undefined;
  const first: TSheetRow[] = [];
  for await (const batch of sheet.batches) {
    total += batch.length;
    if (total > maxRows) {
      throw new AppError('INVALID_INPUT', `The file has more than ${maxRows.toLocaleString('en')} rows. Split it into files of at most ${maxRows.toLocaleString('en')} rows and import them one after the other.`);
    }
    for (const r of batch) {
      if (first.length < PREVIEW_ROWS) first.push(r);
      if (r.problem) {
        problems++;
        firstProblem ??= r;
      }
    }
  }
  return { headers: sheet.headers, total, problems, firstProblem, first };
}

function previewRows(first: TSheetRow[], mapping: TMapping, defs: TCustomFieldDef[]): TPreviewRow[] {
  const m = compileMapping(mapping, defs);
  return first.map((r) => {
    if (r.problem) return { rowNumber: r.rowNumber, ok: false as const, reason: r.problem };
    const o = normaliseImportRow(r.cells, m);
    return o.ok ? { rowNumber: r.rowNumber, ok: true as const, lead: o.lead } : { rowNumber: r.rowNumber, ok: false as const, reason: o.reason };
  });
}

/**
 * Stores an uploaded file and proposes how to import it. Refuses, before any work, files over the size
 * limit, with more rows than the row limit, empty, binary, or with an unterminated quote.
 */
export async function startImport(
  db: Db,
  actor: TActor,
  file: { bytes: Uint8Array; fileName: string },
  lim: TImportLimits = limits(),
): Promise<TImportProposal> {
  const fileName = (file.fileName || 'upload.csv').replace(/[\\/\r\n\0]/g, '_').slice(-255);
  if (file.bytes.byteLength > lim.maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `The file is ${mb(file.bytes.byteLength)}; the limit is ${mb(lim.maxBytes)}. Split it into smaller files.`);
  }
  const format = detectFormat(file.bytes, fileName);
  const s = await scan(file.bytes, format, lim.maxRows);
  if (!s.headers.length) throw new AppError('INVALID_INPUT', 'The file is empty.');
  if (!s.total) throw new AppError('INVALID_INPUT', 'The file has a header row but no data rows.');
  const defs: TCustomFieldDef[] = (await findCustomFields(db, actor.orgId)).map((d) => ({ key: d.key, label: d.label, type: d.type }));
  const layout = detectLayout(s.headers);
  const mapping = proposeMapping(s.headers, defs, layout);
  const warnings: string[] = [];
  const problem = mappingProblem(mapping);
  if (problem) warnings.push(problem);
  if (s.problems) {
    warnings.push(
      `${s.problems.toLocaleString('en')} row${s.problems === 1 ? '' : 's'} cannot be read reliably (first: row ${s.firstProblem!.rowNumber}: ${s.firstProblem!.problem}) and will be rejected with that reason.`,
    );
  }
  const row = await one<{ id: string }>(
    db,
    sql`insert into public.imports (org_id, created_by, status, file_name, file_type, file_size, encoding, delimiter, layout, headers, mapping, total_rows)
        values (${actor.orgId}::uuid, ${actor.userId}::uuid, 'uploaded', ${fileName}, ${format.kind}, ${file.bytes.byteLength}, ${format.encoding},
                ${format.delimiter}, ${layout}, ${JSON.stringify(s.headers)}::jsonb, ${JSON.stringify(mapping)}::jsonb, ${s.total})
        returning id`,
  );
  const id = row!.id;
  const buf = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
  const packed = packFile(buf, format.kind);
  await db.execute(sql`insert into public.import_files (import_id, org_id, content, content_encoding, sha256)
                       values (${id}::uuid, ${actor.orgId}::uuid, ${packed.content}::bytea, ${packed.encoding}, ${createHash('sha256').update(buf).digest('hex')})`);
  return {
    import: await getImport(db, actor.orgId, id),
    layout,
    layoutName: LAYOUT_NAMES[layout],
    encoding: format.encoding,
    delimiter: format.delimiter,
    headers: s.headers,
    mapping,
    preview: previewRows(s.first, mapping, defs),
    warnings,
  };
}

/** The stored file of an import (RLS: members of its organization). */
export async function importFile(db: Db, orgId: string, id: string): Promise<{ bytes: Uint8Array; format: TFileFormat; fileName: string }> {
  const r = /^[0-9a-f-]{36}$/i.test(id)
    ? await one<{ content: Uint8Array; content_encoding: string; file_type: 'csv' | 'xlsx'; encoding: string | null; delimiter: string | null; file_name: string }>(
        db,
        sql`select f.content, f.content_encoding, i.file_type, i.encoding, i.delimiter, i.file_name from public.import_files f join public.imports i on i.id = f.import_id
            where f.import_id = ${id}::uuid and f.org_id = ${orgId}::uuid`,
      )
    : undefined;
  if (!r) throw new AppError('NOT_FOUND', 'That import does not exist.');
  return {
    bytes: unpackFile(r.content, r.content_encoding),
    format: { kind: r.file_type, encoding: r.encoding as TFileFormat['encoding'], delimiter: r.delimiter as TFileFormat['delimiter'] },
    fileName: r.file_name,
  };
}

/** The first rows as a given mapping would store them (the mapping screen's live preview). */
export async function previewImport(db: Db, orgId: string, id: string, mappingInput?: { columns: { index: number; target: string | null }[] }): Promise<TPreviewRow[]> {
  const imp = await getImport(db, orgId, id);
  const file = await importFile(db, orgId, id);
  const defs: TCustomFieldDef[] = (await findCustomFields(db, orgId)).map((d) => ({ key: d.key, label: d.label, type: d.type }));
  const mapping = mappingInput ? checkedMapping(imp.headers, mappingInput) : imp.mapping;
  const sheet = await openSheet(file.bytes, file.format, { batchSize: PREVIEW_ROWS });
  const first = await sheet.batches.next();
  await sheet.batches.return(undefined);
  return previewRows(first.done ? [] : first.value, mapping, defs);
}

function checkedMapping(headers: string[], input: { columns: { index: number; target: string | null }[] }): TMapping {
  const byIndex = new Map(input.columns.map((c) => [c.index, c.target]));
  for (const c of input.columns) {
    if (c.index >= headers.length) {
      throw new AppError('INVALID_INPUT', `The file has ${headers.length} columns; there is no column ${c.index + 1}.`, { fields: { mapping: ['Unknown column.'] } });
    }
  }
  return { columns: headers.map((header, index) => ({ index, header, target: (byIndex.get(index) ?? null) as TMapping['columns'][number]['target'] })) };
}

/** Confirms the mapping and options and queues the import job. */
export async function confirmImport(db: Db, actor: TActor, id: string, raw: TConfirmImport): Promise<TImport> {
  const input = ZConfirmImport.parse(raw);
  const imp = await one<{ status: TImportStatus; headers: string[] }>(
    db,
    sql`select status, headers from public.imports where id = ${id}::uuid and org_id = ${actor.orgId}::uuid for update`,
  );
  if (!imp) throw new AppError('NOT_FOUND', 'That import does not exist.');
  if (imp.status !== 'uploaded') throw new AppError('CONFLICT', 'This import has already been started.');
  const mapping = checkedMapping(imp.headers, input.mapping);
  const problem = mappingProblem(mapping);
  if (problem) throw new AppError('INVALID_INPUT', problem, { fields: { mapping: [problem] } });

  const defs = new Set((await findCustomFields(db, actor.orgId)).map((d) => d.key));
  for (const f of input.newCustomFields) {
    if (!defs.has(f.key)) {
      await createCustomField(db, actor, f);
      defs.add(f.key);
    }
  }
  const missing = mapping.columns.filter((c) => c.target?.startsWith('custom.') && !defs.has(c.target.slice(7)));
  for (const c of missing) {
    const key = c.target!.slice(7);
    if (defs.has(key)) continue;
    await createCustomField(db, actor, { key, label: c.header.trim().slice(0, 100) || key, type: 'text' });
    defs.add(key);
  }
  const options = ZImportOptions.parse(input.options);
  if (options.listId) await assertOwned(db, actor.orgId, 'lists', [options.listId]);
  if (options.newListName) options.listId = await ensureList(db, actor, options.newListName);
  const { newListName: _unused, ...stored } = options;
  void _unused;
  await db.execute(sql`update public.imports set mapping = ${JSON.stringify(mapping)}::jsonb, options = ${JSON.stringify(stored)}::jsonb, status = 'queued'
                       where id = ${id}::uuid and org_id = ${actor.orgId}::uuid`);
  const job = await enqueue(db, importLeadsTask, { importId: id, orgId: actor.orgId }, { idempotencyKey: `import:${id}:1`, orgId: actor.orgId });
  await db.execute(sql`update public.imports set job_run_id = ${job.id}::uuid where id = ${id}::uuid`);
  return getImport(db, actor.orgId, id);
}

/**
 * Discards an upload that was never confirmed (the mapping screen's "Discard upload"): the import and its
 * stored file are deleted. An import that has started keeps its record (its leads are in the table;
 * delete them there). Owners and admins may discard anyone's upload, members their own (RLS).
 */
export async function discardImport(db: Db, actor: TActor, id: string): Promise<{ id: string; deleted: true }> {
  const imp = await one<{ status: TImportStatus }>(db, sql`select status from public.imports where id = ${id}::uuid and org_id = ${actor.orgId}::uuid for update`);
  if (!imp) throw new AppError('NOT_FOUND', 'That import does not exist.');
  if (imp.status !== 'uploaded') {
    throw new AppError('CONFLICT', 'This import has already started, so it stays in the import history. To remove its leads, filter the leads table by this import and delete them.');
  }
  const r = await one<{ id: string }>(db, sql`delete from public.imports where id = ${id}::uuid and org_id = ${actor.orgId}::uuid and status = 'uploaded' returning id`);
  if (!r) throw new AppError('FORBIDDEN', 'Only the member who uploaded this file, or an owner or admin, can discard it.');
  return { id, deleted: true };
}

/** Queues a failed import again; it continues after the last row it stored. */
export async function retryImport(db: Db, actor: TActor, id: string): Promise<TImport> {
  const imp = await one<{ status: TImportStatus; attempts: number }>(
    db,
    sql`select status, attempts from public.imports where id = ${id}::uuid and org_id = ${actor.orgId}::uuid for update`,
  );
  if (!imp) throw new AppError('NOT_FOUND', 'That import does not exist.');
  if (imp.status !== 'failed') throw new AppError('CONFLICT', imp.status === 'completed' ? 'This import has finished.' : 'Only a failed import can be retried.');
  await db.execute(sql`update public.imports set status = 'queued', error = null where id = ${id}::uuid`);
  const job = await enqueue(db, importLeadsTask, { importId: id, orgId: actor.orgId }, { idempotencyKey: `import:${id}:retry:${imp.attempts}`, orgId: actor.orgId });
  await db.execute(sql`update public.imports set job_run_id = ${job.id}::uuid where id = ${id}::uuid`);
  return getImport(db, actor.orgId, id);
}

/** Rejected rows as CSV: row number, reason, then the row as it was in the file. Streamed page by page. */
export function importRejectionsCsv(run: <T>(fn: (tx: Db) => Promise<T>) => Promise<T>, orgId: string, id: string): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let after = 0;
  let headers: string[] | null = null;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (done) return controller.close();
        let chunk = '';
        if (!headers) {
          headers = (await run((tx) => getImport(tx, orgId, id))).headers;
          chunk += `\uFEFF${csvLine(['Row Number', 'Rejection Reason', ...headers])}\r\n`;
        }
        const page = await run((tx) =>
          rows<{ n: number; reason: string; raw: string[] }>(
            tx,
            sql`select row_number as n, reason, raw from public.import_rejections
                where import_id = ${id}::uuid and org_id = ${orgId}::uuid and row_number > ${after} order by row_number limit 2000`,
          ),
        );
        for (const r of page) chunk += `${csvLine([r.n, r.reason, ...r.raw])}\r\n`;
        if (page.length < 2000) done = true;
        else after = page[page.length - 1]!.n;
        controller.enqueue(enc.encode(chunk));
      } catch (e) {
        controller.error(e);
      }
    },
  });
}
