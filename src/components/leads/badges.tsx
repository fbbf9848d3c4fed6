/** Small status marks shared by the leads and companies pages (server or client). */
import { ArrowDown, ArrowRight, ArrowUp, ShieldBan } from 'lucide-react';
import { Badge, cn, type TBadgeVariant } from '@/components/ui';
import { FIT_LABELS, INTENT_LABELS, LEAD_STATUS_LABELS, SUPPRESSION_REASON_LABELS, type TStatus } from './labels';

const STATUS_VARIANT: Record<TStatus, TBadgeVariant> = {
  new: 'info',
  contacted: 'default',
  replied: 'success',
  interested: 'success',
  not_interested: 'muted',
  bounced: 'danger',
  unsubscribed: 'warning',
  converted: 'success',
};

export function StatusBadge({ status }: { status: string }) {
  const s = status as TStatus;
  return <Badge variant={STATUS_VARIANT[s] ?? 'default'}>{LEAD_STATUS_LABELS[s] ?? status}</Badge>;
}

export function IntentBadge({ tier }: { tier: 'hot' | 'warm' | 'cold' | string | null | undefined }) {
  const t = (tier ?? 'cold') as keyof typeof INTENT_LABELS;
  const variant = t === 'hot' ? 'danger' : t === 'warm' ? 'warning' : 'muted';
  return <Badge variant={variant} title="Intent tier from the company’s signals">{INTENT_LABELS[t] ?? t}</Badge>;
}

const TREND = {
  up: { Icon: ArrowUp, label: 'Score went up at the last qualification', className: 'text-green-700', glyph: '↑' },
  down: { Icon: ArrowDown, label: 'Score went down at the last qualification', className: 'text-red-700', glyph: '↓' },
  stable: { Icon: ArrowRight, label: 'Score unchanged at the last qualification', className: 'text-muted-foreground', glyph: '→' },
} as const;

export function TrendArrow({ trend }: { trend: 'up' | 'down' | 'stable' | null | undefined }) {
  if (!trend) return null;
  const t = TREND[trend];
  return (
    <span className={cn('inline-flex items-center', t.className)} title={t.label} data-trend={trend}>
      <t.Icon className="h-3.5 w-3.5" aria-hidden />
      <span className="sr-only">{t.glyph} {t.label}</span>
    </span>
  );
}

type TFitTier = 'hot' | 'review' | 'rejected';

/** "Hot fit", "Review" or "Rejected". */
export function FitTierBadge({ tier }: { tier: TFitTier }) {
  return <Badge variant={tier === 'hot' ? 'success' : tier === 'review' ? 'warning' : 'muted'}>{FIT_LABELS[tier]}</Badge>;
}

/** "7/10 Review ↑", or "Not scored". */
export function FitScore({ score, tier, trend, compact }: { score: number | null | undefined; tier?: string | null; trend?: 'up' | 'down' | 'stable' | null; compact?: boolean }) {
  if (score === null || score === undefined) return <span className="text-xs text-muted-foreground">{FIT_LABELS.unscored}</span>;
  const t = (tier ?? (score >= 8 ? 'hot' : score >= 5 ? 'review' : 'rejected')) as TFitTier;
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
      <span className="font-medium tabular-nums">{score}/10</span>
      {compact ? null : <FitTierBadge tier={t} />}
      <TrendArrow trend={trend} />
    </span>
  );
}

export function SuppressedBadge({ reason }: { reason?: string | null }) {
  return (
    <Badge variant="danger" title={`Suppressed${reason ? `: ${SUPPRESSION_REASON_LABELS[reason] ?? reason}` : ''}. LeadPilot will never contact this address.`}>
      <ShieldBan className="mr-1 h-3 w-3" aria-hidden />
      Suppressed
    </Badge>
  );
}

export function TagChip({ name, color, className }: { name: string; color: string | null; className?: string }) {
  return (
    <span className={cn('inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs', className)}>
      <span className="h-2 w-2 rounded-full" style={{ background: color ?? '#94a3b8' }} aria-hidden />
      {name}
    </span>
  );
}
