/**
 * Export (L9) of any selection of leads as CSV or XLSX, streamed: each page is read in its own short
 * RLS transaction with keyset pagination, so a 100k-lead export never holds a transaction or the whole
 * result in memory. Columns are exactly the headers the importer recognises first (then custom fields by
 * label), cells are neutralised against CSV/formula injection, so an export imports back unchanged.
 */
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { rows, sql, type Db } from '@/db';
import { recordActorAudit } from '@/features/accounts';
import { csvLine, neutraliseCell } from './csv-safety';
import { findCustomFields, type TCustomField } from './custom-fields';
import { EXPORT_COLUMNS } from './fields';
import { countLeads } from './find-leads';
import { leadSelectionSql } from './lead-filter-sql';
import { ZLeadSelection, type TLeadSelection } from './schemas';
import type { TActor } from './types';

export type TRun = <T>(fn: (tx: Db) => Promise<T>) => Promise<T>;
export type TExport = { stream: ReadableStream<Uint8Array>; contentType: string; fileName: string; count: number };

const PAGE = 2000;

type TExportRow = Record<string, string | number | null> & { id: string; created_at: string; custom_fields: Record<string, unknown> | null };

/** Cell text for one export column of a row. */
function cells(r: TExportRow, custom: TCustomField[]): (string | number | null)[] {
  return [
    ...EXPORT_COLUMNS.map((c) => r[c.target] ?? null),
    ...custom.map((f) => {
      const v = r.custom_fields?.[f.key];
      return v === undefined || v === null ? null : (v as string | number);
    }),
  ];
}

async function page(tx: Db, where: ReturnType<typeof sql>, after: { at: string; id: string } | null): Promise<TExportRow[]> {
  return rows<TExportRow>(
    tx,
    sql`select l.id, to_json(l.created_at) #>> '{}' as created_at, l.email, l.first_name, l.last_name, l.phone, l.whatsapp, l.title, l.seniority,
               l.department, l.linkedin_url, l.website, l.city, l.state, l.country, l.timezone, l.status, l.source, l.custom_fields,
               (select string_agg(t.name, '; ' order by lower(t.name)) from public.lead_tags lt join public.tags t on t.id = lt.tag_id where lt.lead_id = l.id) as tags,
               (select string_agg(x.name, '; ' order by lower(x.name)) from public.list_members m join public.lists x on x.id = m.list_id where m.lead_id = l.id) as lists,
               c.name as "company.name", c.domain as "company.domain", c.website as "company.website", c.industry as "company.industry",
               c.size_range as "company.size_range", c.employee_count as "company.employee_count", c.revenue::text as "company.revenue",
               c.linkedin_url as "company.linkedin_url", c.phone as "company.phone", c.city as "company.city", c.state as "company.state",
               c.country as "company.country", c.description as "company.description", c.fit_score::int as "company.fit_score"
        from public.leads l
        left join public.companies c on c.id = l.company_id
        where ${where} ${after ? sql`and (l.created_at, l.id) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
        order by l.created_at desc, l.id desc
        limit ${PAGE}`,
  );
}

/**
 * Starts an export. `run` opens an RLS transaction as the caller (the route's asUser). The audit entry
 * ('leads.exported') is written before the first byte.
 */
export async function exportLeads(run: TRun, actor: TActor, input: { format: 'csv' | 'xlsx'; selection?: TLeadSelection }): Promise<TExport> {
  const selection = input.selection ? ZLeadSelection.parse(input.selection) : { filter: {} };
  const { custom, count } = await run(async (tx) => {
    const custom = await findCustomFields(tx, actor.orgId);
    const count = 'ids' in selection
      ? (await rows<{ n: number }>(tx, sql`select count(*)::int as n from public.leads l where ${await leadSelectionSql(tx, actor.orgId, selection)}`))[0]!.n
      : await countLeads(tx, actor.orgId, selection.filter);
    await recordActorAudit(tx, actor, {
      action: 'leads.exported', targetType: 'lead',
      metadata: { format: input.format, count, by: 'ids' in selection ? 'ids' : 'filter', ...('filter' in selection ? { filter: selection.filter } : {}) },
    });
    return { custom, count };
  });
  const header = [...EXPORT_COLUMNS.map((c) => c.header), ...custom.map((f) => f.label)];
  let after: { at: string; id: string } | null = null;
  let done = false;
  const nextPage = async (): Promise<TExportRow[]> => {
    if (done) return [];
    const r = await run(async (tx) => page(tx, await leadSelectionSql(tx, actor.orgId, selection), after));
    if (r.length < PAGE) done = true;
    const last = r[r.length - 1];
    if (last) after = { at: last.created_at, id: last.id };
    return r;
  };
  const stamp = new Date().toISOString().slice(0, 10);

  if (input.format === 'csv') {
    const enc = new TextEncoder();
    let started = false;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          if (!started) {
            started = true;
            controller.enqueue(enc.encode(`\uFEFF${csvLine(header)}\r\n`));
            return;
          }
          const r = await nextPage();
          if (!r.length) return controller.close();
          controller.enqueue(enc.encode(r.map((x) => `${csvLine(cells(x, custom))}\r\n`).join('')));
          if (done) controller.close();
        } catch (e) {
          controller.error(e);
        }
      },
    });
    return { stream, contentType: 'text/csv; charset=utf-8', fileName: `leads-${stamp}.csv`, count };
  }

  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('Leads');
  void (async () => {
    try {
      ws.addRow(header).commit();
      for (;;) {
        const r = await nextPage();
        for (const x of r) {
          // Text cells only (numbers too), neutralised: a spreadsheet never evaluates imported text.
          ws.addRow(cells(x, custom).map((v) => (v === null ? null : neutraliseCell(String(v))))).commit();
        }
        if (!r.length || done) break;
        if (out.writableNeedDrain) await new Promise((res) => out.once('drain', res));
      }
      ws.commit();
      await wb.commit();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  return {
    stream: Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName: `leads-${stamp}.xlsx`,
    count,
  };
}
