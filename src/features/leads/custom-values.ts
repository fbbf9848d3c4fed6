/** Typed custom field values (L5): text, number, date (YYYY-MM-DD) and url. Pure: no I/O. */
import type { TCustomFieldType } from '@/db/schema';

export type TCustomValue = string | number;

const show = (s: string) => (s.length > 40 ? `${s.slice(0, 37)}…` : s);

/** Parses a raw value for a field type; null for empty; `{ error }` when it does not fit the type. */
export function coerceCustomValue(type: TCustomFieldType, raw: unknown, label = 'The value'): { value: TCustomValue | null } | { error: string } {
  if (raw === null || raw === undefined) return { value: null };
  if (typeof raw === 'number') {
    if (type === 'number') return Number.isFinite(raw) ? { value: raw } : { error: `${label} must be a number.` };
    raw = String(raw);
  }
  if (typeof raw !== 'string') return { error: `${label} must be text.` };
  const v = raw.trim();
  if (!v) return { value: null };
  switch (type) {
    case 'text':
      return v.length <= 2000 ? { value: v } : { error: `${label} is longer than 2000 characters.` };
    case 'number': {
      const n = Number(v.replace(/[,\s_]/g, ''));
      return Number.isFinite(n) && /\d/.test(v) ? { value: n } : { error: `${label} "${show(v)}" is not a number.` };
    }
    case 'date': {
      const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(v);
      const dmy = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(v);
      const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : [];
      if (y && m && d) {
        const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
        if (date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d)) {
          return { value: date.toISOString().slice(0, 10) };
        }
      }
      return { error: `${label} "${show(v)}" is not a date (use YYYY-MM-DD).` };
    }
    case 'url': {
      try {
        const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `https://${v}`);
        if ((u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.includes('.') && v.length <= 2000) return { value: u.toString() };
      } catch {
        /* falls through */
      }
      return { error: `${label} "${show(v)}" is not a web address.` };
    }
  }
}
