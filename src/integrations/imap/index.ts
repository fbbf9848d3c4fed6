/**
 * IMAP through imapflow: the login test of "Test connection" (greeting, capabilities, the login's
 * outcome). Inbox sync (a later issue) builds on the same settings. No business rules here.
 */
import { ImapFlow } from 'imapflow';

export type TImapSecurity = 'tls' | 'starttls' | 'none';

export type TImapSettings = {
  host: string;
  port: number;
  security: TImapSecurity;
  auth: { user: string; pass: string } | { user: string; accessToken: string };
  timeoutMs?: number;
  rejectUnauthorized?: boolean;
  /** The name for TLS when `host` is an address resolved beforehand. */
  servername?: string;
};

export type TImapTestResult = {
  ok: boolean;
  stage: 'connect' | 'auth' | 'done';
  /** The server's greeting and what it advertised. */
  greeting?: string;
  capabilities?: string[];
  /** How many folders the account has (a logged-in LIST). */
  folders?: number;
  error?: { code?: string; message: string; response?: string };
};

export async function testImapLogin(s: TImapSettings): Promise<TImapTestResult> {
  const client = new ImapFlow({
    host: s.host,
    port: s.port,
    secure: s.security === 'tls',
    doSTARTTLS: s.security === 'starttls' ? true : s.security === 'none' ? false : undefined,
    auth: 'accessToken' in s.auth ? { user: s.auth.user, accessToken: s.auth.accessToken } : { user: s.auth.user, pass: s.auth.pass },
    logger: false,
    connectionTimeout: s.timeoutMs ?? 10_000,
    greetingTimeout: s.timeoutMs ?? 10_000,
    socketTimeout: (s.timeoutMs ?? 10_000) * 3,
    tls: { rejectUnauthorized: s.rejectUnauthorized ?? true, servername: s.servername ?? s.host },
    disableAutoIdle: true,
  });
  client.on('error', () => {});
  let stage: TImapTestResult['stage'] = 'connect';
  try {
    await client.connect();
    stage = 'done';
    const folders = await client.list().then((l) => l.length).catch(() => undefined);
    return { ok: true, stage, greeting: client.greeting, capabilities: [...client.capabilities.keys()], ...(folders !== undefined ? { folders } : {}) };
  } catch (e) {
    const err = e as { code?: string; message?: string; responseText?: string; authenticationFailed?: boolean; serverResponseCode?: string };
    if (err.authenticationFailed || client.greeting) stage = 'auth';
    return {
      ok: false,
      stage,
      ...(client.greeting ? { greeting: client.greeting } : {}),
      error: {
        code: err.authenticationFailed ? 'AUTHENTICATIONFAILED' : (err.serverResponseCode ?? err.code),
        message: err.authenticationFailed ? 'The server refused the login.' : (err.message ?? String(e)).slice(0, 500),
        ...(err.responseText ? { response: err.responseText.slice(0, 500) } : {}),
      },
    };
  } finally {
    await client.logout().catch(() => client.close());
  }
}
