/**
 * Mailboxes (M1–M3): create, read, change, delete, pause and resume; the local-mode "Dev mailbox";
 * the view the UI and API show (never a secret). Passwords and tokens live encrypted in
 * mailbox_secrets and are read back only to send or to test a connection.
 */
import { and, eq } from 'drizzle-orm';
import { asService, one, rows, sql, type Db } from '@/db';
import { mailboxes, mailboxSecrets, type TMailboxPauseReason, type TMailboxProvider, type TMailboxSecurity, type TMailboxStatus } from '@/db/schema';
import { recordAudit } from '@/features/accounts';
import { decryptSecret, encryptSecret } from '@/lib/crypto';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { resolvePublicHost } from '@/lib/safe-fetch';
import { dailyCapOn, health, mailboxDate, type THealth } from './pacing';
import type { TCreateMailbox, TUpdateMailbox } from './schemas';

export type TActor = { orgId: string; userId: string; via?: 'session' | 'api_key'; ip?: string };

/** The actor of a request (route handlers and server actions). */
export const actorOf = (ctx: { orgId: string; userId: string; via?: 'session' | 'api_key' }, ip?: string): TActor => ({ orgId: ctx.orgId, userId: ctx.userId, via: ctx.via, ip });

/** Where the UI shows mailboxes (notifications link here). */
export const MAILBOXES_PATH = '/settings/mailboxes';

export type TMailboxRow = typeof mailboxes.$inferSelect;

export type TMailboxView = {
  id: string;
  email: string;
  displayName: string | null;
  provider: TMailboxProvider;
  ownerId: string | null;
  smtp: { host: string; port: number; security: TMailboxSecurity; username: string; hasPassword: boolean } | null;
  imap: { host: string; port: number; security: TMailboxSecurity; username: string; hasPassword: boolean } | null;
  oauth: { connected: boolean; expiresAt: string | null } | null;
  timezone: string;
  dailyLimit: number;
  minGapSeconds: number;
  gapJitterSeconds: number;
  warmup: { enabled: boolean; start: number; increment: number; startedOn: string | null };
  /** Today's cap (warm-up included) and how many went out today, on the mailbox's own day. */
  today: { date: string; cap: number; sent: number; remaining: number };
  thresholds: { bounce: number; complaint: number; minSample: number; windowDays: number };
  health: THealth & { windowDays: number };
  status: TMailboxStatus;
  pausedReason: TMailboxPauseReason | null;
  pausedDetail: Record<string, unknown>;
  pausedAt: string | null;
  lastTest: { at: string; ok: boolean; result: Record<string, unknown> | null } | null;
  lastSentAt: string | null;
  createdAt: string;
  updatedAt: string;
};

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

type TStats = { mailbox_id: string; sent_today: number; sent_window: number; bounced_window: number; complaints_window: number };

/** Sends today (mailbox's day) and health over each mailbox's rolling window. */
async function statsFor(db: Db, ids: string[]): Promise<Map<string, TStats>> {
  if (!ids.length) return new Map();
  const r = await rows<TStats>(
    db,
    sql`select mb.id as mailbox_id,
          (select count(*)::int from public.messages m
            where m.mailbox_id = mb.id and m.status in ('sending', 'sent', 'bounced', 'uncertain')
              and (coalesce(m.sent_at, m.scheduled_for) at time zone mb.timezone)::date = (now() at time zone mb.timezone)::date) as sent_today,
          (select count(*)::int from public.messages m
            where m.mailbox_id = mb.id and m.status in ('sent', 'bounced')
              and m.sent_at >= now() - make_interval(days => mb.health_window_days)) as sent_window,
          (select count(*)::int from public.messages m
            where m.mailbox_id = mb.id and m.status = 'bounced'
              and m.sent_at >= now() - make_interval(days => mb.health_window_days)) as bounced_window,
          (select count(distinct e.message_id)::int from public.message_events e join public.messages m on m.id = e.message_id
            where m.mailbox_id = mb.id and e.kind = 'complaint'
              and m.sent_at >= now() - make_interval(days => mb.health_window_days)) as complaints_window
        from public.mailboxes mb where mb.id = any(${sql.param(ids)}::uuid[])`,
  );
  return new Map(r.map((x) => [x.mailbox_id, x]));
}

