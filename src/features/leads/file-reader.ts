/**
 * Streams the rows of an uploaded CSV or XLSX file in batches, without materialising the whole sheet:
 * CSV through papaparse's incremental parser over the decoded text, XLSX through exceljs's streaming
 * reader. Row numbers are spreadsheet row numbers (the header is row 1). Rows that cannot be read
 * reliably (wrong number of values, a misplaced quote) carry a `problem` and are rejected by the
 * importer with that reason; an unterminated quote stops the file with the row where it opened.
 */
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { AppError } from '@/lib/errors';
import { detectDelimiter, detectNewline, type TDelimiter } from './delimiter';
import { decodeText, detectEncoding, sniffFileKind, type TEncoding, type TFileKind } from './encoding';

export type TFileFormat = { kind: TFileKind; encoding: TEncoding | null; delimiter: TDelimiter | null };
export type TSheetRow = { rowNumber: number; cells: string[]; problem?: string };
export type TSheet = { headers: string[]; batches: AsyncGenerator<TSheetRow[]> };

/** A single value longer than this is an unterminated quote, not data. */
const MAX_PENDING_CHARS = 2_000_000;

/** Detects the format (kind, encoding, delimiter) from the bytes. */
export function detectFormat(bytes: Uint8Array, fileName = ''): TFileFormat {
  const kind = sniffFileKind(bytes, fileName);
  if (kind === 'xlsx') return { kind, encoding: null, delimiter: null };
  const enc = detectEncoding(bytes);
  const text = decodeText(bytes, enc);
  return { kind, encoding: enc.encoding, delimiter: detectDelimiter(text) };
}

const blank = (cells: string[]) => cells.length === 0 || (cells.length === 1 && cells[0]!.trim() === '') || cells.every((c) => c.trim() === '');

/** Header names: trimmed, BOM-free, and "Column N" for empty ones. */
export function cleanHeaders(raw: string[]): string[] {
  return raw.map((h, i) => h.replace(/^\uFEFF/, '').trim() || `Column ${i + 1}`);
}

/** Raw CSV records with their 1-based record number (blank records included, for numbering). */
export function* csvRecords(text: string, delimiter: string, chunkSize = 1 << 20): Generator<{ n: number; cells: string[]; invalidQuotes: boolean }> {
  const newline = detectNewline(text);
  const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
  let base = 0;
  let pending = '';
  let n = 0;
  let offset = 0;
  while (offset < text.length || pending) {
    const chunk = text.slice(offset, offset + chunkSize);
    offset += chunk.length;
    const last = offset >= text.length;
    const input = pending + chunk;
    const r = parser.parse(input, base, !last) as Papa.ParseResult<string[]> & { meta: { cursor: number } };
    const invalid = new Set<number>();
    for (const e of r.errors) {
      if (e.code === 'MissingQuotes') {
        throw new AppError(
          'INVALID_INPUT',
          `Row ${n + (e.row ?? 0) + 1} opens a quote (") that is never closed, so the rest of the file would be read as one value. Fix the quotes in that row and upload the file again.`,
        );
      }
      if (e.code === 'InvalidQuotes' && e.row !== undefined) invalid.add(e.row);
    }
    for (let i = 0; i < r.data.length; i++) {
      n++;
      yield { n, cells: r.data[i]!, invalidQuotes: invalid.has(i) };
    }
    if (last) break;
    pending = input.slice(r.meta.cursor - base);
    base = r.meta.cursor;
    if (pending.length > MAX_PENDING_CHARS) {
      throw new AppError(
        'INVALID_INPUT',
        `Row ${n + 1} opens a quote (") that is never closed, so the rest of the file would be read as one value. Fix the quotes in that row and upload the file again.`,
      );
    }
  }
}

function shapeRow(n: number, cells: string[], width: number, invalidQuotes: boolean): TSheetRow {
  let c = cells;
  if (c.length > width) {
    // Trailing empty values (a trailing delimiter) are harmless; real extra values are not.
    let end = c.length;
    while (end > width && c[end - 1]!.trim() === '') end--;
    c = end === c.length ? c : c.slice(0, end);
  }
  const row: TSheetRow = { rowNumber: n, cells: c };
  if (invalidQuotes) row.problem = 'The row has a misplaced quote character (") so its values cannot be read reliably.';
  else if (c.length !== width) row.problem = `The row has ${c.length} value${c.length === 1 ? '' : 's'} but the header has ${width} columns.`;
  return row;
}

