/**
 * Senders for mailboxes: one pooled nodemailer transport per SMTP mailbox (kept while its settings and
 * credentials are unchanged), XOAUTH2 for Gmail/Outlook with a fresh token, and the Dev mailbox, which
 * builds the full MIME message (MailComposer) and stores it with its headers in the local dev mailbox.
 */
import type { Db } from '@/db';
import { buildMime, createSmtpPool, sendMail, type TOutboundMail, type TPooledTransport, type TSendResult } from '@/integrations/smtp';
import { storeInDevMailbox } from '@/lib/mail';
import { mailTarget, type TSendingMailbox } from './mailboxes';
import { ensureFreshAccessToken } from './oauth';

export type TMailboxSender = { kind: 'smtp' | 'dev'; send(mail: TOutboundMail): Promise<TSendResult> };

type TPoolEntry = { key: string; transport: TPooledTransport; lastUsed: number };

export class MailboxTransports {
  private pools = new Map<string, TPoolEntry>();

  constructor(
    private readonly db: Db,
    private readonly opts: { maxConnections?: number; idleMs?: number } = {},
  ) {}

  /** A sender for the mailbox (the row as loaded by loadSendingMailboxes). */
  async senderFor(m: TSendingMailbox): Promise<TMailboxSender> {
    if (m.provider === 'dev') return this.devSender(m);
    const oauth = m.provider === 'gmail' || m.provider === 'outlook';
    const token = oauth ? await ensureFreshAccessToken(this.db, m) : undefined;
    const key = JSON.stringify([m.smtpHost, m.smtpPort, m.smtpSecurity, m.smtpUsername, m.secretsUpdatedAt?.valueOf(), token]);
    let entry = this.pools.get(m.id);
    if (entry && entry.key !== key) {
      entry.transport.close();
      entry = undefined;
    }
    if (!entry) {
      // Cloud: connect to the address that was checked (no second lookup), with the name for TLS.
      const target = await mailTarget(m.smtpHost!);
      const transport = createSmtpPool(
        {
          host: target.host,
          port: m.smtpPort!,
          security: m.smtpSecurity!,
          auth: token ? { user: m.smtpUsername ?? m.email, accessToken: token } : { user: m.smtpUsername ?? m.email, pass: m.smtpPassword ?? '' },
          name: m.email.split('@')[1],
          servername: target.servername,
        },
        { maxConnections: this.opts.maxConnections ?? 5 },
      );
      entry = { key, transport, lastUsed: Date.now() };
      this.pools.set(m.id, entry);
    }
    const e = entry;
    e.lastUsed = Date.now();
    return { kind: 'smtp', send: (mail) => sendMail(e.transport, mail) };
  }

  private devSender(m: TSendingMailbox): TMailboxSender {
    const db = this.db;
    return {
      kind: 'dev',
      async send(mail) {
        const raw = await buildMime(mail);
        await storeInDevMailbox(db, {
          feature: 'sequences',
          from: mail.from.name ? `${mail.from.name} <${mail.from.address}>` : mail.from.address,
          to: [mail.to],
          subject: mail.subject,
          html: mail.html,
          text: mail.text,
          headers: {
            'Message-ID': mail.messageId,
            ...(mail.inReplyTo ? { 'In-Reply-To': mail.inReplyTo } : {}),
            ...(mail.references ? { References: mail.references } : {}),
            ...(mail.headers ?? {}),
          },
          raw: raw.toString('utf8'),
          messageId: mail.messageId,
          orgId: m.orgId,
        });
        return { response: '250 stored in the dev mailbox', accepted: [mail.to], rejected: [] };
      },
    };
  }

  /** Closes transports unused for `idleMs` (default 5 minutes). */
  sweep(now = Date.now()): void {
    for (const [id, e] of this.pools) {
      if (now - e.lastUsed > (this.opts.idleMs ?? 300_000)) {
        e.transport.close();
        this.pools.delete(id);
      }
    }
  }

  /** Forgets a mailbox's transport (its settings changed or its login was refused). */
  drop(mailboxId: string): void {
    this.pools.get(mailboxId)?.transport.close();
    this.pools.delete(mailboxId);
  }

  close(): void {
    for (const e of this.pools.values()) e.transport.close();
    this.pools.clear();
  }
}

const g = globalThis as { __leadpilotTransports?: MailboxTransports };

/** The process-wide transports (kept across job runs so SMTP connections are reused). */
export function sharedTransports(db: Db): MailboxTransports {
  g.__leadpilotTransports ??= new MailboxTransports(db);
  return g.__leadpilotTransports;
}
