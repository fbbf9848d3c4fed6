'use client';
import { useEffect, useState, useTransition } from 'react';
import { Pause, Play, PlugZap, Trash2 } from 'lucide-react';
import { Alert, Button, Checkbox, Input, PendingButton, Select, useActionForm } from '@/components/ui';
import { Field, FormMessage, fieldError, type TFormState } from '@/components/ui/form';
import { ConnectionTestResult } from '@/components/mailboxes/connection-test';
import { SECURITY_LABELS } from '@/components/sequences/labels';
import type { TConnectionTest } from '@/features/mailboxes';
import {
  connectMailboxAction, deleteMailboxAction, pauseMailboxAction, resumeMailboxAction, testMailboxAction, updateMailboxAction,
} from './actions';

/** Field() ties its label to an input whose id is the field name; the edit forms repeat per mailbox, so their ids carry the mailbox id. */
function IdField({ id, label, name, state, hint, children }: { id: string; label: string; name: string; state: TFormState; hint?: string; children: React.ReactNode }) {
  const err = fieldError(state, name);
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium leading-none">{label}</label>
      {children}
      {err ? <p className="text-xs text-destructive">{err}</p> : hint ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
    </div>
  );
}

type TServerDefaults = { host: string; port: number; security: string; username: string; hasPassword: boolean } | null;

function ServerFields({ prefix, state, defaults, portDefault, securityDefault, passwordOptional, idSuffix = '' }: {
  prefix: 'smtp' | 'imap';
  /** Makes the inputs' ids unique when the form repeats (one per mailbox). */
  idSuffix?: string;
  state: TFormState;
  defaults?: TServerDefaults;
  portDefault: number;
  securityDefault: string;
  passwordOptional?: boolean;
}) {
  const name = (k: string) => `${prefix}.${k}`;
  const id = (k: string) => `${prefix}.${k}${idSuffix}`;
  const label = prefix === 'smtp' ? 'SMTP' : 'IMAP';
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <IdField id={id('host')} label={`${label} server`} name={name('host')} state={state} hint={prefix === 'smtp' ? 'For example smtp.example.com' : 'For example imap.example.com'}>
        <Input id={id('host')} name={name('host')} defaultValue={defaults?.host ?? ''} autoComplete="off" spellCheck={false} />
      </IdField>
      <div className="grid grid-cols-[6rem_1fr] gap-3">
        <IdField id={id('port')} label="Port" name={name('port')} state={state}>
          <Input id={id('port')} name={name('port')} inputMode="numeric" defaultValue={defaults?.port ?? portDefault} />
        </IdField>
        <IdField id={id('security')} label="Security" name={name('security')} state={state}>
          <Select id={id('security')} name={name('security')} defaultValue={defaults?.security ?? securityDefault}>
            {Object.entries(SECURITY_LABELS).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </Select>
        </IdField>
      </div>
      <IdField id={id('username')} label={`${label} user name`} name={name('username')} state={state} hint="Often the full email address.">
        <Input id={id('username')} name={name('username')} defaultValue={defaults?.username ?? ''} autoComplete="off" spellCheck={false} />
      </IdField>
      <IdField
        id={id('password')}
        label={`${label} password`}
        name={name('password')}
        state={state}
        hint={passwordOptional ? (defaults?.hasPassword ? 'Stored encrypted and never shown. Leave empty to keep it.' : 'None stored yet.') : 'Stored encrypted; never shown again. Use an app password if the account has two-factor sign-in.'}
      >
        <Input id={id('password')} name={name('password')} type="password" autoComplete="new-password" />
      </IdField>
    </div>
  );
}

