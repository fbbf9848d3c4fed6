/** Dates as people read them, in a given time zone (the organization's), formatted on the server. */

const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatDateTime(value: Date | string | null | undefined, timeZone = 'UTC'): string {
  if (!value) return '—';
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return '—';
  const key = timeZone;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone });
    formatters.set(key, f);
  }
  return f.format(d);
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function Time({ value, timeZone, className }: { value: Date | string | null | undefined; timeZone?: string; className?: string }) {
  if (!value) return <span className={className}>—</span>;
  const d = value instanceof Date ? value : new Date(value);
  return (
    <time dateTime={d.toISOString()} title={`${d.toISOString()} (UTC)`} className={className}>
      {formatDateTime(d, timeZone)}
    </time>
  );
}
