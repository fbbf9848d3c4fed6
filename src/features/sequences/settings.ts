/**
 * Campaign settings (S4, S6, S10, S13), the campaign lifecycle and the stop rules: zod schemas and pure
 * decisions.
 */
import { z } from 'zod';
import type { TCampaignStatus, TStopReason } from '@/db/schema';
import { isValidTimezone } from './tz';
import { effectiveDays, windowProblem } from './schedule';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Use HH:MM, e.g. 09:00.');
export const ZTimezone = z.string().refine(isValidTimezone, 'Not an IANA timezone (e.g. Europe/London).');

export const ZCampaignSettings = z
  .object({
    /** Send window in the recipient's local time. */
    windowStart: hhmm.default('09:00'),
    windowEnd: hhmm.default('17:00'),
    /** ISO weekdays (1 = Monday … 7 = Sunday). */
    days: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
    skipWeekends: z.boolean().default(true),
    /** The campaign's zone: used when a lead has no timezone, and for the daily new-lead cap. */
    timezone: ZTimezone.default('UTC'),
    /** 'lead': the lead's own timezone when known (else the campaign's); 'campaign': always the campaign's. */
    timezoneRule: z.enum(['lead', 'campaign']).default('lead'),
    /** New leads started per campaign day (null: no cap). */
    dailyNewLeadCap: z.number().int().min(1).max(100_000).nullable().default(null),
    stopOnReply: z.boolean().default(true),
    stopOnBounce: z.boolean().default(true),
    /** Always on: an unsubscribed address is suppressed and is never emailed again. */
    stopOnUnsubscribe: z.literal(true).default(true),
    stopOnMeetingBooked: z.boolean().default(true),
    /** A reply stops every lead of the same company in this campaign. */
    stopCompanyOnReply: z.boolean().default(false),
    trackOpens: z.boolean().default(true),
    trackClicks: z.boolean().default(true),
    /** auto: send as scheduled; manual: every rendered message waits in the approval queue (S13). */
    approvalMode: z.enum(['auto', 'manual']).default('auto'),
    /** Organization name, postal address and an unsubscribe link under every email (S9). */
    unsubscribeFooter: z.boolean().default(true),
  })
  .superRefine((s, ctx) => {
    const p = windowProblem({ start: s.windowStart, end: s.windowEnd, days: s.days });
    if (p) ctx.addIssue({ code: 'custom', path: ['windowEnd'], message: p });
    if (!effectiveDays(s.days, s.skipWeekends).length) ctx.addIssue({ code: 'custom', path: ['days'], message: 'With weekends skipped, pick at least one weekday.' });
  });
export type TCampaignSettings = z.infer<typeof ZCampaignSettings>;

/** Settings patch: any subset (the result is validated as a whole). */
export const ZCampaignSettingsPatch = z.object({
  windowStart: hhmm, windowEnd: hhmm, days: z.array(z.number().int().min(1).max(7)).min(1), skipWeekends: z.boolean(),
  timezone: ZTimezone, timezoneRule: z.enum(['lead', 'campaign']), dailyNewLeadCap: z.number().int().min(1).max(100_000).nullable(),
  stopOnReply: z.boolean(), stopOnBounce: z.boolean(), stopOnUnsubscribe: z.literal(true), stopOnMeetingBooked: z.boolean(),
  stopCompanyOnReply: z.boolean(), trackOpens: z.boolean(), trackClicks: z.boolean(), approvalMode: z.enum(['auto', 'manual']),
  unsubscribeFooter: z.boolean(),
}).partial().strict();

/** Reads stored settings (older rows may lack keys): defaults fill the gaps. */
export function readSettings(raw: unknown, defaults: Partial<TCampaignSettings> = {}): TCampaignSettings {
  const r = ZCampaignSettings.safeParse({ ...defaults, ...(raw && typeof raw === 'object' ? raw : {}) });
  return r.success ? r.data : ZCampaignSettings.parse(defaults);
}

/** The window an enrollment's emails use. */
export function windowOf(s: TCampaignSettings) {
  return { start: s.windowStart, end: s.windowEnd, days: effectiveDays(s.days, s.skipWeekends) };
}

/** The zone an enrollment's window is read in. */
export function zoneFor(s: TCampaignSettings, leadTimezone: string | null | undefined): string {
  return s.timezoneRule === 'lead' && leadTimezone && isValidTimezone(leadTimezone) ? leadTimezone : s.timezone;
}

// ---- lifecycle (S4) -------------------------------------------------------------------------------

export const CAMPAIGN_TRANSITIONS: Record<TCampaignStatus, TCampaignStatus[]> = {
  draft: ['active', 'archived'],
  active: ['paused', 'completed'],
  paused: ['active', 'completed', 'archived'],
  completed: ['archived'],
  archived: [],
};

export function transitionProblem(from: TCampaignStatus, to: TCampaignStatus): string | undefined {
  if (from === to) return `The campaign is already ${from}.`;
  if (!CAMPAIGN_TRANSITIONS[from].includes(to)) {
    const allowed = CAMPAIGN_TRANSITIONS[from];
    return `A ${from} campaign cannot become ${to}${allowed.length ? ` (it can become ${allowed.join(' or ')})` : ''}.`;
  }
  return undefined;
}

// ---- stop rules (S10) -----------------------------------------------------------------------------

export type TStopEvent = 'reply' | 'bounce' | 'unsubscribe' | 'meeting_booked' | 'manual';

/** Does this event stop an enrollment of a campaign with these settings? */
export function stopsEnrollment(event: TStopEvent, s: Pick<TCampaignSettings, 'stopOnReply' | 'stopOnBounce' | 'stopOnMeetingBooked'>): boolean {
  switch (event) {
    case 'reply':
      return s.stopOnReply;
    case 'bounce':
      return s.stopOnBounce;
    case 'meeting_booked':
      return s.stopOnMeetingBooked;
    case 'unsubscribe':
    case 'manual':
      return true;
  }
}

/** Does this event stop the other leads of the same company in that campaign? */
export function stopsCompany(event: TStopEvent, s: Pick<TCampaignSettings, 'stopCompanyOnReply'>, companyWide?: boolean): boolean {
  if (companyWide !== undefined) return companyWide;
  return event === 'reply' && s.stopCompanyOnReply;
}

export const STOP_REASON_OF: Record<TStopEvent, TStopReason> = {
  reply: 'reply', bounce: 'bounce', unsubscribe: 'unsubscribe', meeting_booked: 'meeting_booked', manual: 'manual',
};
