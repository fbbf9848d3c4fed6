/** Small shared pieces of the sequences feature: the actor, paths the UI serves, link bases, step input checks. */
import { z } from 'zod';
import { one, sql, type Db } from '@/db';
import { actorOf, type TActor } from '@/features/mailboxes';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { assertPublicUrl, type TAllowList } from '@/lib/safe-fetch';
import { zodFields } from '@/lib/http/respond';
import { checkStepsContent, type TContentProblem } from './compose';
import { ZCampaignSettings, type TCampaignSettings } from './settings';
import { ZSteps, type TStep } from './steps';

export { actorOf, type TActor };

/** Pages of the dashboard this feature's notifications and redirects point at (built by the UI). */
export const PATHS = {
  campaigns: '/campaigns',
  campaign: (id: string) => `/campaigns/${id}`,
  approvals: '/campaigns/approvals',
  tasks: '/tasks',
} as const;

export const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

/** Where tracking and unsubscribe links point: TRACKING_BASE_URL (a custom domain) or the app. */
export const linkBase = (): string => (env().TRACKING_BASE_URL ?? env().APP_URL).replace(/\/$/, '');

export const auditActorType = (a: TActor) => (a.via === 'api_key' ? ('api_key' as const) : ('user' as const));

export type TStepsValidation = {
  steps: TStep[];
  /** Warnings (custom fields, removed HTML); errors are thrown. */
  warnings: TContentProblem[];
  removed: { path: string; items: string[] }[];
};

/**
 * Validates steps for saving: structure (zod), content (template syntax, unsafe HTML sanitised and
 * reported), and webhook URLs (shape, then DNS: no private, loopback or metadata address).
 * Throws INVALID_INPUT with `fields` keyed "steps.<path>".
 */
export async function validateStepsForSave(raw: unknown, opts: { allowForTests?: TAllowList; checkDns?: boolean } = {}): Promise<TStepsValidation> {
  const parsed = ZSteps.safeParse(raw);
  if (!parsed.success) {
    const fields = Object.fromEntries(Object.entries(zodFields(parsed.error)).map(([k, v]) => [k === '_' ? 'steps' : `steps.${k}`, v]));
    throw new AppError('INVALID_INPUT', 'Some steps are not valid.', { fields });
  }
  const checked = checkStepsContent(parsed.data as TStep[]);
  const errors = checked.problems.filter((p) => p.severity === 'error');
  if (opts.checkDns !== false) {
    for (const [i, s] of checked.steps.entries()) {
      if (s.type !== 'webhook' || errors.some((e) => e.path === `${i}.url`)) continue;
      try {
        const r = await assertPublicUrl(s.url, { allowForTests: opts.allowForTests });
        if (!r.resolved) {
          checked.problems.push({ path: `${i}.url`, code: 'private_url', severity: 'warning', message: `${r.url.hostname} does not resolve right now; it is checked again before every request.` });
        }
      } catch (e) {
        errors.push({ path: `${i}.url`, code: 'private_url', severity: 'error', message: (e as Error).message });
      }
    }
  }
  if (errors.length) {
    const fields: Record<string, string[]> = {};
    for (const e of errors) (fields[`steps.${e.path}`] ??= []).push(e.message);
    throw new AppError('INVALID_INPUT', errors.length === 1 ? errors[0]!.message : `${errors.length} problems in the steps: ${errors[0]!.message}`, { fields });
  }
  return { steps: checked.steps, warnings: checked.problems.filter((p) => p.severity === 'warning'), removed: checked.removed };
}

/** Campaign settings defaults from the organization (its timezone, send window and days). */
export async function orgDefaults(db: Db, orgId: string): Promise<Partial<TCampaignSettings>> {
  const o = await one<{ timezone: string; start: string; end: string; days: number[] }>(
    db,
    sql`select timezone, to_char(send_window_start, 'HH24:MI') as start, to_char(send_window_end, 'HH24:MI') as "end", send_days::int[] as days
        from public.organizations where id = ${orgId}::uuid`,
  );
  if (!o) return {};
  return { timezone: o.timezone, windowStart: o.start, windowEnd: o.end === '00:00' ? '24:00' : o.end, days: o.days.map(Number) };
}

/** Full settings: org defaults < template suggestions < what the user sent. */
export function mergeSettings(...layers: (Partial<TCampaignSettings> | Record<string, unknown> | undefined)[]): TCampaignSettings {
  const merged = Object.assign({}, ...layers.filter(Boolean));
  const r = ZCampaignSettings.safeParse(merged);
  if (!r.success) {
    throw new AppError('INVALID_INPUT', 'Some campaign settings are not valid.', {
      fields: Object.fromEntries(Object.entries(zodFields(r.error)).map(([k, v]) => [`settings.${k}`, v])),
    });
  }
  return r.data;
}

export const ZUuidList = (max: number, what: string) =>
  z.array(z.uuid()).max(max, `At most ${max.toLocaleString('en-US')} ${what} per request; split the rest into more requests.`);
