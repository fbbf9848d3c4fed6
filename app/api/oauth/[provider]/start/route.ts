import { route } from '@/lib/http/route';
import { isSecureRequest } from '@/lib/http/request';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { actorOf, OAUTH_NONCE_COOKIE, startMailboxOAuth, startMailboxOAuthEndpoint } from '@/features/mailboxes';

/** Cloud mode only: redirects to Google or Microsoft to connect a mailbox (XOAUTH2). */
export const GET = route(startMailboxOAuthEndpoint, async ({ ctx, params, req, ip }) => {
  if (env().mode !== 'cloud') throw new AppError('FORBIDDEN', 'Gmail and Outlook mailboxes connect through OAuth in cloud mode. Locally, use the Dev mailbox or an SMTP/IMAP mailbox.');
  const { url, nonce } = startMailboxOAuth(actorOf(ctx, ip), params.provider);
  const secure = isSecureRequest(req.headers) ? '; Secure' : '';
  return new Response(null, {
    status: 302,
    headers: { location: url, 'set-cookie': `${OAUTH_NONCE_COOKIE}=${nonce}; Path=/api/oauth; HttpOnly; SameSite=Lax; Max-Age=900${secure}`, 'cache-control': 'no-store' },
  });
});
