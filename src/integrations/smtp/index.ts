/**
 * SMTP through nodemailer: the login test ("Test connection", with the server's own answers), pooled
 * transports for sending, MIME building (MailComposer) for the dev mailbox, and the classification of
 * SMTP failures. No business rules here.
 */
import nodemailer from 'nodemailer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import MailComposer from 'nodemailer/lib/mail-composer';

export type TSmtpSecurity = 'tls' | 'starttls' | 'none';

export type TSmtpAuth = { user: string; pass: string } | { user: string; accessToken: string };

export type TSmtpSettings = {
  host: string;
  port: number;
  security: TSmtpSecurity;
  auth?: TSmtpAuth;
  /** EHLO name. */
  name?: string;
  /** The name for TLS (SNI and certificate) when `host` is an address resolved beforehand. */
  servername?: string;
  connectionTimeoutMs?: number;
  greetingTimeoutMs?: number;
  socketTimeoutMs?: number;
  /** Certificate checks stay on unless a test turns them off. */
  rejectUnauthorized?: boolean;
};

export type TSmtpTestResult = {
  ok: boolean;
  /** How far it got. */
  stage: 'connect' | 'greeting' | 'tls' | 'auth' | 'done';
  /** The server's answers, in order (greeting, EHLO, AUTH …); credentials never appear. */
  transcript: string[];
  error?: { code?: string; responseCode?: number; message: string };
};

type TLogArgs = [Record<string, unknown>, ...unknown[]];

/** Connection options shared by the login test and the pooled transport (timeouts differ). */
function connection(s: TSmtpSettings, timeouts: { connection: number; greeting: number; socket: number }) {
  return {
    host: s.host,
    port: s.port,
    secure: s.security === 'tls',
    requireTLS: s.security === 'starttls',
    ignoreTLS: s.security === 'none',
    name: s.name,
    connectionTimeout: s.connectionTimeoutMs ?? timeouts.connection,
    greetingTimeout: s.greetingTimeoutMs ?? timeouts.greeting,
    socketTimeout: s.socketTimeoutMs ?? timeouts.socket,
    tls: { rejectUnauthorized: s.rejectUnauthorized ?? true, servername: s.servername ?? s.host },
  };
}

/** Connects, says EHLO, upgrades to TLS as configured, logs in, and reports each answer. */
export async function testSmtpLogin(s: TSmtpSettings): Promise<TSmtpTestResult> {
  const transcript: string[] = [];
  let stage: TSmtpTestResult['stage'] = 'connect';
  const collect = (...args: TLogArgs) => {
    const [meta, msg] = args;
    if (meta?.tnx === 'server' && typeof msg === 'string') transcript.push(...msg.split('\n').map((l) => l.slice(0, 500)));
  };
  const logger = { level: () => {}, trace: () => {}, debug: collect, info: collect, warn: () => {}, error: () => {}, fatal: () => {} };
  const conn = new SMTPConnection({
    ...connection(s, { connection: 10_000, greeting: 10_000, socket: 15_000 }),
    logger: logger as never,
    transactionLog: true,
  });
  // Connection problems arrive as 'error' events, not through the callbacks.
  let failed: (e: unknown) => void = () => {};
  conn.on('error', (e) => failed(e));
  try {
    await new Promise<void>((resolve, reject) => {
      failed = reject;
      conn.connect((e) => (e ? reject(e) : resolve()));
    });
    stage = 'auth';
    if (s.auth) {
      const auth = 'accessToken' in s.auth ? { type: 'OAuth2', user: s.auth.user, oauth2: oauthGenerator(s.auth.user, s.auth.accessToken) } : { user: s.auth.user, pass: s.auth.pass };
      await new Promise<void>((resolve, reject) => {
        failed = reject;
        conn.login(auth as never, (e) => (e ? reject(e) : resolve()));
      });
    }
    stage = 'done';
    return { ok: true, stage, transcript };
  } catch (e) {
    const err = e as { code?: string; responseCode?: number; message?: string; response?: string };
    if (stage === 'connect' && transcript.length) stage = err.code === 'ETLS' ? 'tls' : 'greeting';
    return { ok: false, stage, transcript, error: { code: err.code, responseCode: err.responseCode, message: scrub(err.response ?? err.message ?? String(e)) } };
  } finally {
    try {
      conn.quit();
    } catch {
      conn.close();
    }
  }
}

