import { route } from '@/lib/http/route';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { actorOf, completeMailboxOAuth, mailboxOAuthCallbackEndpoint, MAILBOXES_PATH, OAUTH_NONCE_COOKIE } from '@/features/mailboxes';

/** Cloud mode only: the provider sends the user back here; the mailbox is stored and the user returns to the mailboxes page. */
export const GET = route(mailboxOAuthCallbackEndpoint, async ({ db, ctx, params, query, req, ip }) => {
  if (env().mode !== 'cloud') throw new AppError('FORBIDDEN', 'Gmail and Outlook mailboxes connect through OAuth in cloud mode.');
  const back = (q: string) =>
    new Response(null, { status: 302, headers: { location: `${MAILBOXES_PATH}?${q}`, 'set-cookie': `${OAUTH_NONCE_COOKIE}=; Path=/api/oauth; Max-Age=0`, 'cache-control': 'no-store' } });
  if (query.error || !query.code || !query.state) return back(`oauth_error=${encodeURIComponent(query.error ?? 'cancelled')}`);
  const nonce = /(?:^|;\s*)lp_mailbox_oauth=([^;]+)/.exec(req.headers.get('cookie') ?? '')?.[1];
  const mailbox = await completeMailboxOAuth(db, actorOf(ctx, ip), { provider: params.provider, code: query.code, state: query.state, nonce });
  return back(`connected=${mailbox.id}`);
});