type TSecretsFlags = { smtp: boolean; imap: boolean; oauth: boolean };

function view(m: TMailboxRow, stats: TStats | undefined, secrets: TSecretsFlags, now = new Date()): TMailboxView {
  const warmup = { enabled: m.warmupEnabled, start: m.warmupStart, increment: m.warmupIncrement, startedOn: m.warmupStartedOn ?? null };
  const date = mailboxDate(now, m.timezone);
  const cap = dailyCapOn(date, { dailyLimit: m.dailyLimit, warmup });
  const sent = stats?.sent_today ?? 0;
  return {
    id: m.id,
    email: m.email,
    displayName: m.displayName,
    provider: m.provider,
    ownerId: m.userId,
    smtp: m.smtpHost ? { host: m.smtpHost, port: m.smtpPort!, security: m.smtpSecurity!, username: m.smtpUsername ?? m.email, hasPassword: secrets.smtp } : null,
    imap: m.imapHost ? { host: m.imapHost, port: m.imapPort!, security: m.imapSecurity!, username: m.imapUsername ?? m.email, hasPassword: secrets.imap } : null,
    oauth: m.provider === 'gmail' || m.provider === 'outlook' ? { connected: secrets.oauth, expiresAt: iso(m.oauthExpiresAt) } : null,
    timezone: m.timezone,
    dailyLimit: m.dailyLimit,
    minGapSeconds: m.minGapSeconds,
    gapJitterSeconds: m.gapJitterSeconds,
    warmup,
    today: { date, cap, sent, remaining: Math.max(0, cap - sent) },
    thresholds: { bounce: Number(m.bouncePauseThreshold), complaint: Number(m.complaintPauseThreshold), minSample: m.healthMinSample, windowDays: m.healthWindowDays },
    health: { ...health(stats?.sent_window ?? 0, stats?.bounced_window ?? 0, stats?.complaints_window ?? 0), windowDays: m.healthWindowDays },
    status: m.status,
    pausedReason: m.pausedReason,
    pausedDetail: m.pausedDetail ?? {},
    pausedAt: iso(m.pausedAt),
    lastTest: m.lastTestAt ? { at: iso(m.lastTestAt)!, ok: Boolean(m.lastTestOk), result: m.lastTestResult ?? null } : null,
    lastSentAt: iso(m.lastSentAt),
    createdAt: iso(m.createdAt)!,
    updatedAt: iso(m.updatedAt)!,
  };
}

/** Which secrets exist, without reading them (under RLS only owners/admins see the row; others see false). */
async function secretFlags(db: Db, ids: string[]): Promise<Map<string, TSecretsFlags>> {
  if (!ids.length) return new Map();
  const r = await rows<{ mailbox_id: string; smtp: boolean; imap: boolean; oauth: boolean }>(
    db,
    sql`select mailbox_id, smtp_password is not null as smtp, imap_password is not null as imap,
               (oauth_refresh_token is not null or oauth_access_token is not null) as oauth
        from public.mailbox_secrets where mailbox_id = any(${sql.param(ids)}::uuid[])`,
  );
  return new Map(r.map((x) => [x.mailbox_id, { smtp: x.smtp, imap: x.imap, oauth: x.oauth }]));
}

async function views(db: Db, list: TMailboxRow[]): Promise<TMailboxView[]> {
  const ids = list.map((m) => m.id);
  const [stats, flags] = await Promise.all([statsFor(db, ids), secretFlags(db, ids)]);
  // Members who may not read a mailbox's secrets see whether they were given when it was connected.
  const assumed = (m: TMailboxRow): TSecretsFlags => ({ smtp: Boolean(m.smtpHost), imap: Boolean(m.imapHost), oauth: m.provider === 'gmail' || m.provider === 'outlook' });
  return list.map((m) => view(m, stats.get(m.id), flags.get(m.id) ?? assumed(m)));
}