/** Connect an SMTP (+ IMAP) mailbox; "Test connection" logs in with what was typed, before anything is stored. */
export function ConnectMailboxForm({ timezone }: { timezone: string }) {
  const { state, pending, formProps } = useActionForm<TFormState>(connectMailboxAction);
  const [withImap, setWithImap] = useState(true);
  const data = state?.ok ? (state.data as { kind: 'test' | 'connected'; test: TConnectionTest } | undefined) : undefined;
  useEffect(() => {
    if (data?.kind === 'connected') formProps.ref.current?.reset();
  }, [data, formProps.ref]);
  return (
    <form {...formProps} className="flex flex-col gap-6" data-testid="connect-mailbox">
      <input type="hidden" name="timezone" value={timezone} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Email address" name="email" state={state} hint="The address your emails come from.">
          <Input id="email" name="email" type="email" autoComplete="off" />
        </Field>
        <Field label="Sender name" name="displayName" state={state} hint="Shown as the sender, and {{sender_name}} in templates.">
          <Input id="displayName" name="displayName" maxLength={200} />
        </Field>
      </div>
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-sm font-semibold">Sending (SMTP)</legend>
        <ServerFields prefix="smtp" state={state} portDefault={587} securityDefault="starttls" />
      </fieldset>
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-sm font-semibold">Receiving (IMAP)</legend>
        <label className="flex items-center gap-2 text-sm">
          <Checkbox name="withImap" checked={withImap} onChange={(e) => setWithImap(e.target.checked)} />
          Also connect IMAP, so replies and bounces can be read from this mailbox
        </label>
        {withImap ? <ServerFields prefix="imap" state={state} portDefault={993} securityDefault="tls" /> : null}
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold">Limits</legend>
        <Field label="Daily limit" name="dailyLimit" state={state} hint="Emails per day, at most.">
          <Input id="dailyLimit" name="dailyLimit" inputMode="numeric" defaultValue={50} />
        </Field>
        <Field label="Minimum gap (seconds)" name="minGapSeconds" state={state} hint="Between two sends.">
          <Input id="minGapSeconds" name="minGapSeconds" inputMode="numeric" defaultValue={60} />
        </Field>
        <Field label="Random extra gap (seconds)" name="gapJitterSeconds" state={state} hint="Added at random to each gap.">
          <Input id="gapJitterSeconds" name="gapJitterSeconds" inputMode="numeric" defaultValue={60} />
        </Field>
      </fieldset>
      <FormMessage state={state && !state.ok ? state : null} />
      {data?.kind === 'connected' && state?.ok ? <Alert variant={data.test.ok ? 'success' : 'warning'}>{state.message}</Alert> : null}
      {data ? <ConnectionTestResult test={data.test} /> : null}
      <div className="flex flex-wrap gap-2">
        <PendingButton pending={pending} name="intent" value="test" variant="outline" pendingText="Testing…">
          <PlugZap className="h-4 w-4" aria-hidden /> Test connection
        </PendingButton>
        <PendingButton pending={pending} name="intent" value="connect" pendingText="Connecting…">Connect mailbox</PendingButton>
      </div>
    </form>
  );
}

export type TEditableMailbox = {
  id: string; email: string; displayName: string | null; provider: string; timezone: string;
  dailyLimit: number; minGapSeconds: number; gapJitterSeconds: number;
  warmup: { enabled: boolean; start: number; increment: number };
  smtp: TServerDefaults; imap: TServerDefaults;
};

