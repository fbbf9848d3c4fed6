'use client';
/** A campaign's name, mailboxes and sending rules (S4, S6, S10, S13). */
import Link from 'next/link';
import { Checkbox, Input, PendingButton, Select, Textarea, useActionForm } from '@/components/ui';
import { Field, FormMessage, fieldError, type TFormState } from '@/components/ui/form';
import { MAILBOX_STATUS_LABELS } from '@/components/mailboxes/labels';
import { DAYS, PROVIDER_LABELS } from '@/components/sequences/labels';
import type { TCampaignSettings } from '@/features/sequences';
import { updateCampaignAction } from '../actions';

type TMailboxChoice = { id: string; email: string; provider: string; status: string; dailyLimit: number };

function Flag({ name, checked, children, hint, disabled }: { name: string; checked: boolean; children: React.ReactNode; hint?: string; disabled?: boolean }) {
  return (
    <div className="flex flex-col gap-0.5">
      <label className="flex items-center gap-2 text-sm">
        <Checkbox name={`settings.${name}`} defaultChecked={checked} disabled={disabled} />
        {children}
      </label>
      {hint ? <p className="pl-6 text-xs text-muted-foreground">{hint}</p> : null}
    </div>
  );
}

export function CampaignSettingsForm({ id, name, description, settings, mailboxes, chosen, timezones, ended }: {
  id: string;
  name: string;
  description: string | null;
  settings: TCampaignSettings;
  mailboxes: TMailboxChoice[];
  chosen: string[];
  timezones: string[];
  ended: boolean;
}) {
  const { state, pending, formProps } = useActionForm<TFormState>(updateCampaignAction);
  const s = settings;
  const err = (k: string) => fieldError(state, `settings.${k}`);
  return (
    <form {...formProps} className="flex max-w-4xl flex-col gap-8" data-testid="campaign-settings">
      <input type="hidden" name="id" value={id} />
      <fieldset disabled={ended} className="flex flex-col gap-8">
        <section className="grid gap-4 sm:grid-cols-2">
          <Field label="Name" name="name" state={state}>
            <Input id="name" name="name" defaultValue={name} maxLength={200} />
          </Field>
          <Field label="Description (optional)" name="description" state={state}>
            <Textarea id="description" name="description" defaultValue={description ?? ''} rows={1} maxLength={2000} />
          </Field>
        </section>

        <section className="flex flex-col gap-2">
          <h3 className="text-sm font-semibold">Mailboxes</h3>
          <p className="text-xs text-muted-foreground">Each lead&apos;s first email goes from the active mailbox with the most room left today; its follow-ups stay on that mailbox.</p>
          {mailboxes.length ? (
            mailboxes.map((m) => (
              <label key={m.id} className="flex items-center gap-2 text-sm">
                <Checkbox name="mailboxIds" value={m.id} defaultChecked={chosen.includes(m.id)} />
                {m.email}
                <span className="text-xs text-muted-foreground">· {PROVIDER_LABELS[m.provider] ?? m.provider} · {m.dailyLimit.toLocaleString('en')}/day</span>
                {m.status !== 'active' ? <span className="text-xs text-amber-700">({MAILBOX_STATUS_LABELS[m.status] ?? m.status})</span> : null}
              </label>
            ))
          ) : (
            <p className="text-sm text-muted-foreground">No mailbox yet. <Link className="text-primary hover:underline" href="/mailboxes">Connect one</Link>.</p>
          )}
          {fieldError(state, 'mailboxIds') ? <p className="text-xs text-destructive">{fieldError(state, 'mailboxIds')}</p> : null}
        </section>

        <section className="flex flex-col gap-4">
          <h3 className="text-sm font-semibold">When emails go out</h3>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Send window starts" name="settings.windowStart" state={state} hint="HH:MM, 24-hour.">
              <Input id="settings.windowStart" name="settings.windowStart" defaultValue={s.windowStart} placeholder="09:00" />
            </Field>
            <Field label="Send window ends" name="settings.windowEnd" state={state} hint="HH:MM; 24:00 is the end of the day.">
              <Input id="settings.windowEnd" name="settings.windowEnd" defaultValue={s.windowEnd} placeholder="17:00" />
            </Field>
          </div>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium">Days</legend>
            <div className="flex flex-wrap gap-4">
              {DAYS.map((d) => (
                <label key={d.value} className="flex items-center gap-2 text-sm">
                  <Checkbox name="settings.days" value={d.value} defaultChecked={s.days.includes(d.value)} />
                  {d.label}
                </label>
              ))}
            </div>
            {err('days') ? <p className="text-xs text-destructive">{err('days')}</p> : null}
            <Flag name="skipWeekends" checked={s.skipWeekends}>Skip weekends (Saturday and Sunday), whatever the days above say</Flag>
          </fieldset>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Campaign time zone" name="settings.timezone" state={state} hint="For leads without a known time zone, and for the daily new-lead cap.">
              <Select id="settings.timezone" name="settings.timezone" defaultValue={s.timezone}>
                {timezones.map((tz) => <option key={tz} value={tz}>{tz.replaceAll('_', ' ')}</option>)}
              </Select>
            </Field>
            <Field label="Whose clock the window follows" name="settings.timezoneRule" state={state}>
              <Select id="settings.timezoneRule" name="settings.timezoneRule" defaultValue={s.timezoneRule}>
                <option value="lead">Each lead&apos;s own time zone when known</option>
                <option value="campaign">Always the campaign&apos;s time zone</option>
              </Select>
            </Field>
            <Field label="New leads started per day (optional)" name="settings.dailyNewLeadCap" state={state} hint="Empty: no cap. Follow-ups are not capped here; mailbox limits still apply.">
              <Input id="settings.dailyNewLeadCap" name="settings.dailyNewLeadCap" inputMode="numeric" defaultValue={s.dailyNewLeadCap ?? ''} />
            </Field>
          </div>
        </section>

        <section className="flex flex-col gap-3">
          <h3 className="text-sm font-semibold">Stop a lead&apos;s sequence when</h3>
          <Flag name="stopOnReply" checked={s.stopOnReply}>They reply</Flag>
          <Flag name="stopOnBounce" checked={s.stopOnBounce}>An email to them bounces</Flag>
          <Flag name="stopOnMeetingBooked" checked={s.stopOnMeetingBooked} hint="Set on the lead's page, or by a Cal.com / Calendly booking.">A meeting is booked</Flag>
          <label className="flex items-center gap-2 text-sm text-muted-foreground">
            <Checkbox checked disabled aria-describedby="unsub-always" /> They unsubscribe <span id="unsub-always" className="text-xs">(always: the address is suppressed)</span>
          </label>
          <Flag name="stopCompanyOnReply" checked={s.stopCompanyOnReply} hint="Everyone from the same company (or email domain) in this campaign stops.">Stop the whole company when one of them replies</Flag>
        </section>

        <section className="flex flex-col gap-3">
          <h3 className="text-sm font-semibold">Tracking, footer and approval</h3>
          <Flag name="trackOpens" checked={s.trackOpens} hint="A tiny image; opens by mail-privacy proxies and scanners are recorded but not counted.">Track opens</Flag>
          <Flag name="trackClicks" checked={s.trackClicks} hint="Links go through a redirect on this app's domain; clicks by link scanners are not counted.">Track clicks</Flag>
          <Flag name="unsubscribeFooter" checked={s.unsubscribeFooter} hint="Your organization's name, postal address and an unsubscribe link under every email. The List-Unsubscribe header is always sent.">Unsubscribe footer</Flag>
          <Field label="Approval" name="settings.approvalMode" state={state}>
            <Select id="settings.approvalMode" name="settings.approvalMode" defaultValue={s.approvalMode} className="max-w-md">
              <option value="auto">Send automatically</option>
              <option value="manual">Put every email in the approval queue first</option>
            </Select>
          </Field>
        </section>
      </fieldset>
      <FormMessage state={state} />
      {!ended ? (
        <div>
          <PendingButton pending={pending} pendingText="Saving…">Save settings</PendingButton>
        </div>
      ) : null}
    </form>
  );
}
