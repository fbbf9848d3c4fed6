/**
 * "Test connection" (M1): really logs in to the SMTP server (and the IMAP server when configured) and
 * reports what the servers answered. Network work happens outside any database transaction: the
 * caller passes `run`, which opens a short RLS transaction for each read and write.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { mailboxes, mailboxSecrets } from '@/db/schema';
import { testImapLogin, type TImapTestResult } from '@/integrations/imap';
import { testSmtpLogin, type TSmtpTestResult } from '@/integrations/smtp';
import { decryptSecret } from '@/lib/crypto';
import { AppError } from '@/lib/errors';
import { loadSendingMailboxes, mailTarget, type TActor } from './mailboxes';
import { ensureFreshAccessToken } from './oauth';
import type { TTestSettings } from './schemas';

export type TConnectionTest = {
  ok: boolean;
  smtp: TSmtpTestResult;
  imap: TImapTestResult | null;
  /** One sentence for the UI. */
  summary: string;
  testedAt: string;
};

type TServer = { host: string; port: number; security: 'tls' | 'starttls' | 'none'; username: string };

function summarize(smtp: TSmtpTestResult, imap: TImapTestResult | null): string {
  const s = smtp.ok
    ? `SMTP: logged in${smtp.transcript.length ? ` (${smtp.transcript[smtp.transcript.length - 1]})` : ''}.`
    : `SMTP: ${smtp.stage === 'auth' ? 'the login was refused' : smtp.stage === 'connect' ? 'could not connect' : `failed at ${smtp.stage}`} — ${smtp.error?.message ?? 'no answer'}.`;
  if (!imap) return s;
  const i = imap.ok
    ? `IMAP: logged in${imap.folders !== undefined ? `, ${imap.folders} folder${imap.folders === 1 ? '' : 's'}` : ''}.`
    : `IMAP: ${imap.stage === 'auth' ? 'the login was refused' : 'could not connect'} — ${imap.error?.response ?? imap.error?.message ?? 'no answer'}.`;
  return `${s} ${i}`;
}

async function runTests(smtp: TServer & { pass?: string; accessToken?: string }, imap: (TServer & { pass?: string; accessToken?: string }) | null, email?: string): Promise<TConnectionTest> {
  const auth = (s: { username: string; pass?: string; accessToken?: string }) =>
    s.accessToken ? { user: s.username, accessToken: s.accessToken } : { user: s.username, pass: s.pass ?? '' };
  const smtpTarget = await mailTarget(smtp.host);
  const imapTarget = imap ? await mailTarget(imap.host) : undefined;
  const [smtpResult, imapResult] = await Promise.all([
    testSmtpLogin({ ...smtpTarget, port: smtp.port, security: smtp.security, auth: auth(smtp), name: email?.split('@')[1] }),
    imap && imapTarget ? testImapLogin({ ...imapTarget, port: imap.port, security: imap.security, auth: auth(imap) }) : Promise.resolve(null),
  ]);
  return { ok: smtpResult.ok && (imapResult?.ok ?? true), smtp: smtpResult, imap: imapResult, summary: summarize(smtpResult, imapResult), testedAt: new Date().toISOString() };
}

/** Tests settings before they are saved (the "Test connection" button of the form). */
export async function testMailboxSettings(input: TTestSettings): Promise<TConnectionTest> {
  return runTests({ ...input.smtp, pass: input.smtp.password }, input.imap ? { ...input.imap, pass: input.imap.password } : null, input.email);
}

/**
 * Tests a saved mailbox with its stored credentials and records the result on the mailbox.
 * `run` opens an RLS transaction as the caller (only the mailbox's owner and admins read its secrets);
 * `db` is the process database, used outside those transactions to refresh an OAuth token.
 */
export async function testMailboxConnection(
  db: Db,
  run: <T>(fn: (tx: Db) => Promise<T>) => Promise<T>,
  actor: TActor,
  id: string,
): Promise<TConnectionTest> {
  const found = await run(async (tx) => {
    const [row] = await tx
      .select({ m: mailboxes, s: mailboxSecrets })
      .from(mailboxes)
      .leftJoin(mailboxSecrets, eq(mailboxSecrets.mailboxId, mailboxes.id))
      .where(and(eq(mailboxes.orgId, actor.orgId), eq(mailboxes.id, id)));
    return row;
  });
  if (!found) throw new AppError('NOT_FOUND', 'That mailbox does not exist.');
  const { m, s } = found;
  let result: TConnectionTest;
  if (m.provider === 'dev') {
    const smtp: TSmtpTestResult = { ok: true, stage: 'done', transcript: ['The built-in dev mailbox keeps every email on this machine (Dev mailbox page).'] };
    result = { ok: true, smtp, imap: null, summary: 'The dev mailbox works: emails are stored locally, nothing leaves this machine.', testedAt: new Date().toISOString() };
  } else {
    if (!s) throw new AppError('FORBIDDEN', 'Only the member who connected this mailbox, or an owner or admin, can test it.');
    let accessToken: string | undefined;
    if (m.provider === 'gmail' || m.provider === 'outlook') {
      const sending = (await loadSendingMailboxes(db, [m.id])).get(m.id)!;
      accessToken = await ensureFreshAccessToken(db, sending);
    }
    const secret = (v: string | null | undefined) => (v ? decryptSecret(v) : undefined);
    result = await runTests(
      { host: m.smtpHost!, port: m.smtpPort!, security: m.smtpSecurity!, username: m.smtpUsername ?? m.email, pass: secret(s.smtpPassword), accessToken },
      m.imapHost ? { host: m.imapHost, port: m.imapPort!, security: m.imapSecurity!, username: m.imapUsername ?? m.email, pass: secret(s.imapPassword), accessToken } : null,
      m.email,
    );
  }
  await run((tx) =>
    tx
      .update(mailboxes)
      .set({
        lastTestAt: new Date(result.testedAt), lastTestOk: result.ok,
        lastTestResult: { summary: result.summary, smtp: result.smtp, imap: result.imap } as Record<string, unknown>,
        // A passing test ends an "auth failed" pause: the credentials work again.
        ...(result.ok && m.pausedReason === 'auth_failed' ? { status: 'active' as const, pausedReason: null, pausedDetail: {}, pausedAt: null } : {}),
      })
      .where(and(eq(mailboxes.orgId, actor.orgId), eq(mailboxes.id, id))),
  );
  return result;
}