async function* csvBatches(text: string, delimiter: string, batchSize: number): AsyncGenerator<TSheetRow[]> {
  const it = csvRecords(text, delimiter);
  let width = -1;
  let batch: TSheetRow[] = [];
  for (const rec of it) {
    if (width < 0) {
      if (blank(rec.cells)) continue;
      width = rec.cells.length;
      continue;
    }
    if (blank(rec.cells)) continue;
    batch.push(shapeRow(rec.n, rec.cells, width, rec.invalidQuotes));
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

function csvHeaders(text: string, delimiter: string): string[] {
  for (const rec of csvRecords(text, delimiter, 65_536)) {
    if (!blank(rec.cells)) return cleanHeaders(rec.cells);
  }
  return [];
}

/** A cell of an exceljs row as text (numbers as written, dates as ISO, formulas by their result). */
export function cellText(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: ExcelJS.CellValue }).result);
    if ('hyperlink' in v) return String((v as { text?: unknown }).text ?? (v as { hyperlink: string }).hyperlink);
    if ('text' in v) return String((v as { text: unknown }).text);
    if ('error' in v) return '';
  }
  return String(v);
}

function xlsxCells(values: ExcelJS.CellValue[] | Record<string, ExcelJS.CellValue>): string[] {
  const arr = Array.isArray(values) ? values : [];
  const out: string[] = [];
  for (let i = 1; i < arr.length; i++) out.push(cellText(arr[i]));
  return out;
}

async function* xlsxRecords(bytes: Uint8Array): AsyncGenerator<{ n: number; cells: string[] }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  });
  try {
    for await (const ws of reader) {
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
        yield { n: row.number, cells: xlsxCells(row.values) };
      }
      return; // the first worksheet only
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('INVALID_INPUT', 'This .xlsx file could not be read (it may be damaged or password-protected). Open it in a spreadsheet app, save it again, and upload it.', { cause: e });
  }
}

async function* xlsxBatches(records: AsyncGenerator<{ n: number; cells: string[] }>, width: number, batchSize: number): AsyncGenerator<TSheetRow[]> {
  let batch: TSheetRow[] = [];
  for await (const rec of records) {
    if (blank(rec.cells)) continue;
    const cells = rec.cells.length < width ? [...rec.cells, ...new Array<string>(width - rec.cells.length).fill('')] : rec.cells;
    batch.push(shapeRow(rec.n, cells, width, false));
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** Opens a file: its headers and an async iterator of row batches (header excluded, blank rows skipped). */
export async function openSheet(bytes: Uint8Array, format: TFileFormat, opts: { batchSize?: number } = {}): Promise<TSheet> {
  const batchSize = opts.batchSize ?? 2000;
  if (format.kind === 'csv') {
    const text = decodeText(bytes, format.encoding ? { encoding: format.encoding, bom: bomLength(bytes, format.encoding) } : undefined);
    const delimiter = format.delimiter ?? detectDelimiter(text);
    return { headers: csvHeaders(text, delimiter), batches: csvBatches(text, delimiter, batchSize) };
  }
  const records = xlsxRecords(bytes);
  let headers: string[] = [];
  for (;;) {
    const r = await records.next();
    if (r.done) break;
    if (!blank(r.value.cells)) {
      headers = cleanHeaders(r.value.cells);
      break;
    }
  }
  return { headers, batches: xlsxBatches(records, headers.length, batchSize) };
}

function bomLength(bytes: Uint8Array, enc: TEncoding): number {
  if (enc === 'utf-8-bom') return 3;
  if ((enc === 'utf-16le' && bytes[0] === 0xff && bytes[1] === 0xfe) || (enc === 'utf-16be' && bytes[0] === 0xfe && bytes[1] === 0xff)) return 2;
  return 0;
}