/** A token provider with the shape nodemailer's XOAUTH2 login calls, for a token we already hold. */
function oauthGenerator(user: string, accessToken: string) {
  return {
    options: { user },
    getToken: (_renew: boolean, cb: (e: Error | null, t?: string) => void) => cb(null, accessToken),
    buildXOAuth2Token: (token?: string) => Buffer.from(`user=${user}\x01auth=Bearer ${token ?? accessToken}\x01\x01`, 'utf8').toString('base64'),
  };
}

const scrub = (s: string) => s.replace(/AUTH\s+\S+\s+\S+/gi, 'AUTH ***').slice(0, 1000);

export type TPooledTransport = ReturnType<typeof nodemailer.createTransport>;

/** A pooled transport for one mailbox: up to `maxConnections` connections, reused without limit. */
export function createSmtpPool(s: TSmtpSettings, opts: { maxConnections?: number } = {}): TPooledTransport {
  return nodemailer.createTransport({
    pool: true,
    ...connection(s, { connection: 15_000, greeting: 15_000, socket: 60_000 }),
    maxConnections: opts.maxConnections ?? 5,
    maxMessages: Infinity,
    ...(s.auth
      ? 'accessToken' in s.auth
        ? { auth: { type: 'OAuth2' as const, user: s.auth.user, accessToken: s.auth.accessToken } }
        : { auth: { user: s.auth.user, pass: s.auth.pass } }
      : {}),
  } as never) as TPooledTransport;
}

export type TOutboundMail = {
  from: { name?: string; address: string };
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  inReplyTo?: string;
  references?: string;
  headers?: Record<string, string>;
};

const mailOptions = (m: TOutboundMail) => ({
  from: m.from.name ? { name: m.from.name, address: m.from.address } : m.from.address,
  to: m.to,
  subject: m.subject,
  html: m.html,
  text: m.text,
  messageId: m.messageId,
  ...(m.inReplyTo ? { inReplyTo: m.inReplyTo } : {}),
  ...(m.references ? { references: m.references } : {}),
  headers: m.headers ?? {},
  envelope: { from: m.from.address, to: [m.to] },
});

export type TSendResult = { response: string; accepted: string[]; rejected: string[] };

export async function sendMail(t: TPooledTransport, m: TOutboundMail): Promise<TSendResult> {
  const info = (await t.sendMail(mailOptions(m))) as { response?: string; accepted?: unknown[]; rejected?: unknown[] };
  return {
    response: String(info.response ?? ''),
    accepted: (info.accepted ?? []).map(String),
    rejected: (info.rejected ?? []).map(String),
  };
}

/** The full RFC 5322 message nodemailer would send (for the dev mailbox). */
export async function buildMime(m: TOutboundMail): Promise<Buffer> {
  const node = new MailComposer(mailOptions(m) as never).compile();
  node.keepBcc = false;
  return new Promise<Buffer>((resolve, reject) => node.build((e: Error | null, b: Buffer) => (e ? reject(e) : resolve(b))));
}

export type TSmtpFailure = {
  /**
   * auth: the server refused the login (pause the mailbox);
   * temporary: 4xx, or no connection at all (nothing was sent; try later);
   * permanent: 5xx for this message (do not retry);
   * unknown: the connection broke while the message may have been handed over (never resend by itself).
   */
  kind: 'auth' | 'temporary' | 'permanent' | 'unknown';
  responseCode?: number;
  code?: string;
  message: string;
};

const NOT_CONNECTED = /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|Greeting never received|connect ETIMEDOUT|getaddrinfo|Connection timeout/i;

export function classifySmtpError(e: unknown): TSmtpFailure {
  const err = (e ?? {}) as { code?: string; responseCode?: number; response?: string; message?: string; command?: string };
  const message = scrub(err.response ?? err.message ?? String(e));
  const base = { ...(err.responseCode ? { responseCode: err.responseCode } : {}), ...(err.code ? { code: err.code } : {}), message };
  if (err.code === 'EAUTH' || err.code === 'ENOAUTH' || err.code === 'EOAUTH2' || ((err.responseCode === 535 || err.responseCode === 534 || err.responseCode === 530) && /AUTH/i.test(err.command ?? 'AUTH'))) {
    return { kind: 'auth', ...base };
  }
  if (err.responseCode) {
    if (err.responseCode >= 500 && err.responseCode !== 503) return { kind: 'permanent', ...base };
    if (err.responseCode >= 400) return { kind: 'temporary', ...base };
  }
  if (err.code === 'EDNS' || err.code === 'ETLS' || err.code === 'ECONFIG' || err.code === 'EPROXY' || NOT_CONNECTED.test(message)) {
    return { kind: 'temporary', ...base };
  }
  return { kind: 'unknown', ...base };
}
