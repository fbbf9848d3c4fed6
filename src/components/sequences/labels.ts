/** Words the sending pages show for stored values. Pure: safe in server and client components. */

export const CATEGORY_LABELS: Record<string, string> = {
  cold_outreach: 'Cold outreach',
  nurture: 'Nurture',
  follow_up: 'Follow-up',
  win_back: 'Win-back',
  custom: 'Custom',
};

export const CAMPAIGN_STATUS_LABELS: Record<string, string> = {
  draft: 'Draft',
  active: 'Active',
  paused: 'Paused',
  completed: 'Completed',
  archived: 'Archived',
};

/** The button that moves a campaign to a status, from where it is. */
export function transitionLabel(from: string, to: string): string {
  if (to === 'active') return from === 'draft' ? 'Activate' : 'Resume';
  return { paused: 'Pause', completed: 'Mark completed', archived: 'Archive' }[to] ?? to;
}

export const TRANSITION_CONFIRM: Record<string, string> = {
  completed: 'Mark this campaign completed? Every active or paused lead in it stops, and unsent emails are cancelled. It cannot be resumed.',
  archived: 'Archive this campaign? Its leads stop and unsent emails are cancelled; the history and metrics stay. It cannot be changed afterwards.',
};

export const ENROLLMENT_STATUS_LABELS: Record<string, string> = {
  active: 'Active',
  paused: 'Paused',
  completed: 'Completed',
  stopped: 'Stopped',
};

/** Short names of the "why is nothing going out" reasons (the sentence comes from the engine). */
export const WAITING_LABELS: Record<string, string> = {
  waiting_for_delay: 'Waiting for delay',
  outside_window: 'Outside send window',
  daily_cap_reached: 'Daily cap reached',
  campaign_daily_cap: 'Campaign daily cap',
  mailbox_gap: 'Spacing sends',
  mailbox_paused: 'Mailbox paused or at limit',
  no_mailbox: 'No mailbox',
  approval_pending: 'Approval pending',
  missing_variable: 'Missing variable',
  suppressed: 'Suppressed',
  waiting_for_condition: 'Waiting for condition',
  waiting_for_task: 'Waiting for task',
  scheduled: 'Scheduled',
  sending: 'Sending',
  retrying: 'Retrying',
  uncertain_review: 'Uncertain: review',
  campaign_paused: 'Campaign paused',
  campaign_draft: 'Campaign is a draft',
  campaign_ended: 'Campaign ended',
  enrollment_paused: 'Paused',
  completed: 'Finished',
  stopped: 'Stopped',
};

export const STEP_TYPE_LABELS: Record<string, string> = {
  email: 'Email',
  wait: 'Wait',
  task: 'Task',
  conditional: 'Condition',
  webhook: 'Webhook',
  whatsapp: 'WhatsApp',
  sms: 'SMS',
};

export const TASK_TYPE_LABELS: Record<string, string> = { todo: 'To-do', call: 'Call', linkedin: 'LinkedIn', email: 'Email', other: 'Other' };

export const SECURITY_LABELS: Record<string, string> = {
  tls: 'SSL/TLS (usually port 465 or 993)',
  starttls: 'STARTTLS (usually port 587 or 143)',
  none: 'None (unencrypted)',
};

export const PROVIDER_LABELS: Record<string, string> = { smtp: 'SMTP/IMAP', gmail: 'Gmail', outlook: 'Outlook', dev: 'Dev mailbox' };

export const DAYS = [
  { value: 1, label: 'Mon' }, { value: 2, label: 'Tue' }, { value: 3, label: 'Wed' }, { value: 4, label: 'Thu' },
  { value: 5, label: 'Fri' }, { value: 6, label: 'Sat' }, { value: 7, label: 'Sun' },
] as const;

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** "12.5 %", or "—" when there is nothing to divide by. */
export const pct = (r: number | null | undefined, digits = 1): string => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(digits)} %`);