/** The organization's mailboxes (in local mode the Dev mailbox is created on first use). */
export async function findMailboxes(db: Db, actor: TActor): Promise<TMailboxView[]> {
  if (env().mode === 'local') await ensureDevMailbox(db, actor);
  const list = await db.select().from(mailboxes).where(eq(mailboxes.orgId, actor.orgId)).orderBy(mailboxes.createdAt);
  return views(db, list);
}

export async function getMailbox(db: Db, orgId: string, id: string): Promise<TMailboxView> {
  const [m] = await db.select().from(mailboxes).where(and(eq(mailboxes.orgId, orgId), eq(mailboxes.id, id)));
  if (!m) throw new AppError('NOT_FOUND', 'That mailbox does not exist.');
  return (await views(db, [m]))[0]!;
}

/**
 * Mail servers must be public in cloud mode (a mailbox form must not become a port scanner of our
 * network). Local mode allows any host, so a mail server on the same machine works.
 */
export async function assertMailHost(host: string): Promise<void> {
  await mailTarget(host);
}

/** Where to connect for a mail server: in cloud mode the checked address (no second DNS answer), with the name for TLS. */
export async function mailTarget(host: string): Promise<{ host: string; servername: string }> {
  if (env().mode === 'local') return { host, servername: host };
  return { host: (await resolvePublicHost(host)).address, servername: host };
}

/**
 * The local-mode built-in mailbox: provider 'dev', sends the full MIME into the dev mailbox. One per
 * organization, created on first use; generous limits so a demo is not slowed down.
 */
export async function ensureDevMailbox(db: Db, actor: TActor): Promise<string | undefined> {
  if (env().mode !== 'local') return undefined;
  const existing = await one<{ id: string }>(db, sql`select id from public.mailboxes where org_id = ${actor.orgId}::uuid and provider = 'dev'`);
  if (existing) return existing.id;
  const org = await one<{ slug: string; name: string; sender: string | null; full_name: string | null }>(
    db,
    sql`select o.slug, o.name, o.business_context ->> 'sender_name' as sender, u.full_name
        from public.organizations o left join public.users u on u.id = ${actor.userId}::uuid where o.id = ${actor.orgId}::uuid`,
  );
  if (!org) throw new AppError('NOT_FOUND', 'That organization does not exist.');
  const r = await one<{ id: string }>(
    db,
    sql`insert into public.mailboxes (org_id, user_id, provider, email, display_name, daily_limit, min_gap_seconds, gap_jitter_seconds)
        values (${actor.orgId}, ${actor.userId}, 'dev', ${`outreach@${org.slug}.dev.leadpilot.local`}, ${org.sender ?? org.full_name ?? org.name}, 5000, 0, 0)
        on conflict (org_id) where provider = 'dev' do nothing
        returning id`,
  );
  if (r) return r.id;
  return (await one<{ id: string }>(db, sql`select id from public.mailboxes where org_id = ${actor.orgId}::uuid and provider = 'dev'`))?.id;
}

const warmupStart = (enabled: boolean | undefined, startedOn: string | null | undefined, tz: string) =>
  enabled ? (startedOn ?? mailboxDate(new Date(), tz)) : (startedOn ?? null);

