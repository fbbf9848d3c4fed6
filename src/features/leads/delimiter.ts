/** Delimiter and line-ending detection for CSV text. Pure: no I/O. */
import Papa from 'papaparse';

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type TDelimiter = (typeof DELIMITERS)[number];

/** The line break used outside quoted values: \r\n, \n or \r. */
export function detectNewline(text: string): '\r\n' | '\n' | '\r' {
  const sample = text.slice(0, 1_000_000).replace(/"[^"]*"/g, '');
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 13) {
      if (sample.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  if (crlf >= lf && crlf >= cr && crlf > 0) return '\r\n';
  if (cr > lf) return '\r';
  return '\n';
}

/**
 * The delimiter that splits the first rows into the same number of fields (more than one), preferring
 * the most consistent, then the most fields. A single-column file gets ','.
 */
export function detectDelimiter(text: string): TDelimiter {
  const cut = text.slice(0, 65_536);
  const sample = cut.length < text.length ? cut.slice(0, Math.max(cut.lastIndexOf('\n'), 1)) : cut;
  const newline = detectNewline(sample);
  let best: { d: TDelimiter; consistency: number; fields: number } | null = null;
  for (const d of DELIMITERS) {
    const r = Papa.parse<string[]>(sample, { delimiter: d, newline, preview: 50, skipEmptyLines: 'greedy' });
    const counts = r.data.map((row) => row.length);
    if (!counts.length) continue;
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    const [mode, hits] = [...freq.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]!;
    if (mode < 2) continue;
    const consistency = hits / counts.length;
    if (!best || consistency > best.consistency + 1e-9 || (Math.abs(consistency - best.consistency) < 1e-9 && mode > best.fields)) {
      best = { d, consistency, fields: mode };
    }
  }
  return best?.d ?? ',';
}
