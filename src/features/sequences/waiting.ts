/**
 * "Why is nothing going out?" — one pure function that turns what is known about an enrollment into a
 * machine-readable reason and a sentence, the same in the UI and the API. Live facts (campaign paused,
 * mailbox paused, lead suppressed) win over the reason the advance job stored.
 */
import type { TCampaignStatus, TEnrollmentStatus, TMailboxPauseReason, TMailboxStatus, TStopReason, TWaitingReason } from '@/db/schema';
import { formatInZone } from './tz';

export type TExplainReason =
  | TWaitingReason
  | 'campaign_paused' | 'campaign_draft' | 'campaign_ended' | 'enrollment_paused' | 'completed' | 'stopped';

export type TExplainInput = {
  now: Date;
  enrollment: { status: TEnrollmentStatus; stopReason: TStopReason | null; waitingReason: TWaitingReason | null; waitingDetail: Record<string, unknown>; nextStepAt: Date | null };
  campaignStatus: TCampaignStatus;
  /** The mailbox the next email leaves from, if known. */
  mailbox?: { email: string; status: TMailboxStatus; pausedReason: TMailboxPauseReason | null; pausedDetail: Record<string, unknown> } | null;
  /** The pending message of the current step, if any. */
  message?: { status: string; scheduledFor: Date | null; lastError: string | null; problems: { message: string }[] } | null;
  leadSuppressed: boolean;
  /** The lead's zone (the window's) and the viewer's. */
  leadTimezone: string;
  viewerTimezone: string;
};

export type TExplanation = {
  reason: TExplainReason | null;
  message: string;
  /** When something should next go out or be looked at. */
  nextAt: string | null;
  nextAtLead: string | null;
  nextAtViewer: string | null;
};

const STOP_WORDS: Record<TStopReason, string> = {
  reply: 'the lead replied',
  bounce: 'an email bounced',
  unsubscribe: 'the lead unsubscribed',
  meeting_booked: 'a meeting was booked',
  manual: 'stopped by a teammate',
  suppressed: 'the address is on the suppression list',
  no_email: 'the lead has no email address',
  send_failed: 'the mail server refused an email',
  campaign_ended: 'the campaign ended',
};

const PAUSE_WORDS: Record<TMailboxPauseReason, (d: Record<string, unknown>) => string> = {
  manual: () => 'paused by a teammate',
  bounce_rate: (d) => `paused automatically: bounce rate ${pct(d.rate)} over the last ${d.windowDays ?? '?'} days (${d.bounced ?? '?'} of ${d.sent ?? '?'} sends; limit ${pct(d.threshold)})`,
  complaint_rate: (d) => `paused automatically: complaint rate ${pct(d.rate)} over the last ${d.windowDays ?? '?'} days (${d.complaints ?? '?'} of ${d.sent ?? '?'} sends; limit ${pct(d.threshold)})`,
  auth_failed: (d) => `disconnected: the mail server refused the login${d.response ? ` ("${String(d.response).slice(0, 160)}")` : ''} — reconnect it`,
};

