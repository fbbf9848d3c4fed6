/**
 * The dev mailbox (local mode): every email the app "sent", read from app_private.dev_mailbox as the
 * service (the table is not reachable by users). The pages check the mode; these functions do not.
 */
import { desc, eq, sql } from 'drizzle-orm';
import { asService, type Db } from '@/db';
import { devMailbox } from '@/db/schema';

export async function findDevMail(db: Db, opts: { limit?: number } = {}) {
  return asService(db, (tx) =>
    tx
      .select({
        id: devMailbox.id, feature: devMailbox.feature, fromAddress: devMailbox.fromAddress, toAddresses: devMailbox.toAddresses,
        subject: devMailbox.subject, createdAt: devMailbox.createdAt,
      })
      .from(devMailbox)
      .orderBy(desc(devMailbox.createdAt), desc(devMailbox.id))
      .limit(Math.max(1, Math.min(opts.limit ?? 200, 1000))),
  );
}

export async function countDevMail(db: Db): Promise<number> {
  const [r] = await asService(db, (tx) => tx.select({ n: sql<number>`count(*)::int` }).from(devMailbox));
  return Number(r?.n ?? 0);
}

/** One message with its parts, or null. */
export async function getDevMail(db: Db, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [m] = await asService(db, (tx) => tx.select().from(devMailbox).where(eq(devMailbox.id, id)));
  return m ?? null;
}

export async function clearDevMailbox(db: Db): Promise<number> {
  const r = await asService(db, (tx) => tx.delete(devMailbox).returning({ id: devMailbox.id }));
  return r.length;
}

/**
 * The HTML part as the viewer shows it (in a sandboxed iframe): links open in a new tab. The sandbox
 * allows no scripts, forms or same-origin access; only popups for those links.
 */
export function mailHtmlForViewer(html: string): string {
  const base = '<base target="_blank">';
  if (/<head[^>]*>/i.test(html)) return html.replace(/<head[^>]*>/i, (m) => `${m}${base}`);
  return `${base}${html}`;
}
