/** The notification kinds of P7, with what a user can switch on or off and the defaults. */
import { z } from 'zod';
import { NOTIFICATION_TYPES, type TNotificationType } from '@/db/schema';

export const NOTIFICATION_SETTINGS: { type: TNotificationType; label: string; description: string; email: boolean; inApp: boolean }[] = [
  { type: 'pipeline_complete', label: 'Pipeline complete', description: 'When a lead pipeline finishes.', email: true, inApp: true },
  { type: 'scheduled_run', label: 'Scheduled run results', description: 'When a scheduled run finds new leads.', email: true, inApp: true },
  { type: 'requalification', label: 'Re-qualification alerts', description: 'When lead scores change after re-qualification.', email: true, inApp: true },
  { type: 'reply', label: 'Replies', description: 'When a lead replies to your outreach.', email: true, inApp: true },
  { type: 'approval_needed', label: 'Approvals needed', description: 'When messages or lead lists wait for your approval.', email: true, inApp: true },
  { type: 'weekly_digest', label: 'Weekly digest', description: 'A summary of the week, every Monday.', email: false, inApp: true },
  { type: 'welcome', label: 'Welcome and account emails', description: 'Getting-started tips when you join.', email: true, inApp: true },
];

export type TPrefs = Partial<Record<TNotificationType, { email?: boolean; in_app?: boolean }>>;

export const ZPrefs = z.partialRecord(z.enum(NOTIFICATION_TYPES), z.object({ email: z.boolean().optional(), in_app: z.boolean().optional() }).strict());

/** Effective channels for a type, given stored preferences (missing entries take the defaults). */
export function channelsFor(type: TNotificationType, prefs: TPrefs | null | undefined): { email: boolean; inApp: boolean } {
  const def = NOTIFICATION_SETTINGS.find((s) => s.type === type) ?? { email: true, inApp: true };
  const p = prefs?.[type];
  return { email: p?.email ?? def.email, inApp: p?.in_app ?? def.inApp };
}

/**
 * The preferences form: one checkbox per type and channel, named `<type>.email` / `<type>.in_app`. A
 * ticked box is present, an unticked one is absent, so every listed type gets an explicit true/false.
 */
export const ZPreferencesForm = z.preprocess((raw) => {
  const form = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const on = (k: string) => form[k] !== undefined && form[k] !== 'false' && form[k] !== false;
  return Object.fromEntries(NOTIFICATION_SETTINGS.map((s) => [s.type, { email: on(`${s.type}.email`), in_app: on(`${s.type}.in_app`) }]));
}, ZPrefs);
