import { describe, expect, it } from 'vitest';
import {
  countByDay, dayBounds, effectiveDays, inWindow, nextSendTime, nextWindowOpening, retryDelaySeconds, waitUntil, windowProblem,
  type TMailboxPacing, type TSendWindow,
} from '../../../src/features/sequences/schedule';
import { localDate, wallOf } from '../../../src/features/sequences/tz';
import { dailyCapOn } from '../../../src/features/mailboxes/pacing';
import { seededRandom } from '../../../src/features/sequences/template';

const WEEKDAYS: TSendWindow = { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] };
const open: TMailboxPacing = { timezone: 'UTC', dailyLimit: 1000, minGapSeconds: 0, jitterSeconds: 0 };
const zero = () => 0;
const at = (iso: string) => new Date(iso);
const local = (d: Date, tz: string) => {
  const w = wallOf(d, tz);
  return `${localDate(d, tz)} ${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')} ${w.weekday}`;
};

describe('send window', () => {
  it('validates windows', () => {
    expect(windowProblem(WEEKDAYS)).toBeUndefined();
    expect(windowProblem({ start: '17:00', end: '09:00', days: [1] })).toMatch(/end after/);
    expect(windowProblem({ start: '09:00', end: '17:00', days: [] })).toMatch(/at least one day/);
    expect(windowProblem({ start: '9am', end: '17:00', days: [1] })).toMatch(/09:00/);
    expect(effectiveDays([1, 2, 3, 4, 5, 6, 7], true)).toEqual([1, 2, 3, 4, 5]);
    expect(effectiveDays([6, 7], true)).toEqual([]);
  });

  it('keeps an instant inside the window and moves others to the next opening', () => {
    // Wednesday 14:00 in New York is inside
    expect(nextWindowOpening(at('2026-06-10T18:00:00Z'), 'America/New_York', WEEKDAYS).toISOString()).toBe('2026-06-10T18:00:00.000Z');
    // Wednesday 07:00 → 09:00 the same day
    expect(local(nextWindowOpening(at('2026-06-10T11:00:00Z'), 'America/New_York', WEEKDAYS), 'America/New_York')).toBe('2026-06-10 09:00 3');
    // Friday 17:00 (end is exclusive) → Monday 09:00
    expect(local(nextWindowOpening(at('2026-06-12T21:00:00Z'), 'America/New_York', WEEKDAYS), 'America/New_York')).toBe('2026-06-15 09:00 1');
    // Saturday → Monday
    expect(local(nextWindowOpening(at('2026-06-13T15:00:00Z'), 'America/New_York', WEEKDAYS), 'America/New_York')).toBe('2026-06-15 09:00 1');
    expect(inWindow(at('2026-06-10T18:00:00Z'), 'America/New_York', WEEKDAYS)).toBe(true);
    expect(inWindow(at('2026-06-10T22:00:00Z'), 'America/New_York', WEEKDAYS)).toBe(false);
  });

  it("reads the window in the recipient's zone, whatever the day is in UTC", () => {
    // Monday 2026-06-15 01:00 UTC is Monday 06:45 in Kathmandu and Sunday 21:00 in New York
    const t = at('2026-06-15T01:00:00Z');
    expect(local(nextWindowOpening(t, 'Asia/Kathmandu', WEEKDAYS), 'Asia/Kathmandu')).toBe('2026-06-15 09:00 1');
    expect(local(nextWindowOpening(t, 'America/New_York', WEEKDAYS), 'America/New_York')).toBe('2026-06-15 09:00 1');
    expect(local(nextWindowOpening(t, 'Pacific/Chatham', WEEKDAYS), 'Pacific/Chatham')).toBe('2026-06-15 13:45 1'); // already open there
    expect(local(nextWindowOpening(t, 'America/St_Johns', WEEKDAYS), 'America/St_Johns')).toBe('2026-06-15 09:00 1');
    expect(local(nextWindowOpening(t, 'Australia/Lord_Howe', WEEKDAYS), 'Australia/Lord_Howe')).toBe('2026-06-15 11:30 1');
  });

  it('opens at 09:00 local on both sides of DST changes (never an hour off)', () => {
    const cases: [string, string, string][] = [
      ['America/New_York', '2026-03-06T22:30:00Z', '2026-03-09T13:00:00.000Z'], // Fri evening EST → Mon 09:00 EDT
      ['America/New_York', '2026-10-30T22:30:00Z', '2026-11-02T14:00:00.000Z'], // Fri EDT → Mon 09:00 EST
      ['Europe/London', '2026-03-27T18:00:00Z', '2026-03-30T08:00:00.000Z'], // → Mon 09:00 BST
      ['Europe/London', '2026-10-23T18:00:00Z', '2026-10-26T09:00:00.000Z'], // → Mon 09:00 GMT
      ['Australia/Lord_Howe', '2026-04-03T07:00:00Z', '2026-04-05T22:30:00.000Z'], // → Mon 6 Apr 09:00 (+10:30)
      ['Australia/Lord_Howe', '2026-10-02T07:00:00Z', '2026-10-04T22:00:00.000Z'], // → Mon 5 Oct 09:00 (+11)
      ['Pacific/Chatham', '2026-04-03T06:00:00Z', '2026-04-05T20:15:00.000Z'], // → Mon 6 Apr 09:00 (+12:45)
      ['Pacific/Chatham', '2026-09-25T06:00:00Z', '2026-09-27T19:15:00.000Z'], // → Mon 28 Sep 09:00 (+13:45)
      ['America/St_Johns', '2026-03-06T21:00:00Z', '2026-03-09T11:30:00.000Z'], // → Mon 09:00 NDT (-2:30)
    ];
    for (const [tz, from, want] of cases) {
      const got = nextWindowOpening(at(from), tz, WEEKDAYS);
      expect(got.toISOString(), `${tz} from ${from}`).toBe(want);
      expect(wallOf(got, tz)).toMatchObject({ hour: 9, minute: 0 });
    }
  });

  it('handles a window that starts inside a DST gap or repeats in a fall-back hour', () => {
    const w: TSendWindow = { start: '02:30', end: '04:00', days: [7] };
    // Sunday 8 March 2026: 02:30 does not exist in New York → 03:30 EDT
    expect(nextWindowOpening(at('2026-03-08T00:00:00Z'), 'America/New_York', w).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    const w2: TSendWindow = { start: '01:00', end: '02:00', days: [7] };
    // Sunday 1 November 2026: 01:00–02:00 happens twice; the window opens at the first 01:00
    expect(nextWindowOpening(at('2026-11-01T00:00:00Z'), 'America/New_York', w2).toISOString()).toBe('2026-11-01T05:00:00.000Z');
  });
});

describe('next send time', () => {
  it('is the earliest moment when nothing stands in the way', () => {
    const r = nextSendTime({ earliest: at('2026-06-10T15:00:00Z'), timezone: 'UTC', window: WEEKDAYS, mailbox: open, reserved: [], random: zero });
    expect(r).toEqual({ ok: true, at: at('2026-06-10T15:00:00Z'), pushedBy: [] });
  });

  it('waits for the window and says so', () => {
    const r = nextSendTime({ earliest: at('2026-06-13T12:00:00Z'), timezone: 'Europe/London', window: WEEKDAYS, mailbox: open, reserved: [], random: zero });
    expect(r.ok && r.at.toISOString()).toBe('2026-06-15T08:00:00.000Z');
    expect(r.ok && r.pushedBy).toEqual(['outside_window']);
  });

  it("counts the daily cap on the mailbox's own calendar day, not UTC's and not the lead's", () => {
    // Mailbox in Tokyo (+9) with a cap of 2; lead in New York.
    const mailbox: TMailboxPacing = { timezone: 'Asia/Tokyo', dailyLimit: 2, minGapSeconds: 0, jitterSeconds: 0 };
    // Two sends already on Tokyo's 2026-06-11 (which runs 2026-06-10T15:00Z → 2026-06-11T15:00Z)
    const reserved = [at('2026-06-10T16:00:00Z'), at('2026-06-11T10:00:00Z')];
    const earliest = at('2026-06-11T13:00:00Z'); // 09:00 New York, Thursday; still Tokyo's 11th
    const r = nextSendTime({ earliest, timezone: 'America/New_York', window: WEEKDAYS, mailbox, reserved, random: zero });
    expect(r.ok).toBe(true);
    // Tokyo's 12th starts at 15:00Z = 11:00 New York, inside the window
    expect(r.ok && r.at.toISOString()).toBe('2026-06-11T15:00:00.000Z');
    expect(r.ok && r.pushedBy).toEqual(['daily_cap_reached']);
    // one send on the 11th only: fits at once
    const r2 = nextSendTime({ earliest, timezone: 'America/New_York', window: WEEKDAYS, mailbox, reserved: reserved.slice(0, 1), random: zero });
    expect(r2.ok && r2.at.toISOString()).toBe(earliest.toISOString());
  });

  it('ramps the cap up during warm-up and never above the limit', () => {
    const m = { dailyLimit: 40, warmup: { enabled: true, start: 5, increment: 10, startedOn: '2026-06-01' } };
    expect(dailyCapOn('2026-05-30', m)).toBe(5);
    expect(dailyCapOn('2026-06-01', m)).toBe(5);
    expect(dailyCapOn('2026-06-02', m)).toBe(15);
    expect(dailyCapOn('2026-06-04', m)).toBe(35);
    expect(dailyCapOn('2026-06-05', m)).toBe(40);
    expect(dailyCapOn('2026-09-01', m)).toBe(40);
    expect(dailyCapOn('2026-06-02', { dailyLimit: 40, warmup: { ...m.warmup, enabled: false } })).toBe(40);
    expect(dailyCapOn('2026-06-02', { dailyLimit: 40, warmup: { ...m.warmup, startedOn: null } })).toBe(40);
  });

  it('fills warm-up days one after another', () => {
    const mailbox: TMailboxPacing = { timezone: 'UTC', dailyLimit: 100, minGapSeconds: 0, jitterSeconds: 0, warmup: { enabled: true, start: 2, increment: 1, startedOn: '2026-06-08' } };
    const reserved: Date[] = [];
    for (let i = 0; i < 9; i++) {
      const r = nextSendTime({ earliest: at('2026-06-08T09:00:00Z'), timezone: 'UTC', window: { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7] }, mailbox, reserved, random: zero });
      expect(r.ok).toBe(true);
      if (r.ok) reserved.push(r.at);
    }
    expect(Object.fromEntries(countByDay(reserved, 'UTC'))).toEqual({ '2026-06-08': 2, '2026-06-09': 3, '2026-06-10': 4 });
  });

  it('keeps the minimum gap plus jitter from every other send, before and after', () => {
    const mailbox: TMailboxPacing = { timezone: 'UTC', dailyLimit: 1000, minGapSeconds: 60, jitterSeconds: 60 };
    const t = at('2026-06-10T12:00:00Z');
    // random 0.5 → jitter floor(0.5 × 61) = 30 s → gap 90 s
    const r = nextSendTime({ earliest: new Date(t.getTime() - 30_000), timezone: 'UTC', window: WEEKDAYS, mailbox, reserved: [t], random: () => 0.5 });
    expect(r.ok && r.at.toISOString()).toBe('2026-06-10T12:01:30.000Z');
    expect(r.ok && r.pushedBy).toEqual(['mailbox_gap']);
    // far enough before: fine
    const r2 = nextSendTime({ earliest: new Date(t.getTime() - 120_000), timezone: 'UTC', window: WEEKDAYS, mailbox, reserved: [t], random: () => 0.5 });
    expect(r2.ok && r2.at.toISOString()).toBe('2026-06-10T11:58:00.000Z');
  });

  it('spaces a whole day of slots by the gap, inside the window, under the cap, across many zones', () => {
    for (const tz of ['America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns', 'Europe/London']) {
      const mailbox: TMailboxPacing = { timezone: tz, dailyLimit: 30, minGapSeconds: 300, jitterSeconds: 240 };
      const random = seededRandom(tz);
      const reserved: Date[] = [];
      for (let i = 0; i < 75; i++) {
        const r = nextSendTime({ earliest: at('2026-03-06T00:00:00Z'), timezone: tz, window: WEEKDAYS, mailbox, reserved, random });
        expect(r.ok).toBe(true);
        if (!r.ok) break;
        expect(inWindow(r.at, tz, WEEKDAYS), `${tz} ${r.at.toISOString()}`).toBe(true);
        reserved.push(r.at);
      }
      const sorted = reserved.map((d) => d.getTime()).sort((a, b) => a - b);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(300_000);
      for (const n of countByDay(reserved, tz).values()) expect(n).toBeLessThanOrEqual(30);
    }
  });

  it('gives up past the horizon when every day is full, with when to look again', () => {
    const mailbox: TMailboxPacing = { timezone: 'UTC', dailyLimit: 1, minGapSeconds: 0, jitterSeconds: 0 };
    const reserved = Array.from({ length: 5 }, (_, i) => at(`2026-06-${10 + i}T10:00:00Z`));
    const r = nextSendTime({ earliest: at('2026-06-10T09:00:00Z'), timezone: 'UTC', window: { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7] }, mailbox, reserved, random: zero, horizonDays: 3 });
    expect(r).toEqual({ ok: false, reason: 'daily_cap_reached', retryAt: at('2026-06-13T09:00:00Z') });
  });

  it('is deterministic for the same random source', () => {
    const mailbox: TMailboxPacing = { timezone: 'UTC', dailyLimit: 1000, minGapSeconds: 30, jitterSeconds: 300 };
    const run = () => nextSendTime({ earliest: at('2026-06-10T12:00:00Z'), timezone: 'UTC', window: WEEKDAYS, mailbox, reserved: [at('2026-06-10T12:00:00Z')], random: seededRandom('x') });
    expect(run()).toEqual(run());
  });
});

