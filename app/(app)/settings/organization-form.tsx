'use client';
import { Alert, Card, CardContent, CardDescription, CardHeader, CardTitle, Checkbox, Input, PendingButton, Select, Textarea, useActionForm } from '@/components/ui';
import { Field, FormMessage, fieldError, type TFormState } from '@/components/ui/form';
import type { ZOrganizationResponse } from '@/features/accounts';
import type { z } from 'zod';
import { updateOrganizationAction } from './actions';

type TOrg = z.infer<typeof ZOrganizationResponse>;

const DAYS = [
  { value: 1, label: 'Mon' }, { value: 2, label: 'Tue' }, { value: 3, label: 'Wed' }, { value: 4, label: 'Thu' },
  { value: 5, label: 'Fri' }, { value: 6, label: 'Sat' }, { value: 7, label: 'Sun' },
];
const TONES = ['professional', 'friendly', 'formal', 'casual', 'consultative'] as const;

export function OrganizationForm({ org, timezones, canEdit }: { org: TOrg; timezones: string[]; canEdit: boolean }) {
  const { state, pending, formProps } = useActionForm<TFormState>(updateOrganizationAction);
  const bc = org.businessContext;
  const bcField = (key: keyof typeof bc) => `businessContext.${key}`;
  const daysError = fieldError(state, 'sendDays');
  return (
    <form {...formProps} className="flex max-w-3xl flex-col gap-6">
      {canEdit ? null : (
        <Alert variant="info">Only owners and admins can change these settings. Ask an owner of {org.name} if something needs to change.</Alert>
      )}
      <FormMessage state={state} />
      <fieldset disabled={!canEdit} className="flex flex-col gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Organization</CardTitle>
            <CardDescription>The name your team sees, and the time zone the app uses for dates and schedules.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4 sm:grid-cols-2">
            <Field label="Name" name="name" state={state}>
              <Input id="name" name="name" defaultValue={org.name} maxLength={120} required />
            </Field>
            <Field label="Time zone" name="timezone" state={state}>
              <Select id="timezone" name="timezone" defaultValue={org.timezone}>
                {timezones.map((tz) => (
                  <option key={tz} value={tz}>{tz.replaceAll('_', ' ')}</option>
                ))}
              </Select>
            </Field>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Default sending window</CardTitle>
            <CardDescription>
              When outreach goes out unless a campaign says otherwise. Times are in each lead&apos;s own time zone.
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Starts at" name="sendWindowStart" state={state} hint="24-hour HH:MM">
                <Input id="sendWindowStart" name="sendWindowStart" type="time" defaultValue={org.sendWindowStart} required />
              </Field>
              <Field label="Ends at" name="sendWindowEnd" state={state} hint="Must be after the start.">
                <Input id="sendWindowEnd" name="sendWindowEnd" type="time" defaultValue={org.sendWindowEnd} required />
              </Field>
            </div>
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-1.5 text-sm font-medium">Sending days</legend>
              <div className="flex flex-wrap gap-4">
                {DAYS.map((d) => (
                  <label key={d.value} className="flex items-center gap-2 text-sm">
                    <Checkbox name="sendDays" value={d.value} defaultChecked={org.sendDays.includes(d.value)} />
                    {d.label}
                  </label>
                ))}
              </div>
              {daysError ? <p className="text-xs text-destructive">{daysError}</p> : null}
            </fieldset>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Business context</CardTitle>
            <CardDescription>What the AI writer knows about you when it drafts outreach. The more specific, the better the emails.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4 sm:grid-cols-2">
            <Field label="Company name" name={bcField('company_name')} state={state}>
              <Input id={bcField('company_name')} name={bcField('company_name')} defaultValue={bc.company_name ?? ''} maxLength={200} />
            </Field>
            <Field label="Industry" name={bcField('industry')} state={state}>
              <Input id={bcField('industry')} name={bcField('industry')} defaultValue={bc.industry ?? ''} maxLength={200} />
            </Field>
            <div className="sm:col-span-2">
              <Field label="Target audience" name={bcField('target_audience')} state={state} hint="Who you sell to: roles, company sizes, regions.">
                <Textarea id={bcField('target_audience')} name={bcField('target_audience')} defaultValue={bc.target_audience ?? ''} maxLength={1000} />
              </Field>
            </div>
            <div className="sm:col-span-2">
              <Field label="Value proposition" name={bcField('value_proposition')} state={state}>
                <Textarea id={bcField('value_proposition')} name={bcField('value_proposition')} defaultValue={bc.value_proposition ?? ''} maxLength={2000} />
              </Field>
            </div>
            <Field label="Tone" name={bcField('tone')} state={state}>
              <Select id={bcField('tone')} name={bcField('tone')} defaultValue={bc.tone ?? ''}>
                <option value="">Not set</option>
                {TONES.map((t) => (
                  <option key={t} value={t}>{t[0]!.toUpperCase() + t.slice(1)}</option>
                ))}
              </Select>
            </Field>
            <Field label="Call to action" name={bcField('cta')} state={state} hint='For example "Book a 15-minute call".'>
              <Input id={bcField('cta')} name={bcField('cta')} defaultValue={bc.cta ?? ''} maxLength={500} />
            </Field>
            <Field label="Key pain points" name={bcField('key_pain_points')} state={state} hint="One per line (up to 20).">
              <Textarea id={bcField('key_pain_points')} name={bcField('key_pain_points')} defaultValue={(bc.key_pain_points ?? []).join('\n')} rows={4} />
            </Field>
            <Field label="Case studies" name={bcField('case_studies')} state={state} hint="One per line (up to 20).">
              <Textarea id={bcField('case_studies')} name={bcField('case_studies')} defaultValue={(bc.case_studies ?? []).join('\n')} rows={4} />
            </Field>
            <Field label="Sender name" name={bcField('sender_name')} state={state}>
              <Input id={bcField('sender_name')} name={bcField('sender_name')} defaultValue={bc.sender_name ?? ''} maxLength={100} />
            </Field>
            <Field label="Sender title" name={bcField('sender_title')} state={state}>
              <Input id={bcField('sender_title')} name={bcField('sender_title')} defaultValue={bc.sender_title ?? ''} maxLength={100} />
            </Field>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Postal address</CardTitle>
            <CardDescription>Printed in the footer of outreach emails; anti-spam laws (CAN-SPAM, for one) require a physical address.</CardDescription>
          </CardHeader>
          <CardContent>
            <Field label="Address" name="postalAddress" state={state}>
              <Textarea id="postalAddress" name="postalAddress" defaultValue={org.postalAddress ?? ''} maxLength={500} rows={3} />
            </Field>
          </CardContent>
        </Card>
      </fieldset>
      {canEdit ? (
        <div>
          <PendingButton pending={pending} pendingText="Saving…">Save settings</PendingButton>
        </div>
      ) : null}
    </form>
  );
}