/** Limits, warm-up and (for SMTP mailboxes) the server settings; passwords are write-only. */
export function EditMailboxForm({ m, timezones }: { m: TEditableMailbox; timezones: string[] }) {
  const { state, pending, formProps } = useActionForm<TFormState>(updateMailboxAction);
  const [warmup, setWarmup] = useState(m.warmup.enabled);
  const f = (k: string) => `${k}-${m.id}`;
  return (
    <form {...formProps} className="flex flex-col gap-5" data-testid="edit-mailbox">
      <input type="hidden" name="id" value={m.id} />
      <input type="hidden" name="warmup.present" value="1" />
      <div className="grid gap-4 sm:grid-cols-2">
        <IdField id={f('displayName')} label="Sender name" name="displayName" state={state}>
          <Input id={f('displayName')} name="displayName" defaultValue={m.displayName ?? ''} maxLength={200} />
        </IdField>
        <IdField id={f('timezone')} label="Time zone" name="timezone" state={state} hint="Its day (for the daily limit and warm-up) starts at midnight here.">
          <Select id={f('timezone')} name="timezone" defaultValue={m.timezone}>
            {timezones.map((tz) => <option key={tz} value={tz}>{tz.replaceAll('_', ' ')}</option>)}
          </Select>
        </IdField>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <IdField id={f('dailyLimit')} label="Daily limit" name="dailyLimit" state={state}>
          <Input id={f('dailyLimit')} name="dailyLimit" inputMode="numeric" defaultValue={m.dailyLimit} />
        </IdField>
        <IdField id={f('minGapSeconds')} label="Minimum gap (seconds)" name="minGapSeconds" state={state}>
          <Input id={f('minGapSeconds')} name="minGapSeconds" inputMode="numeric" defaultValue={m.minGapSeconds} />
        </IdField>
        <IdField id={f('gapJitterSeconds')} label="Random extra gap (seconds)" name="gapJitterSeconds" state={state}>
          <Input id={f('gapJitterSeconds')} name="gapJitterSeconds" inputMode="numeric" defaultValue={m.gapJitterSeconds} />
        </IdField>
      </div>
      <fieldset className="flex flex-col gap-3">
        <label className="flex items-center gap-2 text-sm font-medium">
          <Checkbox name="warmup.enabled" checked={warmup} onChange={(e) => setWarmup(e.target.checked)} />
          Warm up: start low and grow each day up to the daily limit
        </label>
        {warmup ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <IdField id={f('warmup.start')} label="Emails on the first day" name="warmup.start" state={state}>
              <Input id={f('warmup.start')} name="warmup.start" inputMode="numeric" defaultValue={m.warmup.start} />
            </IdField>
            <IdField id={f('warmup.increment')} label="More each day" name="warmup.increment" state={state} hint="Day n sends first-day + n × this, never above the daily limit.">
              <Input id={f('warmup.increment')} name="warmup.increment" inputMode="numeric" defaultValue={m.warmup.increment} />
            </IdField>
          </div>
        ) : null}
      </fieldset>
      {m.provider === 'smtp' && m.smtp ? (
        <details className="rounded-md border p-3">
          <summary className="cursor-pointer text-sm font-medium">Server settings and passwords</summary>
          <div className="mt-4 flex flex-col gap-5">
            <ServerFields prefix="smtp" state={state} defaults={m.smtp} portDefault={587} securityDefault="starttls" passwordOptional idSuffix={`-${m.id}`} />
            <input type="hidden" name="imap.present" value="1" />
            <p className="text-xs text-muted-foreground">IMAP: clear the server name to disconnect IMAP.</p>
            <ServerFields prefix="imap" state={state} defaults={m.imap} portDefault={993} securityDefault="tls" passwordOptional idSuffix={`-${m.id}`} />
          </div>
        </details>
      ) : null}
      <FormMessage state={state} />
      <div>
        <PendingButton pending={pending} pendingText="Saving…">Save</PendingButton>
      </div>
    </form>
  );
}

/** Test, pause/resume and delete for one mailbox. */
export function MailboxActions({ id, email, status, canDelete }: { id: string; email: string; status: string; canDelete: boolean }) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; text: string; test?: TConnectionTest } | null>(null);
  const run = (fn: typeof pauseMailboxAction, confirmText?: string) => {
    if (confirmText && !window.confirm(confirmText)) return;
    start(async () => {
      const r = await fn(null, { id });
      setResult(r.ok ? { ok: true, text: r.message ?? 'Done.' } : { ok: false, text: r.error.message });
    });
  };
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-2">
        <Button
          variant="outline"
          size="sm"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await testMailboxAction(null, { id });
              setResult(r.ok ? { ok: (r.data as TConnectionTest).ok, text: '', test: r.data as TConnectionTest } : { ok: false, text: r.error.message });
            })
          }
        >
          <PlugZap className="h-3.5 w-3.5" aria-hidden /> {pending ? 'Working…' : 'Test connection'}
        </Button>
        {status === 'active' ? (
          <Button variant="outline" size="sm" disabled={pending} onClick={() => run(pauseMailboxAction)}>
            <Pause className="h-3.5 w-3.5" aria-hidden /> Pause
          </Button>
        ) : (
          <Button variant="outline" size="sm" disabled={pending} onClick={() => run(resumeMailboxAction)}>
            <Play className="h-3.5 w-3.5" aria-hidden /> Resume
          </Button>
        )}
        {canDelete ? (
          <Button
            variant="outline"
            size="sm"
            disabled={pending}
            onClick={() => run(deleteMailboxAction, `Remove ${email}? Campaigns stop sending from it; their unsent emails move to their other mailboxes. The stored password is deleted.`)}
          >
            <Trash2 className="h-3.5 w-3.5" aria-hidden /> Delete
          </Button>
        ) : null}
      </div>
      {result?.test ? <ConnectionTestResult test={result.test} /> : result ? <Alert variant={result.ok ? 'success' : 'error'}>{result.text}</Alert> : null}
    </div>
  );
}
