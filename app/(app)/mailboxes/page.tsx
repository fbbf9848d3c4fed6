import type { Metadata } from 'next';
import Link from 'next/link';
import { Mail } from 'lucide-react';
import { requireUser, asUser } from '@/lib/auth';
import { env } from '@/lib/env';
import { Alert, Badge, Card, CardContent, CardDescription, CardHeader, CardTitle, EmptyState, PageHeader, buttonVariants, formatDateTime } from '@/components/ui';
import { getOrganization, TIMEZONE_OPTIONS } from '@/features/accounts';
import { actorOf, findMailboxes, type TMailboxView } from '@/features/mailboxes';
import { MAILBOX_STATUS_LABELS, pauseText } from '@/components/mailboxes/labels';
import { PROVIDER_LABELS, pct } from '@/components/sequences/labels';
import { ConnectMailboxForm, EditMailboxForm, MailboxActions } from './mailboxes-ui';

export const metadata: Metadata = { title: 'Mailboxes' };

type TSearch = { connected?: string; oauth_error?: string };

export default async function MailboxesPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const sp = await searchParams;
  const user = await requireUser();
  const mode = env().mode;
  const { mailboxes, tz } = await asUser(user, async (db) => ({
    mailboxes: await findMailboxes(db, actorOf(user)),
    tz: (await getOrganization(db, user.orgId)).timezone,
  }));
  const connected = sp.connected ? mailboxes.find((m) => m.id === sp.connected) : undefined;
  return (
    <>
      <PageHeader
        title="Mailboxes"
        description="The addresses your campaigns send from. Each has its own daily limit, spacing between sends and warm-up; a mailbox whose emails bounce too often pauses itself and says why."
      />
      {connected ? <Alert variant="success" className="mb-6">Connected {connected.email}. Add it to a campaign on the campaign&apos;s Settings tab.</Alert> : null}
      {sp.oauth_error ? (
        <Alert variant="error" className="mb-6">
          The mailbox was not connected: {sp.oauth_error === 'access_denied' || sp.oauth_error === 'cancelled' ? 'the permission was not granted' : sp.oauth_error}. Try again, and allow LeadPilot to send and read mail.
        </Alert>
      ) : null}

      {mode === 'local' ? (
        <Alert variant="info" className="mb-6">
          <p className="font-medium">Local mode: the built-in Dev mailbox sends into the <Link className="underline" href="/dev/mailbox">dev mailbox at /dev/mailbox</Link>.</p>
          <p className="mt-0.5">Every campaign can use it, so the whole flow works without a real mailbox: emails are stored on this machine with their full headers, and nothing leaves it. Gmail and Outlook sign-in is available in cloud mode; SMTP/IMAP mailboxes work in both.</p>
        </Alert>
      ) : null}

      <div className="flex flex-col gap-6">
        {mailboxes.length === 0 ? (
          <EmptyState
            title="No mailboxes yet"
            description={mode === 'cloud' ? 'Connect Gmail or Outlook with one click, or any mailbox over SMTP/IMAP below. Campaigns need at least one mailbox to send.' : 'Connect a mailbox over SMTP/IMAP below.'}
          />
        ) : (
          mailboxes.map((m) => <MailboxCard key={m.id} m={m} tz={tz} />)
        )}

        {mode === 'cloud' ? (
          <Card>
            <CardHeader>
              <CardTitle>Connect Gmail or Outlook</CardTitle>
              <CardDescription>Sign in with the provider and allow LeadPilot to send and read mail. No password is stored: LeadPilot keeps a token it refreshes itself.</CardDescription>
            </CardHeader>
            <CardContent className="flex flex-wrap gap-2">
              <a className={buttonVariants({ variant: 'outline' })} href="/api/oauth/gmail/start">Connect Gmail</a>
              <a className={buttonVariants({ variant: 'outline' })} href="/api/oauth/outlook/start">Connect Outlook</a>
            </CardContent>
          </Card>
        ) : null}

        <Card>
          <CardHeader>
            <CardTitle>Connect a mailbox over SMTP and IMAP</CardTitle>
            <CardDescription>
              Your provider lists these settings (often under “IMAP/SMTP” or “other mail apps”). Test the connection first: LeadPilot logs in to both servers and shows what they answered.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ConnectMailboxForm timezone={tz} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}

