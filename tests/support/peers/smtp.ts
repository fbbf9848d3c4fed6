/**
 * A real SMTP server on loopback (smtp-server) for tests and benches: it collects what it receives (raw
 * MIME + envelope), can require a login, and can be told to answer with errors (4xx, 5xx, an auth
 * refusal) or to drop the connection after the message data, so the sender's handling of each case runs
 * against the real protocol. Parse collected messages with `parsed()` (mailparser).
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export type TReceived = { raw: Buffer; from: string; to: string[]; at: Date; user?: string };

/** What the server answers; change it between sends with `sink.behave(…)`. */
export type TSmtpBehaviour = {
  /** Answer MAIL FROM / RCPT TO / end of DATA with this code and text instead of accepting. */
  rejectRcpt?: { code: number; message: string };
  rejectData?: { code: number; message: string };
  /** Drop the connection after the whole message arrived, before answering (outcome unknown to the sender). */
  dropAfterData?: boolean;
  /** Delay before answering the end of DATA (ms). */
  dataDelayMs?: number;
};

export type TSmtpSink = {
  host: string;
  port: number;
  messages: TReceived[];
  /** Number of messages accepted so far (cheap; the bench uses it). */
  readonly count: number;
  behave(b: TSmtpBehaviour): void;
  parsed(): Promise<ParsedMail[]>;
  clear(): void;
  /** Resolves when at least n messages were accepted. */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

export async function startSmtpSink(opts: {
  port?: number;
  /** Require this login (PLAIN/LOGIN). Without it, authentication is optional and any login passes. */
  auth?: { user: string; pass: string };
  /** Keep only the first 2 kB of each message (its headers), not the whole bytes (benches). */
  headersOnly?: boolean;
  banner?: string;
} = {}): Promise<TSmtpSink> {
  const messages: TReceived[] = [];
  let count = 0;
  let behaviour: TSmtpBehaviour = {};
  const waiters: { n: number; resolve: () => void }[] = [];
  const settle = () => {
    for (const w of [...waiters]) if (count >= w.n) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  const reply = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: !opts.auth,
    authMethods: ['PLAIN', 'LOGIN'],
    banner: opts.banner ?? 'LeadPilot test SMTP sink',
    logger: false,
    size: 25 * 1024 * 1024,
    maxClients: 1000,
    closeTimeout: 200,
    onAuth(auth, _session, cb) {
      if (!opts.auth || (auth.username === opts.auth.user && auth.password === opts.auth.pass)) return cb(null, { user: auth.username });
      return cb(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
    },
    onRcptTo(_address, _session, cb) {
      const r = behaviour.rejectRcpt;
      return r ? cb(reply(r.code, r.message)) : cb();
    },
    onData(stream, session: SMTPServerSession, cb) {
      const chunks: Buffer[] = [];
      let kept = 0;
      stream.on('data', (c: Buffer) => {
        if (opts.headersOnly && kept >= 2048) return;
        chunks.push(c);
        kept += c.length;
      });
      stream.on('end', () => {
        const b = behaviour;
        const finish = () => {
          if (b.dropAfterData) {
            // The message is complete; close without an answer (the sender cannot know it arrived).
            const socket = findSocket(server, session.id);
            socket?.destroy();
            return;
          }
          if (b.rejectData) return cb(reply(b.rejectData.code, b.rejectData.message));
          count++;
          messages.push({
            raw: Buffer.concat(chunks), from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address), at: new Date(), user: session.user as string | undefined,
          });
          settle();
          cb(null, `2.0.0 Ok: queued as ${randomUUID().slice(0, 12)}`);
        };
        if (b.dataDelayMs) setTimeout(finish, b.dataDelayMs);
        else finish();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;

  return {
    host: '127.0.0.1',
    port,
    messages,
    get count() {
      return count;
    },
    behave(b) {
      behaviour = b;
    },
    parsed: () => Promise.all(messages.map((m) => simpleParser(m.raw))),
    clear() {
      messages.length = 0;
      count = 0;
    },
    waitFor(n, timeoutMs = 30_000) {
      if (count >= n) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const w = { n, resolve };
        waiters.push(w);
        setTimeout(() => {
          const i = waiters.indexOf(w);
          if (i >= 0) {
            waiters.splice(i, 1);
            reject(new Error(`SMTP sink: ${count} of ${n} messages after ${timeoutMs} ms`));
          }
        }, timeoutMs).unref();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** smtp-server keeps its connections in a Set; find the socket of a session to drop it. */
function findSocket(server: SMTPServer, sessionId: string): { destroy(): void } | undefined {
  const conns = (server as unknown as { connections?: Set<{ id: string; _socket?: { destroy(): void } }> }).connections;
  for (const c of conns ?? []) if (c.id === sessionId) return c._socket;
  return undefined;
}
