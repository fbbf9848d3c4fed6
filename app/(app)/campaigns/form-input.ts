/** Turns the campaign forms' fields into the sequences and leads features' input shapes. */
import { AppError } from '@/lib/errors';
import type { TLeadFilterInput } from '@/features/leads';

type TForm = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');

const FLAGS = ['skipWeekends', 'stopOnReply', 'stopOnBounce', 'stopOnMeetingBooked', 'stopCompanyOnReply', 'trackOpens', 'trackClicks', 'unsubscribeFooter'] as const;

/** The settings form ("settings.windowStart", checkboxes, "settings.days" repeated) → a ZCampaignSettingsPatch shape. */
export function settingsFromForm(form: TForm): Record<string, unknown> {
  const f = (k: string) => form[`settings.${k}`];
  const out: Record<string, unknown> = {
    windowStart: str(f('windowStart'))?.trim() ?? '',
    windowEnd: str(f('windowEnd'))?.trim() ?? '',
    days: list(f('days')).map(Number),
    timezone: str(f('timezone')) ?? 'UTC',
    timezoneRule: str(f('timezoneRule')) ?? 'lead',
    approvalMode: str(f('approvalMode')) ?? 'auto',
  };
  for (const k of FLAGS) out[k] = str(f(k)) === 'on';
  const cap = str(f('dailyNewLeadCap'))?.trim();
  if (!cap) out.dailyNewLeadCap = null;
  else if (/^\d+$/.test(cap)) out.dailyNewLeadCap = Number(cap);
  else throw new AppError('INVALID_INPUT', 'Some settings are not valid.', { fields: { 'settings.dailyNewLeadCap': ['Enter a whole number, or leave it empty for no cap.'] } });
  return out;
}

/** The audience search (search text, status, list, tag) → the leads table's filter. Empty values mean "any". */
export function audienceFilter(input: { q?: string; status?: string; listId?: string; tagId?: string }): TLeadFilterInput {
  return {
    ...(input.q?.trim() ? { q: input.q.trim() } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(input.listId ? { listId: input.listId } : {}),
    ...(input.tagId ? { tagId: input.tagId } : {}),
  } as TLeadFilterInput;
}