export async function createMailbox(db: Db, actor: TActor, input: TCreateMailbox): Promise<TMailboxView> {
  await assertMailHost(input.smtp.host);
  if (input.imap) await assertMailHost(input.imap.host);
  const tz = input.timezone ?? (await one<{ tz: string }>(db, sql`select timezone as tz from public.organizations where id = ${actor.orgId}::uuid`))?.tz ?? 'UTC';
  const [m] = await db
    .insert(mailboxes)
    .values({
      orgId: actor.orgId,
      userId: actor.userId,
      provider: 'smtp',
      email: input.email,
      displayName: input.displayName || null,
      smtpHost: input.smtp.host, smtpPort: input.smtp.port, smtpSecurity: input.smtp.security, smtpUsername: input.smtp.username,
      imapHost: input.imap?.host ?? null, imapPort: input.imap?.port ?? null, imapSecurity: input.imap?.security ?? null, imapUsername: input.imap?.username ?? null,
      timezone: tz,
      ...(input.dailyLimit !== undefined ? { dailyLimit: input.dailyLimit } : {}),
      ...(input.minGapSeconds !== undefined ? { minGapSeconds: input.minGapSeconds } : {}),
      ...(input.gapJitterSeconds !== undefined ? { gapJitterSeconds: input.gapJitterSeconds } : {}),
      ...(input.warmup
        ? {
            warmupEnabled: input.warmup.enabled,
            ...(input.warmup.start !== undefined ? { warmupStart: input.warmup.start } : {}),
            ...(input.warmup.increment !== undefined ? { warmupIncrement: input.warmup.increment } : {}),
            warmupStartedOn: warmupStart(input.warmup.enabled, input.warmup.startedOn, tz),
          }
        : {}),
      ...(input.bouncePauseThreshold !== undefined ? { bouncePauseThreshold: input.bouncePauseThreshold } : {}),
      ...(input.complaintPauseThreshold !== undefined ? { complaintPauseThreshold: input.complaintPauseThreshold } : {}),
      ...(input.healthMinSample !== undefined ? { healthMinSample: input.healthMinSample } : {}),
      ...(input.healthWindowDays !== undefined ? { healthWindowDays: input.healthWindowDays } : {}),
    })
    .onConflictDoNothing()
    .returning();
  if (!m) throw new AppError('CONFLICT', `The mailbox ${input.email} is already connected.`);
  await db.insert(mailboxSecrets).values({
    mailboxId: m.id,
    orgId: actor.orgId,
    smtpPassword: encryptSecret(input.smtp.password),
    imapPassword: input.imap ? encryptSecret(input.imap.password) : null,
  });
  await recordAudit(db, {
    orgId: actor.orgId, actorId: actor.userId, actorType: actor.via === 'api_key' ? 'api_key' : 'user', action: 'mailbox.connected',
    targetType: 'mailbox', targetId: m.id, metadata: { email: m.email, provider: 'smtp', smtpHost: m.smtpHost }, ip: actor.ip,
  });
  return getMailbox(db, actor.orgId, m.id);
}

async function rowOf(db: Db, orgId: string, id: string): Promise<TMailboxRow> {
  const [m] = await db.select().from(mailboxes).where(and(eq(mailboxes.orgId, orgId), eq(mailboxes.id, id)));
  if (!m) throw new AppError('NOT_FOUND', 'That mailbox does not exist.');
  return m;
}

