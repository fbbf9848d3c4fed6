/** How an uploaded file is kept in import_files: CSV gzip-compressed (about 5× smaller), XLSX as is (already a ZIP). */
import { gunzipSync, gzipSync } from 'node:zlib';

export function packFile(buf: Buffer, kind: 'csv' | 'xlsx'): { content: Buffer; encoding: 'gzip' | 'identity' } {
  return kind === 'csv' ? { content: gzipSync(buf, { level: 1 }), encoding: 'gzip' } : { content: buf, encoding: 'identity' };
}

/** The uploaded bytes from a stored content and its encoding. */
export function unpackFile(content: Uint8Array | ArrayBuffer, encoding: string): Uint8Array {
  const bytes = content instanceof Uint8Array ? content : new Uint8Array(content);
  return encoding === 'gzip' ? gunzipSync(bytes) : bytes;
}
