import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { cellText, csvRecords, detectFormat, openSheet, type TSheetRow } from '../../../src/features/leads/file-reader';

async function all(bytes: Uint8Array, name = 'x.csv', batchSize = 2): Promise<{ headers: string[]; rows: TSheetRow[]; batches: number }> {
  const sheet = await openSheet(bytes, detectFormat(bytes, name), { batchSize });
  const rows: TSheetRow[] = [];
  let batches = 0;
  for await (const b of sheet.batches) {
    batches++;
    rows.push(...b);
  }
  return { headers: sheet.headers, rows, batches };
}

describe('CSV reading', () => {
  it('streams rows in batches with spreadsheet row numbers, skipping blank lines', async () => {
    const csv = 'Email,Name\r\na@x.io,A\r\n\r\nb@x.io,B\r\nc@x.io,C\r\n';
    const r = await all(Buffer.from(csv));
    expect(r.headers).toEqual(['Email', 'Name']);
    expect(r.rows.map((x) => [x.rowNumber, x.cells])).toEqual([[2, ['a@x.io', 'A']], [4, ['b@x.io', 'B']], [5, ['c@x.io', 'C']]]);
    expect(r.batches).toBe(2);
  });

  it('keeps embedded newlines, delimiters and escaped quotes inside quoted values', async () => {
    const csv = 'Email,Note\na@x.io,"line one\nline two, with comma and ""quotes"""\nb@x.io,plain\n';
    const r = await all(Buffer.from(csv));
    expect(r.rows[0]!.cells[1]).toBe('line one\nline two, with comma and "quotes"');
    // Row numbers count records, as spreadsheet apps show them, not physical lines.
    expect(r.rows[1]).toEqual({ rowNumber: 3, cells: ['b@x.io', 'plain'] });
  });

  it('marks ragged rows with the reason and tolerates a trailing delimiter', async () => {
    const csv = 'Email,First,Last\na@x.io,A\nb@x.io,B,C,extra\nc@x.io,C,D,\n';
    const r = await all(Buffer.from(csv));
    expect(r.rows[0]!.problem).toBe('The row has 2 values but the header has 3 columns.');
    expect(r.rows[1]!.problem).toBe('The row has 4 values but the header has 3 columns.');
    expect(r.rows[2]!.problem).toBeUndefined();
    expect(r.rows[2]!.cells).toEqual(['c@x.io', 'C', 'D']);
  });

  it('stops at an unbalanced quote, naming the row where it opened', async () => {
    const csv = 'Email,Name\na@x.io,A\nb@x.io,"Broken\nc@x.io,C\n';
    await expect(all(Buffer.from(csv))).rejects.toThrow(/Row 3 opens a quote/);
  });

  it('finds an unbalanced quote early in a large file without reading the rest as one value', () => {
    const big = `a,b\n1,"open\n${'x,y\n'.repeat(700_000)}`;
    expect(() => [...csvRecords(big, ',', 65_536)]).toThrow(/Row 2 opens a quote/);
  });

  it('marks a misplaced quote as a row problem', async () => {
    const csv = 'Email,Name,Note\na@x.io,"A"B,"c"\nb@x.io,B,C\n';
    const r = await all(Buffer.from(csv));
    expect(r.rows[0]!.problem).toMatch(/misplaced quote/);
    expect(r.rows[1]).toEqual({ rowNumber: 3, cells: ['b@x.io', 'B', 'C'] });
  });

  it('parses across chunk boundaries exactly like in one go', () => {
    const lines = ['h1,h2'];
    for (let i = 0; i < 500; i++) lines.push(i % 7 === 0 ? `"multi\r\nline ${i}","q ""${i}"""` : `v${i},w${i}`);
    const text = lines.join('\r\n') + '\r\n';
    const whole = [...csvRecords(text, ',', 1 << 20)].map((r) => r.cells);
    for (const size of [7, 64, 333]) expect([...csvRecords(text, ',', size)].map((r) => r.cells)).toEqual(whole);
    expect(whole[1]).toEqual(['multi\r\nline 0', 'q "0"']);
  });

  it('reads semicolon-separated Windows-1252 files', async () => {
    const bytes = Buffer.from([...Buffer.from('Email;Name\nz@x.io;Zo'), 0xeb, 0x0a]);
    const f = detectFormat(bytes);
    expect(f).toEqual({ kind: 'csv', encoding: 'windows-1252', delimiter: ';' });
    const semi = Buffer.from([...Buffer.from('Email;Name;City\nz@x.io;Zo'), 0xeb, ...Buffer.from(';K'), 0xf6, ...Buffer.from('ln\n')]);
    const r = await all(semi);
    expect(r.rows[0]!.cells).toEqual(['z@x.io', 'Zoë', 'Köln']);
  });

  it('names empty headers', async () => {
    const r = await all(Buffer.from('\uFEFFEmail,,Name\na,b,c\n'));
    expect(r.headers).toEqual(['Email', 'Column 2', 'Name']);
  });
});

describe('XLSX reading', () => {
  it('streams the first worksheet, with dates, numbers, rich text, formulas and links as text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Leads');
    ws.addRow(['Email', 'Name', 'Employees', 'Since', 'Site', 'Score']);
    ws.addRow(['a@x.io', { richText: [{ text: 'Ann ' }, { text: 'Lee' }] }, 250, new Date(Date.UTC(2024, 2, 5)), { text: 'acme.com', hyperlink: 'https://acme.com' }, { formula: '1+1', result: 2 }]);
    ws.addRow([]);
    ws.addRow(['b@x.io', 'Bo']);
    wb.addWorksheet('Other').addRow(['ignored']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(detectFormat(bytes, 'leads.xlsx')).toEqual({ kind: 'xlsx', encoding: null, delimiter: null });
    const r = await all(bytes, 'leads.xlsx', 100);
    expect(r.headers).toEqual(['Email', 'Name', 'Employees', 'Since', 'Site', 'Score']);
    expect(r.rows).toEqual([
      { rowNumber: 2, cells: ['a@x.io', 'Ann Lee', '250', '2024-03-05', 'acme.com', '2'] },
      { rowNumber: 4, cells: ['b@x.io', 'Bo', '', '', '', ''] },
    ]);
  });

  it('refuses a damaged workbook with a reason', async () => {
    const bytes = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('[Content_Types].xml garbage garbage')]);
    await expect(all(bytes, 'x.xlsx')).rejects.toThrow(/could not be read/);
  });

  it('turns cell values into text', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(new Date('2024-01-02T03:04:05.000Z'))).toBe('2024-01-02T03:04:05.000Z');
  });
});
