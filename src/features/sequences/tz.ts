/**
 * Wall-clock time in IANA zones with Intl only (no tz library). Pure functions.
 *
 * - `wallOf(instant, tz)`: the local date, time and ISO weekday an instant shows in a zone.
 * - `instantOf(wall, tz)`: the instant a local wall time names. Wall times inside a spring-forward gap
 *   (02:30 on the night New York skips 02:00–03:00) move forward by the gap's length (→ 03:30 EDT), and
 *   wall times that occur twice on a fall-back night take the earlier occurrence — the behaviour of
 *   Temporal's `disambiguation: 'compatible'`. Zones with 30- and 45-minute offsets and half-hour DST
 *   shifts (Australia/Lord_Howe, Asia/Kathmandu, America/St_Johns, Pacific/Chatham) work the same way.
 */

export type TWall = { year: number; month: number; day: number; hour: number; minute: number; second?: number };
export type TWallInfo = Required<TWall> & { /** ISO weekday: 1 = Monday … 7 = Sunday. */ weekday: number; /** offset from UTC, minutes */ offsetMinutes: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Is this an IANA zone Intl knows (aliases such as Asia/Kathmandu included)? */
export function isValidTimezone(tz: string): boolean {
  if (typeof tz !== 'string' || !tz || tz.length > 64) return false;
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

/** The local wall time of an instant in a zone. */
export function wallOf(instant: Date | number, tz: string): TWallInfo {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const parts = formatterFor(tz).formatToParts(new Date(ms));
  const get = (t: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === t)!.value);
  const w = { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const offsetMinutes = Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
  return { ...w, weekday: isoWeekday(w.year, w.month, w.day), offsetMinutes };
}

/** Offset of the zone from UTC at an instant, in minutes (east positive). */
export const offsetMinutes = (instant: Date | number, tz: string): number => wallOf(instant, tz).offsetMinutes;

export function isoWeekday(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return d === 0 ? 7 : d;
}

const sameWall = (a: TWallInfo, w: Required<TWall>) =>
  a.year === w.year && a.month === w.month && a.day === w.day && a.hour === w.hour && a.minute === w.minute && a.second === w.second;

/** The instant a wall time names in a zone (gap → forward by the gap; overlap → the earlier instant). */
export function instantOf(wall: TWall, tz: string): Date {
  const w: Required<TWall> = { second: 0, ...wall };
  const naive = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const before = offsetMinutes(naive - 36 * 3_600_000, tz);
  const after = offsetMinutes(naive + 36 * 3_600_000, tz);
  const candidates = [...new Set([before, after, offsetMinutes(naive, tz)])].map((o) => naive - o * 60_000);
  const valid = candidates.filter((c) => sameWall(wallOf(c, tz), w)).sort((a, b) => a - b);
  if (valid.length) return new Date(valid[0]!);
  // In a gap: the offset in force before the transition lands the same distance past it.
  return new Date(naive - before * 60_000);
}

/** A calendar date (YYYY-MM-DD) plus n days. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone — the "day" of daily limits. */
export function localDate(instant: Date | number, tz: string): string {
  const w = wallOf(instant, tz);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** The first instant of a local calendar date (midnight, or the first minute after a midnight gap). */
export function startOfLocalDate(date: string, tz: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return instantOf({ year, month, day, hour: 0, minute: 0 }, tz);
}

/** Whole days from one calendar date to another (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** "HH:MM" → minutes after midnight. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** A human label of an instant in a zone: "Tue 3 Mar, 09:00 (America/New_York)". */
export function formatInZone(instant: Date | number, tz: string): string {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone: tz, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  });
  return `${f.format(new Date(instant))} (${tz})`;
}