describe('waits, days and retries', () => {
  it('keeps the wall time across DST for day waits, and counts hours exactly', () => {
    // Saturday 10:00 EST + 1 day = Sunday 10:00 EDT (23 hours later)
    const from = at('2026-03-07T15:00:00Z');
    expect(waitUntil(from, 1, 0, 'America/New_York').toISOString()).toBe('2026-03-08T14:00:00.000Z');
    expect(waitUntil(from, 0, 5, 'America/New_York').toISOString()).toBe('2026-03-07T20:00:00.000Z');
    expect(waitUntil(from, 2, 3, 'America/New_York').toISOString()).toBe('2026-03-09T17:00:00.000Z');
    // Lord Howe: 30-minute shift
    expect(waitUntil(at('2026-10-03T00:00:00Z'), 1, 0, 'Australia/Lord_Howe').toISOString()).toBe('2026-10-03T23:30:00.000Z');
  });

  it("gives the campaign's day bounds in its zone", () => {
    const b = dayBounds(at('2026-06-10T20:00:00Z'), 'Asia/Kathmandu');
    expect(b).toEqual({ date: '2026-06-11', start: at('2026-06-10T18:15:00Z'), end: at('2026-06-11T18:15:00Z') });
  });

  it('backs off SMTP retries exponentially with bounded jitter', () => {
    expect(retryDelaySeconds(1, () => 0.5)).toBe(300);
    expect(retryDelaySeconds(2, () => 0.5)).toBe(600);
    expect(retryDelaySeconds(10, () => 0.5)).toBe(21600);
    expect(retryDelaySeconds(1, () => 0)).toBe(240);
    expect(retryDelaySeconds(1, () => 0.999999)).toBe(360);
  });
});
