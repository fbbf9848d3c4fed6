/**
 * Product email (notifications, invitations, password resets): one Mailer interface. Local mode writes
 * every message to the dev mailbox (app_private.dev_mailbox, shown at /dev/mailbox); cloud mode sends
 * through Resend.
 */
import { asService, one, sql, type Db } from '@/db';
import { env } from '@/lib/env';
import { resendClient } from '@/integrations/resend';

export type TMail = {
  to: string | string[];
  subject: string;
  html: string;
  text: string;
  /** Which feature sent it (shown in the dev mailbox and used as a Resend tag). */
  feature: string;
  from?: string;
  replyTo?: string;
  headers?: Record<string, string>;
  orgId?: string | null;
  idempotencyKey?: string;
};

export interface Mailer {
  readonly kind: 'dev-mailbox' | 'resend';
  send(m: TMail): Promise<{ id: string }>;
}

export type TDevMailboxEntry = {
  feature: string;
  from: string;
  to: string[];
  subject: string;
  html?: string | null;
  text?: string | null;
  headers?: Record<string, string>;
  raw?: string | null;
  messageId?: string | null;
  orgId?: string | null;
};

/** Stores a message in the dev mailbox; also used by the outreach "dev mailbox" sending account. */
export async function storeInDevMailbox(db: Db, m: TDevMailboxEntry): Promise<{ id: string }> {
  const row = await asService(db, (tx) =>
    one<{ id: string }>(
      tx,
      sql`insert into app_private.dev_mailbox (org_id, feature, from_address, to_addresses, subject, html, text, headers, raw, message_id)
          values (${m.orgId ?? null}, ${m.feature}, ${m.from}, ${sql.param(m.to)}::text[], ${m.subject}, ${m.html ?? null}, ${m.text ?? null},
                  ${JSON.stringify(m.headers ?? {})}::jsonb, ${m.raw ?? null}, ${m.messageId ?? null})
          returning id`,
    ),
  );
  return { id: row!.id };
}

export function devMailboxMailer(db: Db): Mailer {
  return {
    kind: 'dev-mailbox',
    send: (m) =>
      storeInDevMailbox(db, {
        feature: m.feature,
        from: m.from ?? env().MAIL_FROM,
        to: Array.isArray(m.to) ? m.to : [m.to],
        subject: m.subject,
        html: m.html,
        text: m.text,
        headers: m.headers,
        orgId: m.orgId,
      }),
  };
}

export function resendMailer(): Mailer {
  const e = env();
  const client = resendClient({ apiKey: e.RESEND_API_KEY!, baseUrl: e.RESEND_BASE_URL });
  return {
    kind: 'resend',
    send: (m) =>
      client.send({
        from: m.from ?? e.MAIL_FROM,
        to: Array.isArray(m.to) ? m.to : [m.to],
        subject: m.subject,
        html: m.html,
        text: m.text,
        replyTo: m.replyTo,
        headers: m.headers,
        tags: [{ name: 'feature', value: m.feature.replace(/[^a-zA-Z0-9_-]/g, '_') }],
        idempotencyKey: m.idempotencyKey,
      }),
  };
}

/** The mailer for product email in the current mode. */
export function productMailer(db: Db): Mailer {
  return env().mode === 'cloud' ? resendMailer() : devMailboxMailer(db);
}
