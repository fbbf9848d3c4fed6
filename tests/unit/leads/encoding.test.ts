import { describe, expect, it } from 'vitest';
import { decodeText, detectEncoding, looksBinary, sniffFileKind } from '../../../src/features/leads/encoding';

const utf16le = (s: string, bom = true) => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string, bom = true) => {
  const le = Buffer.from(s, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return Buffer.concat([bom ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0), be]);
};
const text = 'Email,Name\nzoë@example.com,Zoë Ågren\n';

describe('detectEncoding / decodeText', () => {
  it('reads UTF-8 without a BOM', () => {
    const b = Buffer.from(text, 'utf8');
    expect(detectEncoding(b)).toEqual({ encoding: 'utf-8', bom: 0 });
    expect(decodeText(b)).toBe(text);
  });
  it('reads UTF-8 with a BOM and drops it', () => {
    const b = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(detectEncoding(b)).toEqual({ encoding: 'utf-8-bom', bom: 3 });
    expect(decodeText(b)).toBe(text);
  });
  it('reads UTF-16 LE and BE with a BOM', () => {
    expect(detectEncoding(utf16le(text))).toEqual({ encoding: 'utf-16le', bom: 2 });
    expect(decodeText(utf16le(text))).toBe(text);
    expect(detectEncoding(utf16be(text))).toEqual({ encoding: 'utf-16be', bom: 2 });
    expect(decodeText(utf16be(text))).toBe(text);
  });
  it('recognises UTF-16 without a BOM by its zero bytes', () => {
    expect(detectEncoding(utf16le(text, false)).encoding).toBe('utf-16le');
    expect(decodeText(utf16le(text, false))).toBe(text);
    expect(detectEncoding(utf16be(text, false)).encoding).toBe('utf-16be');
    expect(decodeText(utf16be(text, false))).toBe(text);
  });
  it('falls back to Windows-1252 when the bytes are not UTF-8', () => {
    const b = Buffer.from([...Buffer.from('Name\nZo'), 0xeb, ...Buffer.from(' costs '), 0x80, 0x35, 0x0a, 0x93, 0x71, 0x94]); // ë, €, “q”
    expect(detectEncoding(b).encoding).toBe('windows-1252');
    expect(decodeText(b)).toBe('Name\nZoë costs €5\n“q”');
  });
  it('refuses an empty or blank file', () => {
    expect(() => sniffFileKind(new Uint8Array())).toThrow(/empty/);
    expect(() => decodeText(Buffer.from('  \n\r\n'))).toThrow(/empty/);
  });
  it('refuses binary content renamed .csv', () => {
    const bin = Buffer.alloc(4096);
    for (let i = 0; i < bin.length; i++) bin[i] = (i * 7919) % 256;
    expect(() => decodeText(bin)).toThrow(/binary data/);
    expect(looksBinary('a,b\n1,2\n')).toBe(false);
    expect(looksBinary('a\u0000b')).toBe(true);
  });
  it('knows XLSX, old XLS, PDF and images by their bytes', () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....[Content_Types].xml....')]);
    expect(sniffFileKind(zip, 'leads.csv')).toBe('xlsx');
    expect(() => sniffFileKind(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('photo.jpg')]), 'x.csv')).toThrow(/ZIP archive/);
    expect(() => sniffFileKind(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toThrow(/\.xls/);
    expect(() => sniffFileKind(Buffer.from('%PDF-1.7\n'))).toThrow(/PDF/);
    expect(() => sniffFileKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d]))).toThrow(/image/);
    expect(sniffFileKind(Buffer.from('email\na@b.co\n'))).toBe('csv');
  });
});
