/**
 * Metrics arithmetic (S11): counts to rates. A rate with nothing to divide by is null ("no data yet"),
 * never 0 % and never NaN. Opens and clicks are human (first human event per message); bot hits are
 * counted apart so the difference stays visible.
 */

export type TCounts = {
  /** Messages handed to the mail server (sent, and later bounced). */
  sent: number;
  bounced: number;
  /** Messages with a human open / click / a reply / an unsubscribe / a complaint (each counted once). */
  opened: number;
  clicked: number;
  replied: number;
  unsubscribed: number;
  complained: number;
  /** Bot hits recorded but excluded. */
  botOpens: number;
  botClicks: number;
};

export type TRates = {
  delivered: number;
  deliveryRate: number | null;
  openRate: number | null;
  clickRate: number | null;
  clickToOpenRate: number | null;
  replyRate: number | null;
  bounceRate: number | null;
  unsubscribeRate: number | null;
  complaintRate: number | null;
};

export const ratio = (n: number, d: number): number | null => (d > 0 ? Math.min(1, Math.max(0, n / d)) : null);

export const emptyCounts = (): TCounts => ({ sent: 0, bounced: 0, opened: 0, clicked: 0, replied: 0, unsubscribed: 0, complained: 0, botOpens: 0, botClicks: 0 });

export function rates(c: TCounts): TRates {
  const delivered = Math.max(0, c.sent - c.bounced);
  return {
    delivered,
    deliveryRate: ratio(delivered, c.sent),
    openRate: ratio(c.opened, delivered),
    clickRate: ratio(c.clicked, delivered),
    clickToOpenRate: ratio(c.clicked, c.opened),
    replyRate: ratio(c.replied, delivered),
    bounceRate: ratio(c.bounced, c.sent),
    unsubscribeRate: ratio(c.unsubscribed, delivered),
    complaintRate: ratio(c.complained, delivered),
  };
}

export function addCounts(a: TCounts, b: Partial<TCounts>): TCounts {
  const out = { ...a };
  for (const k of Object.keys(out) as (keyof TCounts)[]) out[k] += Number(b[k] ?? 0);
  return out;
}

/** A percentage for display: "12.5 %", or "—" when there is no data. */
export const formatRate = (r: number | null, digits = 1): string => (r === null ? '—' : `${(r * 100).toFixed(digits)} %`);

/** Fills the days of a range that had no activity with zeros, in order (dates YYYY-MM-DD). */
export function fillSeries<T extends { date: string }>(rows: T[], from: string, to: string, zero: (date: string) => T): T[] {
  const byDate = new Map(rows.map((r) => [r.date, r]));
  const out: T[] = [];
  for (let d = from; d <= to; d = nextDate(d)) out.push(byDate.get(d) ?? zero(d));
  return out;
}

const nextDate = (d: string): string => {
  const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, dd + 1)).toISOString().slice(0, 10);
};