function MailboxCard({ m, tz }: { m: TMailboxView; tz: string }) {
  const why = pauseText(m);
  const warmingUp = m.warmup.enabled && m.today.cap < m.dailyLimit;
  const test = m.lastTest;
  return (
    <Card data-testid="mailbox-card">
      <CardHeader>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <CardTitle className="flex flex-wrap items-center gap-2">
              <Mail className="h-4 w-4 text-muted-foreground" aria-hidden />
              <span className="truncate">{m.email}</span>
              <Badge variant={m.status === 'active' ? 'success' : m.status === 'error' ? 'danger' : 'warning'} data-testid="mailbox-status">{MAILBOX_STATUS_LABELS[m.status] ?? m.status}</Badge>
              <Badge variant="muted">{PROVIDER_LABELS[m.provider] ?? m.provider}</Badge>
            </CardTitle>
            <CardDescription>
              {m.displayName ? `Sends as “${m.displayName}”` : 'No sender name'}
              {m.provider === 'dev' ? ' · emails land in the dev mailbox on this machine' : m.smtp ? ` · ${m.smtp.host}:${m.smtp.port}${m.imap ? ` · IMAP ${m.imap.host}:${m.imap.port}` : ' · no IMAP'}` : ''}
              {m.oauth ? (m.oauth.connected ? ' · signed in with OAuth' : ' · sign-in needed: connect it again') : ''}
            </CardDescription>
          </div>
          <MailboxActions id={m.id} email={m.email} status={m.status} canDelete={m.provider !== 'dev'} />
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {why ? <Alert variant={m.status === 'error' ? 'error' : 'warning'} data-testid="mailbox-paused-reason">{why}</Alert> : null}
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
          <div>
            <dt className="text-xs text-muted-foreground">Sent today</dt>
            <dd data-testid="mailbox-today">
              {m.today.sent.toLocaleString('en')} of {m.today.cap.toLocaleString('en')}
              {warmingUp ? <span className="text-muted-foreground"> (warm-up cap)</span> : null}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">Daily limit</dt>
            <dd>
              {m.dailyLimit.toLocaleString('en')}
              {m.warmup.enabled ? <span className="text-muted-foreground"> · warm-up from {m.warmup.start}, +{m.warmup.increment}/day</span> : null}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">Spacing</dt>
            <dd>{m.minGapSeconds} s + up to {m.gapJitterSeconds} s at random</dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">Health, last {m.health.windowDays} days</dt>
            <dd data-testid="mailbox-health">
              {m.health.sent ? `Bounces ${pct(m.health.bounceRate)} · complaints ${pct(m.health.complaintRate, 2)}` : 'No sends yet'}
              <span className="block text-xs text-muted-foreground">
                {m.health.sent.toLocaleString('en')} sent · pauses at {pct(m.thresholds.bounce)} bounces or {pct(m.thresholds.complaint, 2)} complaints over ≥ {m.thresholds.minSample} sends
              </span>
            </dd>
          </div>
        </dl>
        <p className="text-xs text-muted-foreground">
          Day and limits in {m.timezone.replaceAll('_', ' ')} · last sent {m.lastSentAt ? formatDateTime(m.lastSentAt, tz) : 'never'}
          {test ? ` · last connection test ${formatDateTime(test.at, tz)}: ${test.ok ? 'passed' : 'failed'}${typeof test.result?.summary === 'string' ? ` — ${test.result.summary}` : ''}` : ''}
        </p>
        <details>
          <summary className="cursor-pointer text-sm font-medium text-primary">Edit limits and warm-up</summary>
          <div className="mt-4">
            <EditMailboxForm
              m={{
                id: m.id, email: m.email, displayName: m.displayName, provider: m.provider, timezone: m.timezone, dailyLimit: m.dailyLimit,
                minGapSeconds: m.minGapSeconds, gapJitterSeconds: m.gapJitterSeconds, warmup: m.warmup, smtp: m.smtp, imap: m.imap,
              }}
              timezones={TIMEZONE_OPTIONS}
            />
          </div>
        </details>
      </CardContent>
    </Card>
  );
}
