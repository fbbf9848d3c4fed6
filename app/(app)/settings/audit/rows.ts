/** Audit entries as the table shows them (times in the organization's time zone). */
import { formatDateTime } from '@/components/ui/time';
import type { TAuditRow } from '@/features/accounts';

export type TAuditPageRow = {
  id: string;
  when: string;
  iso: string;
  actor: string;
  actorType: string;
  action: string;
  target: string;
  ip: string;
  details: string;
};

export function auditRow(e: TAuditRow, timeZone: string): TAuditPageRow {
  const details = Object.entries(e.metadata ?? {})
    .filter(([k]) => k !== 'userAgent')
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
  return {
    id: e.id,
    when: formatDateTime(e.createdAt, timeZone),
    iso: e.createdAt,
    actor: e.actorEmail ?? (e.actorType === 'system' ? 'system' : e.actorId ? 'former member' : '—'),
    actorType: e.actorType,
    action: e.action,
    target: e.targetType ? `${e.targetType}${e.targetId ? ` ${e.targetId.slice(0, 8)}` : ''}` : '—',
    ip: e.ip ?? '—',
    details,
  };
}
