import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, instantOf, isValidTimezone, localDate, startOfLocalDate, wallOf } from '../../../src/features/sequences/tz';

const ZONES = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'UTC', 'Asia/Tokyo', 'America/Sao_Paulo', 'Africa/Casablanca', 'Australia/Adelaide', 'Europe/Berlin'];

describe('timezones with Intl only', () => {
  it('accepts IANA zones and aliases, refuses the rest', () => {
    for (const z of [...ZONES, 'Asia/Katmandu', 'US/Eastern']) expect(isValidTimezone(z), z).toBe(true);
    for (const z of ['Mars/Olympus', '', 'EST5EDT,M3', '../etc']) expect(isValidTimezone(z), z).toBe(false);
  });

  it('reads local wall time and offsets, half- and quarter-hour zones included', () => {
    const at = new Date('2026-06-01T00:00:00Z');
    expect(wallOf(at, 'Asia/Kathmandu')).toMatchObject({ hour: 5, minute: 45, offsetMinutes: 345, weekday: 1 });
    expect(wallOf(at, 'America/St_Johns')).toMatchObject({ day: 31, hour: 21, minute: 30, offsetMinutes: -150, weekday: 7 });
    expect(wallOf(at, 'Pacific/Chatham')).toMatchObject({ hour: 12, minute: 45, offsetMinutes: 765 });
    expect(wallOf(at, 'Australia/Lord_Howe')).toMatchObject({ hour: 10, minute: 30, offsetMinutes: 630 });
    expect(wallOf(new Date('2026-01-15T00:00:00Z'), 'Australia/Lord_Howe').offsetMinutes).toBe(660);
    expect(wallOf(new Date('2026-01-15T00:00:00Z'), 'Pacific/Chatham').offsetMinutes).toBe(825);
  });

  it('moves a wall time inside a spring-forward gap forward by the gap', () => {
    // New York skips 02:00–03:00 on 8 March 2026
    expect(instantOf({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
    // London skips 01:00–02:00 on 29 March 2026
    expect(instantOf({ year: 2026, month: 3, day: 29, hour: 1, minute: 30 }, 'Europe/London').toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 02:30 BST
    // Lord Howe skips 02:00–02:30 on 4 October 2026 (a half-hour shift)
    expect(instantOf({ year: 2026, month: 10, day: 4, hour: 2, minute: 15 }, 'Australia/Lord_Howe').toISOString()).toBe('2026-10-03T15:45:00.000Z'); // 02:45
    // Chatham skips 02:45–03:45 on 27 September 2026
    expect(instantOf({ year: 2026, month: 9, day: 27, hour: 3, minute: 0 }, 'Pacific/Chatham').toISOString()).toBe('2026-09-26T14:15:00.000Z'); // 04:00
    // St John's skips 02:00–03:00 on 8 March 2026
    expect(instantOf({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/St_Johns').toISOString()).toBe('2026-03-08T06:00:00.000Z'); // 03:30 NDT
  });

  it('takes the earlier instant of a wall time that happens twice', () => {
    expect(instantOf({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z'); // EDT
    expect(instantOf({ year: 2026, month: 10, day: 25, hour: 1, minute: 30 }, 'Europe/London').toISOString()).toBe('2026-10-25T00:30:00.000Z'); // BST
    expect(instantOf({ year: 2026, month: 4, day: 5, hour: 1, minute: 45 }, 'Australia/Lord_Howe').toISOString()).toBe('2026-04-04T14:45:00.000Z'); // +11
    expect(instantOf({ year: 2026, month: 4, day: 5, hour: 3, minute: 0 }, 'Pacific/Chatham').toISOString()).toBe('2026-04-04T13:15:00.000Z'); // +13:45
  });

  it('round-trips every 15 minutes of the DST days of 2026 in every zone (gaps move forward by exactly the gap)', () => {
    const dates = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-09-27', '2026-10-04', '2026-10-25', '2026-11-01', '2026-06-15'];
    for (const tz of ZONES) {
      for (const date of dates) {
        const [year, month, day] = date.split('-').map(Number) as [number, number, number];
        for (let m = 0; m < 24 * 60; m += 15) {
          const wall = { year, month, day, hour: Math.floor(m / 60), minute: m % 60 };
          const inst = instantOf(wall, tz);
          const back = wallOf(inst, tz);
          const wanted = Date.UTC(year, month - 1, day, wall.hour, wall.minute);
          const got = Date.UTC(back.year, back.month - 1, back.day, back.hour, back.minute);
          const shift = (got - wanted) / 60_000;
          // exact, or pushed forward by a gap of at most one hour
          expect(shift >= 0 && shift <= 60, `${tz} ${date} ${wall.hour}:${wall.minute} → ${back.hour}:${back.minute}`).toBe(true);
          if (shift > 0) {
            // it really was a gap: the shift equals the jump of the offset around that instant
            const jump = wallOf(inst.getTime() + 3 * 3_600_000, tz).offsetMinutes - wallOf(inst.getTime() - 3 * 3_600_000, tz).offsetMinutes;
            expect(shift).toBe(jump);
          }
        }
      }
    }
  });

  it('counts calendar days and finds the start of a local day', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2026-03-01', '2026-03-31')).toBe(30);
    expect(localDate(new Date('2026-06-01T23:30:00Z'), 'Asia/Kathmandu')).toBe('2026-06-02');
    expect(startOfLocalDate('2026-06-02', 'Asia/Kathmandu').toISOString()).toBe('2026-06-01T18:15:00.000Z');
    // Havana-style midnight gaps: a day that starts at 01:00 still has a start
    expect(startOfLocalDate('2026-03-08', 'America/Havana').getTime()).toBeGreaterThan(0);
  });
});
