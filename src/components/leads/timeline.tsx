/** A lead's activity timeline (lead_events), newest first (server or client). */
import {
  Ban, CircleDot, FileUp, ListChecks, Pencil, Plus, RotateCcw, ShieldBan, ShieldCheck, Trash2, Upload, type LucideIcon,
} from 'lucide-react';

export type TTimelineItem = { id: string; type: string; summary: string; when: string; iso: string; by?: string | null };

const ICONS: Record<string, LucideIcon> = {
  created: Plus,
  imported: FileUp,
  import_updated: FileUp,
  status_changed: ListChecks,
  updated: Pencil,
  suppressed: ShieldBan,
  unsuppressed: ShieldCheck,
  deleted: Trash2,
  restored: RotateCcw,
  platform_uploaded: Upload,
  bounced: Ban,
};

export function Timeline({ events }: { events: TTimelineItem[] }) {
  if (!events.length) return <p className="text-sm text-muted-foreground">Nothing has happened to this lead yet.</p>;
  return (
    <ol className="relative flex flex-col gap-4 border-l pl-6" data-testid="timeline">
      {events.map((e) => {
        const Icon = ICONS[e.type] ?? CircleDot;
        return (
          <li key={e.id} className="relative" data-testid="timeline-event" data-type={e.type}>
            <span className="absolute -left-[35px] flex h-6 w-6 items-center justify-center rounded-full border bg-background">
              <Icon className="h-3.5 w-3.5 text-muted-foreground" aria-hidden />
            </span>
            <p className="text-sm">{e.summary}</p>
            <p className="text-xs text-muted-foreground">
              <time dateTime={e.iso}>{e.when}</time> · <span>{e.type.replaceAll('_', ' ')}</span>
              {e.by ? <span data-testid="timeline-actor"> · by {e.by}</span> : null}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
