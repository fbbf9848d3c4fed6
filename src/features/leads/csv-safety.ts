/**
 * CSV injection (formula injection): a cell starting with = + - @ tab or CR is run as a formula by
 * spreadsheet apps. Exports prefix such cells with an apostrophe (OWASP's advice); the importer removes
 * exactly that prefix again, so an export imports back unchanged. Pure: no I/O.
 */
const DANGEROUS = /^[=+\-@\t\r]/;
const NEUTRALISED = /^'[=+\-@\t\r]/;

export function neutraliseCell(v: string): string {
  return DANGEROUS.test(v) ? `'${v}` : v;
}

export function restoreCell(v: string): string {
  return NEUTRALISED.test(v) ? v.slice(1) : v;
}

/** One CSV line (RFC 4180 quoting), cells neutralised. */
export function csvLine(cells: (string | number | null | undefined)[], delimiter = ','): string {
  return cells
    .map((c) => {
      const s = neutraliseCell(c == null ? '' : String(c));
      return /[",\r\n;\t]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(delimiter);
}
