/**
 * Next-send-time (S6): pure functions, no I/O, no clock, randomness injected.
 *
 * A slot for an email must satisfy, all at once:
 * - not before `earliest` (the step became ready: a wait ended, a previous email went out);
 * - inside the send window on an allowed day, in the recipient's zone (the lead's IANA timezone when
 *   known, else the campaign's), DST included;
 * - the mailbox's daily cap on the mailbox's own calendar day (its timezone), warm-up included;
 * - at least the minimum gap (+ random jitter) away from every other send of the mailbox.
 *
 * "Day" for every daily limit = the calendar day in the timezone of the thing limited: the mailbox's
 * timezone for its daily cap and warm-up, the campaign's timezone for its daily new-lead cap.
 */
import { dailyCapOn } from '@/features/mailboxes';
import { addDays, instantOf, localDate, minutesOf, startOfLocalDate, wallOf } from './tz';

export type TSendWindow = {
  /** "HH:MM", inclusive. */
  start: string;
  /** "HH:MM", exclusive; after start. */
  end: string;
  /** ISO weekdays allowed: 1 = Monday … 7 = Sunday. */
  days: number[];
};

export type TMailboxPacing = {
  timezone: string;
  dailyLimit: number;
  minGapSeconds: number;
  jitterSeconds: number;
  warmup?: { enabled: boolean; start: number; increment: number; startedOn: string | null };
};

export type TSlotInput = {
  earliest: Date;
  /** The zone the window is read in (lead's, else campaign's). */
  timezone: string;
  window: TSendWindow;
  mailbox: TMailboxPacing;
  /** Every other send of this mailbox (reserved slots and sends), any order — or a ledger kept by the caller. */
  reserved: Date[] | TLedger;
  /** In [0, 1): jitter for this slot. */
  random: () => number;
  /** How far ahead to look before giving up (days). */
  horizonDays?: number;
};

export type TSlotReason = 'outside_window' | 'daily_cap_reached' | 'mailbox_gap';

export type TSlotResult =
  | { ok: true; at: Date; /** What pushed the slot past `earliest`, in order. */ pushedBy: TSlotReason[] }
  | { ok: false; reason: 'daily_cap_reached'; /** Look again from here. */ retryAt: Date };

/** Is the window well-formed (start before end, at least one day)? */
export function windowProblem(w: TSendWindow): string | undefined {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(w.start) || !/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/.test(w.end)) return 'Times must look like 09:00.';
  if (minutesOf(w.start) >= minutesOf(w.end)) return 'The send window must end after it starts.';
  if (!w.days.length || w.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) return 'Pick at least one day (1 = Monday … 7 = Sunday).';
  return undefined;
}

/** The effective days: `skipWeekends` removes Saturday and Sunday. */
export function effectiveDays(days: number[], skipWeekends: boolean): number[] {
  const set = [...new Set(days)].filter((d) => !skipWeekends || d <= 5).sort();
  return set;
}

/**
 * The first instant ≥ `from` inside the window, in `tz`. Looks up to 14 days ahead (a window with at
 * least one day always has an opening within 8).
 */
export function nextWindowOpening(from: Date, tz: string, w: TSendWindow): Date {
  const startMin = minutesOf(w.start);
  const endMin = minutesOf(w.end);
  let date = localDate(from, tz);
  for (let i = 0; i < 15; i++) {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    const open = instantOf({ year, month, day, hour: Math.floor(startMin / 60), minute: startMin % 60 }, tz);
    const close = endMin >= 24 * 60
      ? startOfLocalDate(addDays(date, 1), tz)
      : instantOf({ year, month, day, hour: Math.floor(endMin / 60), minute: endMin % 60 }, tz);
    const weekday = wallOf(open, tz).weekday;
    if (w.days.includes(weekday) && close.getTime() > from.getTime() && close.getTime() > open.getTime()) {
      // The opening may fall on the previous local date when a gap moved it; compare instants only.
      return new Date(Math.max(open.getTime(), from.getTime()));
    }
    date = addDays(date, 1);
  }
  throw new Error('The send window has no opening in the next two weeks.');
}

/** Is an instant inside the window? */
export function inWindow(at: Date, tz: string, w: TSendWindow): boolean {
  return nextWindowOpening(at, tz, w).getTime() === at.getTime();
}

/** Sends of a mailbox per calendar day in its timezone. */
export function countByDay(times: Date[], tz: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of times) {
    const d = localDate(t, tz);
    out.set(d, (out.get(d) ?? 0) + 1);
  }
  return out;
}

/**
 * The slot for one email. Deterministic for a given `random`. The reserved list is not changed; the
 * caller adds the returned slot before asking for the next one.
 */
