/** Status marks of the sending pages (server or client). */
import { Badge, type TBadgeVariant } from '@/components/ui';
import { CAMPAIGN_STATUS_LABELS, ENROLLMENT_STATUS_LABELS, WAITING_LABELS } from './labels';

const CAMPAIGN_VARIANT: Record<string, TBadgeVariant> = {
  draft: 'muted', active: 'success', paused: 'warning', completed: 'info', archived: 'muted',
};

export function CampaignStatusBadge({ status }: { status: string }) {
  return <Badge variant={CAMPAIGN_VARIANT[status] ?? 'default'} data-testid="campaign-status">{CAMPAIGN_STATUS_LABELS[status] ?? status}</Badge>;
}

const ENROLLMENT_VARIANT: Record<string, TBadgeVariant> = {
  active: 'success', paused: 'warning', completed: 'info', stopped: 'muted',
};

export function EnrollmentStatusBadge({ status }: { status: string }) {
  return <Badge variant={ENROLLMENT_VARIANT[status] ?? 'default'}>{ENROLLMENT_STATUS_LABELS[status] ?? status}</Badge>;
}

const WAIT_DANGER = new Set(['missing_variable', 'suppressed', 'uncertain_review', 'mailbox_paused', 'no_mailbox']);
const WAIT_WARN = new Set(['approval_pending', 'daily_cap_reached', 'campaign_daily_cap', 'retrying', 'campaign_paused', 'enrollment_paused', 'campaign_draft']);

export function WaitingBadge({ reason }: { reason: string | null }) {
  // A finished or stopped enrollment's status badge already says so; the sentence next to it says why.
  if (!reason || reason === 'stopped' || reason === 'completed') return null;
  const variant = WAIT_DANGER.has(reason) ? 'danger' : WAIT_WARN.has(reason) ? 'warning' : 'muted';
  return <Badge variant={variant} data-testid="waiting-reason">{WAITING_LABELS[reason] ?? reason.replaceAll('_', ' ')}</Badge>;
}