const pct = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(1)} %` : '?');
const DAY = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function explainWaiting(i: TExplainInput): TExplanation {
  const e = i.enrollment;
  const at = (d: Date | string | null | undefined): Pick<TExplanation, 'nextAt' | 'nextAtLead' | 'nextAtViewer'> => {
    if (!d) return { nextAt: null, nextAtLead: null, nextAtViewer: null };
    const date = typeof d === 'string' ? new Date(d) : d;
    return { nextAt: date.toISOString(), nextAtLead: formatInZone(date, i.leadTimezone), nextAtViewer: formatInZone(date, i.viewerTimezone) };
  };
  const none = at(null);
  if (e.status === 'completed') return { reason: 'completed', message: 'Finished: every step is done.', ...none };
  if (e.status === 'stopped') return { reason: 'stopped', message: `Stopped: ${e.stopReason ? STOP_WORDS[e.stopReason] : 'stopped'}.`, ...none };
  if (i.campaignStatus === 'draft') return { reason: 'campaign_draft', message: 'The campaign is a draft: activate it to start sending.', ...none };
  if (i.campaignStatus === 'paused') return { reason: 'campaign_paused', message: 'The campaign is paused.', ...none };
  if (i.campaignStatus === 'completed' || i.campaignStatus === 'archived') return { reason: 'campaign_ended', message: `The campaign is ${i.campaignStatus}.`, ...none };
  if (e.status === 'paused') return { reason: 'enrollment_paused', message: 'Paused for this lead: resume to continue.', ...none };
  if (i.leadSuppressed) return { reason: 'suppressed', message: 'The address is on the suppression list: nothing more is sent to it.', ...none };

  const d = e.waitingDetail;
  const scheduled = i.message?.scheduledFor ?? null;
  const mailboxBlocked = i.mailbox && i.mailbox.status !== 'active';
  if (mailboxBlocked && ['scheduled', 'mailbox_paused', 'daily_cap_reached', 'mailbox_gap', 'outside_window', 'retrying'].includes(e.waitingReason ?? 'scheduled')) {
    const why = i.mailbox!.pausedReason ? PAUSE_WORDS[i.mailbox!.pausedReason](i.mailbox!.pausedDetail) : i.mailbox!.status;
    return { reason: 'mailbox_paused', message: `The mailbox ${i.mailbox!.email} is ${why}.`, ...none };
  }
  const nextLabel = (when: Date | string | null) => (when ? ` Next email: ${at(when).nextAtLead} lead's time, ${at(when).nextAtViewer} yours.` : '');

  switch (e.waitingReason) {
    case 'waiting_for_delay':
      return { reason: 'waiting_for_delay', message: `Waiting for the delay before the next step (until ${at(e.nextStepAt).nextAtLead}).`, ...at(e.nextStepAt) };
    case 'outside_window': {
      const w = d.window as { start?: string; end?: string; days?: number[] } | undefined;
      const days = w?.days?.map((n) => DAY[n]).join(', ');
      return {
        reason: 'outside_window',
        message: `Outside the send window${w ? ` (${w.start}–${w.end}, ${days}, in ${i.leadTimezone})` : ''}.${nextLabel(scheduled)}`,
        ...at(scheduled),
      };
    }
    case 'daily_cap_reached':
      return {
        reason: 'daily_cap_reached',
        message: `The mailbox ${d.mailbox ?? i.mailbox?.email ?? ''} reached its daily limit${d.cap ? ` of ${d.cap}` : ''}${d.warmup ? ' (warm-up)' : ''}.${nextLabel(scheduled ?? (d.retryAt as string | undefined) ?? null)}`,
        ...at(scheduled ?? (d.retryAt as string | undefined) ?? null),
      };
    case 'campaign_daily_cap':
      return { reason: 'campaign_daily_cap', message: `The campaign's daily limit of new leads${d.cap ? ` (${d.cap})` : ''} is reached; this lead starts on the next campaign day.`, ...at(e.nextStepAt) };
    case 'mailbox_gap':
      return { reason: 'mailbox_gap', message: `Spacing the mailbox's sends (at least ${d.gapSeconds ?? '?'} s apart).${nextLabel(scheduled)}`, ...at(scheduled) };
    case 'mailbox_paused':
      return { reason: 'mailbox_paused', message: `The mailbox ${d.mailbox ?? i.mailbox?.email ?? ''} is paused.`, ...none };
    case 'no_mailbox':
      return { reason: 'no_mailbox', message: 'The campaign has no active mailbox to send from: add or resume one.', ...none };
    case 'approval_pending':
      return { reason: 'approval_pending', message: 'The next email waits for approval in the approval queue.', ...none };
    case 'missing_variable': {
      const problems = i.message?.problems?.map((p) => p.message) ?? (d.problems as string[] | undefined) ?? [];
      return { reason: 'missing_variable', message: `Held back: ${problems.join('; ') || 'a variable has no value'}. Fill it in on the lead and it goes out.`, ...none };
    }
    case 'suppressed':
      return { reason: 'suppressed', message: 'The address is on the suppression list.', ...none };
    case 'waiting_for_condition': {
      const verb = { opened: 'opens', clicked: 'clicks', replied: 'replies to' }[String(d.condition)] ?? 'acts on';
      return { reason: 'waiting_for_condition', message: `Waiting up to ${d.withinDays ?? '?'} days to see if the lead ${verb} the email (until ${at(e.nextStepAt).nextAtLead}).`, ...at(e.nextStepAt) };
    }
    case 'waiting_for_task':
      return { reason: 'waiting_for_task', message: `Waiting for the task "${String(d.title ?? 'task')}" to be done.`, ...none };
    case 'sending':
      return { reason: 'sending', message: 'Being sent now.', ...at(scheduled) };
    case 'retrying':
      return { reason: 'retrying', message: `The mail server asked to try later${i.message?.lastError ? ` ("${i.message.lastError.slice(0, 160)}")` : ''}.${nextLabel(scheduled)}`, ...at(scheduled) };
    case 'uncertain_review':
      return {
        reason: 'uncertain_review',
        message: 'The last send stopped half-way, so whether it left is unknown. It is never re-sent automatically: review it in the approval queue.',
        ...none,
      };
    case 'scheduled':
    case null:
    default:
      if (scheduled) return { reason: 'scheduled', message: `Scheduled.${nextLabel(scheduled)}`, ...at(scheduled) };
      if (e.nextStepAt) return { reason: 'scheduled', message: `Next step at ${at(e.nextStepAt).nextAtLead}.`, ...at(e.nextStepAt) };
      return { reason: 'scheduled', message: 'Preparing the next email.', ...none };
  }
}
