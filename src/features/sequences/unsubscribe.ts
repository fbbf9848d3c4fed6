/**
 * Unsubscribe (S9, L6): GET /u/<token> shows a confirmation with one button (a plain HTML form — no
 * JavaScript, no login); POST (that form, or a mail client's RFC 8058 one-click
 * `List-Unsubscribe=One-Click`) suppresses the address at once, stops all its enrollments and confirms.
 * GET never unsubscribes by itself: link scanners fetch every URL in an email.
 */
import { asService, one, sql, type Db } from '@/db';
import { suppress } from '@/features/leads';
import { escapeHtml } from './template';
import { recordMessageEvent } from './events';
import { readUnsubscribeToken } from './links';
import { stopEnrollmentsFor } from './stop';

const page = (title: string, body: string, status = 200) =>
  new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,-apple-system,sans-serif;max-width:34rem;margin:12vh auto;padding:0 1.25rem;color:#111827;line-height:1.5}
p{color:#4b5563}button{font:inherit;background:#111827;color:#fff;border:0;border-radius:.5rem;padding:.7rem 1.2rem;cursor:pointer}button:focus{outline:3px solid #93c5fd}</style>
</head><body>${body}</body></html>`,
    { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-robots-tag': 'noindex', 'referrer-policy': 'no-referrer' } },
  );

const invalid = () =>
  page('Link not valid', '<h1>This unsubscribe link is not valid</h1><p>It may have been copied incompletely. Reply to the email with “unsubscribe” and the sender will remove you.</p>', 400);

async function orgName(db: Db, orgId: string): Promise<string | null> {
  const r = await asService(db, (tx) => one<{ name: string }>(tx, sql`select coalesce(business_context ->> 'company_name', name) as name from public.organizations where id = ${orgId}::uuid`));
  return r?.name ?? null;
}

/** The confirmation page (GET). */
export async function unsubscribePage(db: Db, token: string, action: string): Promise<Response> {
  const t = readUnsubscribeToken(token);
  if (!t) return invalid();
  const name = await orgName(db, t.o);
  if (!name) return invalid();
  return page(
    'Unsubscribe',
    `<h1>Unsubscribe?</h1><p>Stop all emails from <strong>${escapeHtml(name)}</strong> to <strong>${escapeHtml(t.e)}</strong>.</p>
<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
  );
}

export type TUnsubscribeResult = { orgId: string; email: string; newlySuppressed: boolean; stopped: number };

/** Suppresses the token's address and stops every enrollment of it (idempotent). Null for a bad token. */
export async function unsubscribeByToken(db: Db, token: string, source: 'page' | 'one-click'): Promise<TUnsubscribeResult | null> {
  const t = readUnsubscribeToken(token);
  if (!t) return null;
  return asService(db, async (tx) => {
    const org = await one<{ id: string }>(tx, sql`select id from public.organizations where id = ${t.o}::uuid`);
    if (!org) return null;
    const s = await suppress(tx, { orgId: t.o, value: t.e, kind: 'email', reason: 'unsubscribe', source: source === 'one-click' ? 'List-Unsubscribe one-click' : 'unsubscribe page' });
    const stopped = await stopEnrollmentsFor(tx, { orgId: t.o, email: t.e, reason: 'unsubscribe' });
    await tx.execute(sql`update public.leads set status = 'unsubscribed' where org_id = ${t.o}::uuid and email = ${t.e.toLowerCase()} and status <> 'unsubscribed'`);
    const m = await one<{ id: string }>(tx, sql`select id from public.messages where id = ${t.m}::uuid and org_id = ${t.o}::uuid`);
    if (m) await recordMessageEvent(tx, { messageId: m.id, orgId: t.o, kind: 'unsubscribe', detail: { source } });
    return { orgId: t.o, email: t.e, newlySuppressed: s.created, stopped: stopped.stopped };
  });
}

/** POST /u/<token>: the form or one-click; answers a short confirmation page. */
export async function handleUnsubscribePost(db: Db, token: string, req: Request): Promise<Response> {
  const body = await req.text().catch(() => '');
  // A browser submitting the page's form navigates; a mail client's one-click POST does not.
  const oneClick = /List-Unsubscribe=One-Click/i.test(body) && req.headers.get('sec-fetch-mode') !== 'navigate';
  const r = await unsubscribeByToken(db, token, oneClick ? 'one-click' : 'page');
  if (!r) return invalid();
  const name = await orgName(db, r.orgId);
  return page('Unsubscribed', `<h1>You are unsubscribed</h1><p><strong>${escapeHtml(r.email)}</strong> will get no more emails from ${escapeHtml(name ?? 'this sender')}.</p>`);
}
