/** Words for a mailbox's state. Pure: safe in server and client components. */
import { pct } from '@/components/sequences/labels';

type TPaused = { status: string; pausedReason: string | null; pausedDetail: Record<string, unknown> };

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Why a mailbox is not sending, with the numbers: "Paused: 6 bounces in the last 80 sends (7.5 %) …". */
export function pauseText(m: TPaused): string | null {
  if (m.status === 'active') return null;
  const d = m.pausedDetail ?? {};
  const sent = num(d.sent);
  const windowDays = num(d.windowDays);
  const over = `${sent !== null ? ` in the last ${sent.toLocaleString('en')} sends` : ''}${windowDays !== null ? ` (${windowDays}-day window)` : ''}`;
  switch (m.pausedReason) {
    case 'bounce_rate':
      return `Paused: ${num(d.bounced) ?? '?'} bounces${over} — ${pct(num(d.rate))}, the limit is ${pct(num(d.threshold))}. Clean the list (verify the addresses), then resume.`;
    case 'complaint_rate':
      return `Paused: ${num(d.complaints) ?? '?'} spam complaints${over} — ${pct(num(d.rate), 2)}, the limit is ${pct(num(d.threshold), 2)}. Check who you are emailing, then resume.`;
    case 'auth_failed':
      return `Disconnected: the mail server refused the login${typeof d.response === 'string' && d.response ? ` ("${d.response.slice(0, 200)}")` : ''}. Enter the new password (or an app password) and test the connection.`;
    case 'manual':
      return 'Paused by a teammate. Nothing is sent from it until it is resumed.';
    default:
      return m.status === 'error' ? 'This mailbox has an error and sends nothing.' : 'Paused. Nothing is sent from it until it is resumed.';
  }
}

export const MAILBOX_STATUS_LABELS: Record<string, string> = { active: 'Active', paused: 'Paused', error: 'Error' };
