/**
 * Mailbox limits and health (M3), pure: the daily cap with its warm-up ramp, and the bounce/complaint
 * rule that pauses a mailbox by itself. A mailbox's "day" is the calendar day in its own timezone.
 */

export type TWarmup = { enabled: boolean; start: number; increment: number; startedOn: string | null };

/** Whole days from one calendar date (YYYY-MM-DD) to another. */
const daysFrom = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/**
 * The cap on a calendar day: the daily limit, or during warm-up `start + increment × days since the
 * warm-up started`, never above the limit and never below 1.
 */
export function dailyCapOn(date: string, m: { dailyLimit: number; warmup?: TWarmup | null }): number {
  const w = m.warmup;
  if (!w?.enabled || !w.startedOn) return m.dailyLimit;
  return Math.max(1, Math.min(m.dailyLimit, w.start + w.increment * Math.max(0, daysFrom(w.startedOn, date))));
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** The calendar date (YYYY-MM-DD) an instant falls on in a timezone. */
export function mailboxDate(instant: Date, tz: string): string {
  let f = dateFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(tz, f);
  }
  return f.format(instant);
}

export function isTimezone(tz: string): boolean {
  try {
    mailboxDate(new Date(0), tz);
    return true;
  } catch {
    return false;
  }
}

export type THealth = { sent: number; bounced: number; complaints: number; bounceRate: number | null; complaintRate: number | null };

export const health = (sent: number, bounced: number, complaints: number): THealth => ({
  sent,
  bounced,
  complaints,
  bounceRate: sent > 0 ? bounced / sent : null,
  complaintRate: sent > 0 ? complaints / sent : null,
});

export type TPauseRule = { bounceThreshold: number; complaintThreshold: number; minSample: number };

/**
 * Should a mailbox pause itself? Only with at least `minSample` sends in the window, when the bounce
 * rate reaches its threshold (≥), or the complaint rate does.
 */
export function pauseDecision(
  h: THealth,
  rule: TPauseRule,
): { pause: false } | { pause: true; reason: 'bounce_rate' | 'complaint_rate'; rate: number; threshold: number } {
  if (h.sent < rule.minSample) return { pause: false };
  if (h.bounceRate !== null && h.bounceRate + 1e-12 >= rule.bounceThreshold) return { pause: true, reason: 'bounce_rate', rate: h.bounceRate, threshold: rule.bounceThreshold };
  if (h.complaintRate !== null && h.complaintRate + 1e-12 >= rule.complaintThreshold) {
    return { pause: true, reason: 'complaint_rate', rate: h.complaintRate, threshold: rule.complaintThreshold };
  }
  return { pause: false };
}