export async function updateMailbox(db: Db, actor: TActor, id: string, patch: TUpdateMailbox): Promise<TMailboxView> {
  const m = await rowOf(db, actor.orgId, id);
  if (m.provider === 'dev' && (patch.smtp || patch.imap)) throw new AppError('INVALID_INPUT', 'The built-in dev mailbox has no server settings.');
  if ((m.provider === 'gmail' || m.provider === 'outlook') && (patch.smtp || patch.imap)) {
    throw new AppError('INVALID_INPUT', 'Gmail and Outlook mailboxes connect with OAuth; reconnect them instead of entering server settings.');
  }
  if (patch.smtp) await assertMailHost(patch.smtp.host);
  if (patch.imap) await assertMailHost(patch.imap.host);
  const tz = patch.timezone ?? m.timezone;
  const credentialsChanged = Boolean(patch.smtp?.password || patch.imap?.password || patch.smtp || patch.imap);
  const set: Partial<typeof mailboxes.$inferInsert> = {
    ...(patch.displayName !== undefined ? { displayName: patch.displayName || null } : {}),
    ...(patch.smtp ? { smtpHost: patch.smtp.host, smtpPort: patch.smtp.port, smtpSecurity: patch.smtp.security, smtpUsername: patch.smtp.username } : {}),
    ...(patch.imap === null ? { imapHost: null, imapPort: null, imapSecurity: null, imapUsername: null } : {}),
    ...(patch.imap ? { imapHost: patch.imap.host, imapPort: patch.imap.port, imapSecurity: patch.imap.security, imapUsername: patch.imap.username } : {}),
    ...(patch.timezone !== undefined ? { timezone: patch.timezone } : {}),
    ...(patch.dailyLimit !== undefined ? { dailyLimit: patch.dailyLimit } : {}),
    ...(patch.minGapSeconds !== undefined ? { minGapSeconds: patch.minGapSeconds } : {}),
    ...(patch.gapJitterSeconds !== undefined ? { gapJitterSeconds: patch.gapJitterSeconds } : {}),
    ...(patch.warmup
      ? {
          warmupEnabled: patch.warmup.enabled,
          ...(patch.warmup.start !== undefined ? { warmupStart: patch.warmup.start } : {}),
          ...(patch.warmup.increment !== undefined ? { warmupIncrement: patch.warmup.increment } : {}),
          warmupStartedOn: patch.warmup.startedOn !== undefined ? patch.warmup.startedOn : m.warmupEnabled ? m.warmupStartedOn : warmupStart(patch.warmup.enabled, null, tz),
        }
      : {}),
    ...(patch.bouncePauseThreshold !== undefined ? { bouncePauseThreshold: patch.bouncePauseThreshold } : {}),
    ...(patch.complaintPauseThreshold !== undefined ? { complaintPauseThreshold: patch.complaintPauseThreshold } : {}),
    ...(patch.healthMinSample !== undefined ? { healthMinSample: patch.healthMinSample } : {}),
    ...(patch.healthWindowDays !== undefined ? { healthWindowDays: patch.healthWindowDays } : {}),
    // New credentials end an "auth failed" pause: the next send tries them.
    ...(credentialsChanged && m.pausedReason === 'auth_failed' ? { status: 'active' as const, pausedReason: null, pausedDetail: {}, pausedAt: null } : {}),
  };
  if (Object.keys(set).length) {
    const r = await db.update(mailboxes).set(set).where(and(eq(mailboxes.orgId, actor.orgId), eq(mailboxes.id, id))).returning({ id: mailboxes.id });
    if (!r.length) throw new AppError('FORBIDDEN', 'Only the member who connected this mailbox, or an owner or admin, can change it.');
  }
  if (patch.smtp?.password || patch.imap?.password || patch.imap === null) {
    const values = {
      ...(patch.smtp?.password ? { smtpPassword: encryptSecret(patch.smtp.password) } : {}),
      ...(patch.imap?.password ? { imapPassword: encryptSecret(patch.imap.password) } : {}),
      ...(patch.imap === null ? { imapPassword: null } : {}),
    };
    await db.insert(mailboxSecrets).values({ mailboxId: id, orgId: actor.orgId, ...values }).onConflictDoUpdate({ target: mailboxSecrets.mailboxId, set: values });
  }
  if (patch.smtp || patch.imap !== undefined) {
    await recordAudit(db, {
      orgId: actor.orgId, actorId: actor.userId, actorType: actor.via === 'api_key' ? 'api_key' : 'user', action: 'mailbox.updated',
      targetType: 'mailbox', targetId: id, metadata: { email: m.email, credentials: credentialsChanged }, ip: actor.ip,
    });
  }
  return getMailbox(db, actor.orgId, id);
}

export async function deleteMailbox(db: Db, actor: TActor, id: string): Promise<void> {
  const m = await rowOf(db, actor.orgId, id);
  if (m.provider === 'dev') throw new AppError('INVALID_INPUT', 'The built-in dev mailbox cannot be removed; pause it instead.');
  // Unsent emails of this mailbox go back to be slotted on another mailbox of their campaign.
  await db.execute(sql`update public.messages set mailbox_id = null, scheduled_for = null, from_email = null, from_name = null, message_id_header = null
                       where org_id = ${actor.orgId}::uuid and mailbox_id = ${id}::uuid and status = 'scheduled'`);
  const r = await db.delete(mailboxes).where(and(eq(mailboxes.orgId, actor.orgId), eq(mailboxes.id, id))).returning({ id: mailboxes.id });
  if (!r.length) throw new AppError('FORBIDDEN', 'Only the member who connected this mailbox, or an owner or admin, can remove it.');
  await recordAudit(db, {
    orgId: actor.orgId, actorId: actor.userId, actorType: actor.via === 'api_key' ? 'api_key' : 'user', action: 'mailbox.deleted',
    targetType: 'mailbox', targetId: id, metadata: { email: m.email }, ip: actor.ip,
  });
}