export function nextSendTime(input: TSlotInput): TSlotResult {
  const { window: w, mailbox: m } = input;
  const horizon = input.earliest.getTime() + (input.horizonDays ?? 14) * 86_400_000;
  const gapMs = (m.minGapSeconds + Math.floor(input.random() * (m.jitterSeconds + 1))) * 1000;
  const ledger = Array.isArray(input.reserved) ? createLedger(input.reserved, m.timezone) : input.reserved;
  const reserved = ledger.sorted;
  const perDay = ledger.perDay;
  const pushedBy: TSlotReason[] = [];
  const push = (r: TSlotReason) => {
    if (pushedBy[pushedBy.length - 1] !== r) pushedBy.push(r);
  };

  let t = input.earliest.getTime();
  if (ledger.tz !== m.timezone) throw new Error('The ledger counts days in another timezone than the mailbox.');
  for (let guard = 0; guard < 10_000; guard++) {
    if (t > horizon) return { ok: false, reason: 'daily_cap_reached', retryAt: new Date(horizon) };
    // 1. the recipient's window
    const open = nextWindowOpening(new Date(t), input.timezone, w).getTime();
    if (open > t) {
      push('outside_window');
      t = open;
      continue;
    }
    // 2. the mailbox's daily cap on its own day
    const day = localDate(t, m.timezone);
    if ((perDay.get(day) ?? 0) >= dailyCapOn(day, m)) {
      push('daily_cap_reached');
      t = startOfLocalDate(addDays(day, 1), m.timezone).getTime();
      continue;
    }
    // 3. the gap to every other send of the mailbox (closest neighbours in the sorted list)
    if (gapMs > 0 && reserved.length) {
      let moved = false;
      for (let c = latestConflict(reserved, t, gapMs); c !== undefined; c = latestConflict(reserved, t, gapMs)) {
        t = c + gapMs;
        moved = true;
      }
      if (moved) {
        push('mailbox_gap');
        continue; // the window and the cap are checked again at the new time
      }
    }
    return { ok: true, at: new Date(t), pushedBy };
  }
  return { ok: false, reason: 'daily_cap_reached', retryAt: new Date(horizon) };
}

/**
 * A mailbox's sends, kept sorted with counts per calendar day of its zone, so that slotting many
 * messages stays cheap: add each slot as it is handed out.
 */
export type TLedger = { tz: string; sorted: number[]; perDay: Map<string, number>; add(at: Date): void };

export function createLedger(times: Date[], tz: string): TLedger {
  const sorted = times.map((d) => d.getTime()).sort((a, b) => a - b);
  const perDay = countByDay(times, tz);
  return {
    tz,
    sorted,
    perDay,
    add(at: Date) {
      const t = at.getTime();
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]! <= t) lo = mid + 1;
        else hi = mid;
      }
      sorted.splice(lo, 0, t);
      const d = localDate(t, tz);
      perDay.set(d, (perDay.get(d) ?? 0) + 1);
    },
  };
}

/** The latest reserved time within `gap` of t (either side), or undefined. `sorted` ascending. */
function latestConflict(sorted: number[], t: number, gap: number): number | undefined {
  // first index with value > t - gap
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! > t - gap) hi = mid;
    else lo = mid + 1;
  }
  let found: number | undefined;
  for (let i = lo; i < sorted.length && sorted[i]! < t + gap; i++) found = sorted[i];
  return found;
}

/** When a "wait N days M hours" step ends. Days are calendar days in `tz` (a wait over a DST change keeps the wall time). */
export function waitUntil(from: Date, days: number, hours: number, tz: string): Date {
  if (days === 0) return new Date(from.getTime() + hours * 3_600_000);
  const w = wallOf(from, tz);
  const target = addDays(`${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`, days);
  const [year, month, day] = target.split('-').map(Number) as [number, number, number];
  const sameTime = instantOf({ year, month, day, hour: w.hour, minute: w.minute, second: w.second }, tz);
  return new Date(sameTime.getTime() + hours * 3_600_000);
}

/** The campaign's "today" bounds for its daily new-lead cap. */
export function dayBounds(now: Date, tz: string): { date: string; start: Date; end: Date } {
  const date = localDate(now, tz);
  return { date, start: startOfLocalDate(date, tz), end: startOfLocalDate(addDays(date, 1), tz) };
}

/** Exponential backoff for SMTP 4xx answers: 5 min, 10, 20, 40 … capped at 6 h, ±20 % jitter. */
export function retryDelaySeconds(attempt: number, random: () => number): number {
  const base = Math.min(6 * 3600, 300 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
