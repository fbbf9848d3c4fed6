/**
 * What an uploaded file is and how its text is encoded: CSV or XLSX by content (not by name), UTF-8
 * with or without BOM, UTF-16 LE/BE (BOM, or the zero-byte pattern without one), Windows-1252 when
 * the bytes are not valid UTF-8; binary files renamed .csv are refused with a reason. Pure: no I/O.
 */
import { AppError } from '@/lib/errors';

export type TEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type TFileKind = 'csv' | 'xlsx';

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);
const ascii = (b: Uint8Array, n: number) => Buffer.from(b.buffer, b.byteOffset, Math.min(n, b.byteLength)).toString('latin1');

/** CSV or XLSX, judged by the bytes; throws INVALID_INPUT with a clear reason for anything else. */
export function sniffFileKind(bytes: Uint8Array, fileName = ''): TFileKind {
  if (bytes.byteLength === 0) throw new AppError('INVALID_INPUT', 'The file is empty.');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const head = ascii(bytes, 4096);
    if (head.includes('[Content_Types].xml') || head.includes('xl/') || /\.xlsx$/i.test(fileName)) return 'xlsx';
    throw new AppError('INVALID_INPUT', 'This file is a ZIP archive, not a spreadsheet. Upload a CSV or an .xlsx file.');
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new AppError('INVALID_INPUT', 'This looks like an old Excel workbook (.xls). Save it as .xlsx or CSV and upload it again.');
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) throw new AppError('INVALID_INPUT', 'This file is a PDF, not a spreadsheet. Upload a CSV or an .xlsx file.');
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff]) || startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) {
    throw new AppError('INVALID_INPUT', 'This file is an image, not a spreadsheet. Upload a CSV or an .xlsx file.');
  }
  return 'csv';
}

/** The text encoding and BOM length of CSV bytes. */
export function detectEncoding(bytes: Uint8Array): { encoding: TEncoding; bom: number } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8-bom', bom: 3 };
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: 'utf-16le', bom: 2 };
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: 'utf-16be', bom: 2 };
  const n = Math.min(bytes.byteLength, 4096) & ~1;
  if (n >= 4) {
    let evenZero = 0;
    let oddZero = 0;
    for (let i = 0; i < n; i += 2) {
      if (bytes[i] === 0) evenZero++;
      if (bytes[i + 1] === 0) oddZero++;
    }
    const pairs = n / 2;
    if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return { encoding: 'utf-16le', bom: 0 };
    if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return { encoding: 'utf-16be', bom: 0 };
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { encoding: 'utf-8', bom: 0 };
  } catch {
    return { encoding: 'windows-1252', bom: 0 };
  }
}

const LABEL: Record<Exclude<TEncoding, 'windows-1252'>, string> = {
  'utf-8': 'utf-8',
  'utf-8-bom': 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

// Node 20's TextDecoder('windows-1252') decodes as Latin-1; the WHATWG table differs in 0x80–0x9F.
const CP1252 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
].map((c) => String.fromCharCode(c));

export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (c) => CP1252[c.charCodeAt(0) - 0x80]!);
}

/** Decodes CSV bytes (BOM removed) and refuses binary content. */
export function decodeText(bytes: Uint8Array, enc: { encoding: TEncoding; bom: number } = detectEncoding(bytes)): string {
  const body = bytes.subarray(enc.bom);
  const text =
    enc.encoding === 'windows-1252'
      ? decodeWindows1252(body)
      : new TextDecoder(LABEL[enc.encoding], { fatal: false, ignoreBOM: true }).decode(body);
  if (looksBinary(text)) {
    throw new AppError(
      'INVALID_INPUT',
      'This file is not a CSV: it contains binary data. Upload a CSV (UTF-8, UTF-16 or Windows-1252 text) or an .xlsx file.',
    );
  }
  if (text.trim() === '') throw new AppError('INVALID_INPUT', 'The file is empty.');
  return text;
}

/** Text with NUL bytes or more than 1 % control characters (other than tab, CR, LF, FF) is binary. */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 65_536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 || c === 0xfffd) control += c === 0 ? n : 1;
    else if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
    else if (c >= 0x7f && c <= 0x9f) control++;
  }
  return n > 0 && control > n * 0.01;
}