export async function pauseMailbox(db: Db, actor: TActor, id: string): Promise<TMailboxView> {
  await rowOf(db, actor.orgId, id);
  const r = await db
    .update(mailboxes)
    .set({ status: 'paused', pausedReason: 'manual', pausedDetail: { by: actor.userId }, pausedAt: new Date() })
    .where(and(eq(mailboxes.orgId, actor.orgId), eq(mailboxes.id, id), eq(mailboxes.status, 'active')))
    .returning({ id: mailboxes.id });
  if (!r.length) {
    const now = await rowOf(db, actor.orgId, id);
    if (now.status !== 'active') throw new AppError('CONFLICT', 'The mailbox is already paused.');
    throw new AppError('FORBIDDEN', 'Only the member who connected this mailbox, or an owner or admin, can pause it.');
  }
  return getMailbox(db, actor.orgId, id);
}

/** Resumes a paused mailbox (manually, or after an automatic pause the user has looked at). */
export async function resumeMailbox(db: Db, actor: TActor, id: string): Promise<TMailboxView> {
  const m = await rowOf(db, actor.orgId, id);
  if (m.status === 'active') throw new AppError('CONFLICT', 'The mailbox is not paused.');
  const r = await db
    .update(mailboxes)
    .set({ status: 'active', pausedReason: null, pausedDetail: {}, pausedAt: null })
    .where(and(eq(mailboxes.orgId, actor.orgId), eq(mailboxes.id, id)))
    .returning({ id: mailboxes.id });
  if (!r.length) throw new AppError('FORBIDDEN', 'Only the member who connected this mailbox, or an owner or admin, can resume it.');
  await recordAudit(db, {
    orgId: actor.orgId, actorId: actor.userId, actorType: actor.via === 'api_key' ? 'api_key' : 'user', action: 'mailbox.resumed',
    targetType: 'mailbox', targetId: id, metadata: { email: m.email, wasPausedFor: m.pausedReason, detail: m.pausedDetail }, ip: actor.ip,
  });
  return getMailbox(db, actor.orgId, id);
}

// ---- for jobs (service role) ------------------------------------------------------------------------

export type TSendingMailbox = TMailboxRow & {
  smtpPassword: string | null;
  imapPassword: string | null;
  oauthAccessToken: string | null;
  oauthRefreshToken: string | null;
  secretsUpdatedAt: Date | null;
};

/** Mailbox rows with their decrypted secrets, for the dispatcher. Service role only. */
export async function loadSendingMailboxes(db: Db, ids: string[]): Promise<Map<string, TSendingMailbox>> {
  if (!ids.length) return new Map();
  const list = await asService(db, (tx) =>
    tx
      .select({ m: mailboxes, s: mailboxSecrets })
      .from(mailboxes)
      .leftJoin(mailboxSecrets, eq(mailboxSecrets.mailboxId, mailboxes.id))
      .where(sql`${mailboxes.id} = any(${sql.param(ids)}::uuid[])`),
  );
  const dec = (v: string | null | undefined) => (v ? decryptSecret(v) : null);
  return new Map(
    list.map(({ m, s }) => [
      m.id,
      {
        ...m,
        smtpPassword: dec(s?.smtpPassword),
        imapPassword: dec(s?.imapPassword),
        oauthAccessToken: dec(s?.oauthAccessToken),
        oauthRefreshToken: dec(s?.oauthRefreshToken),
        secretsUpdatedAt: s?.updatedAt ?? null,
      },
    ]),
  );
}
