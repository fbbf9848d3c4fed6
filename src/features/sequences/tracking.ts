/**
 * Open and click tracking (S8): the handlers behind GET /t/o/<token> (a 1×1 GIF) and GET /t/c/<token>
 * (a redirect to the URL inside the signed token — never anywhere else), and the recording of hits.
 *
 * Every hit is recorded, flagged when a machine made it (bots.ts), plus one human "first" per
 * (message, kind). Hits are buffered in the process and written in batches (every 250 ms or 500 hits,
 * one statement each), so a burst of pixel loads costs one INSERT, not one per request; a crash loses
 * at most the hits of the last quarter second. `flushTracking()` writes what is pending (tests, benches,
 * shutdown).
 */
import { randomUUID } from 'node:crypto';
import { asService, one, sql, type Db } from '@/db';
import { log } from '@/lib/log';
import { classifyHit } from './bots';
import { readClickToken, readOpenToken } from './links';

export const TRANSPARENT_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export const GIF_HEADERS: Record<string, string> = {
  'content-type': 'image/gif',
  'content-length': String(TRANSPARENT_GIF.length),
  'cache-control': 'no-store, no-cache, must-revalidate, private, max-age=0',
  pragma: 'no-cache',
  expires: '0',
};

export type THitRecord = {
  id: string; message_id: string; kind: 'open' | 'click'; is_bot: boolean; bot_reason: string | null; url: string | null; ip: string | null;
  user_agent: string | null; occurred_at: string;
};

type TBuffer = { items: THitRecord[]; timer: NodeJS.Timeout | undefined; flushing: Promise<void> | undefined; db: () => Promise<Db> };

const g = globalThis as { __leadpilotTracking?: TBuffer };
const FLUSH_MS = 250;
const FLUSH_AT = 500;
const MAX_PENDING = 200_000;

function buffer(db: () => Promise<Db>): TBuffer {
  g.__leadpilotTracking ??= { items: [], timer: undefined, flushing: undefined, db };
  return g.__leadpilotTracking;
}

/** Queues a hit for writing (the request never waits for the database). */
export function queueHit(db: () => Promise<Db>, hit: THitRecord): void {
  const b = buffer(db);
  if (b.items.length >= MAX_PENDING) {
    log().error({ pending: b.items.length }, 'tracking buffer full: dropping the oldest hit');
    b.items.shift();
  }
  b.items.push(hit);
  if (b.items.length >= FLUSH_AT) void flushTracking();
  else if (!b.timer) {
    b.timer = setTimeout(() => void flushTracking(), FLUSH_MS);
    b.timer.unref?.();
  }
}

/** Writes every pending hit; resolves when they are stored. */
export async function flushTracking(): Promise<void> {
  const b = g.__leadpilotTracking;
  if (!b) return;
  if (b.timer) {
    clearTimeout(b.timer);
    b.timer = undefined;
  }
  while (b.flushing) await b.flushing;
  if (!b.items.length) return;
  const items = b.items.splice(0, b.items.length);
  b.flushing = (async () => {
    try {
      await writeHits(await b.db(), items);
    } catch (e) {
      log().error({ err: e, hits: items.length }, 'could not write tracking hits; keeping them for the next flush');
      b.items.unshift(...items.slice(0, MAX_PENDING - b.items.length));
      if (!b.timer) {
        b.timer = setTimeout(() => void flushTracking(), 2_000);
        b.timer.unref?.();
      }
    }
  })();
  try {
    await b.flushing;
  } finally {
    b.flushing = undefined;
  }
  if (b.items.length >= FLUSH_AT) await flushTracking();
}

/** Hits pending in this process. */
export const pendingHits = (): number => g.__leadpilotTracking?.items.length ?? 0;

/**
 * Writes hits in one statement: the first human hit per (message, kind) is marked first (the unique
 * index decides races), every other hit is kept; hits for unknown messages are dropped; conditions
 * waiting on a first open or click wake up; the lead's timeline notes the first open and click.
 */
export async function writeHits(db: Db, hits: THitRecord[]): Promise<{ written: number; firsts: number }> {
  if (!hits.length) return { written: 0, firsts: 0 };
  const r = await asService(db, (tx) =>
    one<{ written: number; firsts: number }>(
      tx,
      sql`with input as (
            select * from jsonb_to_recordset(${JSON.stringify(hits)}::jsonb) as x(
              id uuid, message_id uuid, kind text, is_bot boolean, bot_reason text, url text, ip text, user_agent text, occurred_at timestamptz)
          ),
          valid as (
            select i.*, m.org_id, m.enrollment_id, m.lead_id, m.subject from input i join public.messages m on m.id = i.message_id
          ),
          firsts as (
            insert into public.message_events (id, org_id, message_id, kind, is_first, is_bot, url, ip, user_agent, occurred_at)
            select distinct on (message_id, kind) id, org_id, message_id, kind, true, false, url, ip, user_agent, occurred_at
            from valid where not is_bot order by message_id, kind, occurred_at
            on conflict (message_id, kind) where is_first do nothing
            returning id, message_id, kind
          ),
          rest as (
            insert into public.message_events (id, org_id, message_id, kind, is_first, is_bot, bot_reason, url, ip, user_agent, occurred_at)
            select id, org_id, message_id, kind, false, is_bot, bot_reason, url, ip, user_agent, occurred_at
            from valid where id not in (select id from firsts)
            returning 1
          ),
          woke as (
            update public.enrollments e set next_step_at = now()
            from valid v where v.id in (select id from firsts) and e.id = v.enrollment_id and e.status = 'active' and e.waiting_reason = 'waiting_for_condition'
            returning 1
          ),
          timeline as (
            insert into public.lead_events (org_id, lead_id, type, summary, data, occurred_at)
            select v.org_id, v.lead_id, case when v.kind = 'open' then 'email_opened' else 'email_clicked' end,
                   case when v.kind = 'open' then 'Opened "' else 'Clicked a link in "' end || left(v.subject, 150) || '"',
                   jsonb_build_object('messageId', v.message_id, 'url', v.url), v.occurred_at
            from valid v where v.id in (select id from firsts)
            returning 1
          )
          -- (data-modifying CTEs always run to completion, read or not)
          select (select count(*)::int from firsts) + (select count(*)::int from rest) as written, (select count(*)::int from firsts) as firsts`,
    ),
  );
  return { written: r?.written ?? 0, firsts: r?.firsts ?? 0 };
}

export type TRequestFacts = { method: string; userAgent: string | null; ip: string | null; at?: Date };

function hitOf(kind: 'open' | 'click', messageId: string, sentAtSec: number, url: string | null, f: TRequestFacts): THitRecord {
  const at = f.at ?? new Date();
  const verdict = classifyHit({ kind, method: f.method, userAgent: f.userAgent, ip: f.ip, at, sentAt: new Date(sentAtSec * 1000) });
  return {
    id: randomUUID(), message_id: messageId, kind, is_bot: verdict.isBot, bot_reason: verdict.reason ?? null, url,
    ip: f.ip?.slice(0, 100) ?? null, user_agent: f.userAgent?.slice(0, 1000) ?? null, occurred_at: at.toISOString(),
  };
}

/** GET /t/o/<token>: always the pixel; a valid token records a hit. */
export function handleOpen(db: () => Promise<Db>, token: string, f: TRequestFacts): Response {
  const t = readOpenToken(token.replace(/\.gif$/, ''));
  if (t) queueHit(db, hitOf('open', t.m, t.t, null, f));
  return new Response(f.method === 'HEAD' ? null : new Uint8Array(TRANSPARENT_GIF), { status: 200, headers: GIF_HEADERS });
}

const INVALID_LINK_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>Link not valid</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:15vh auto;padding:0 1rem;color:#111827}p{color:#4b5563}</style></head>
<body><h1>This link is not valid</h1><p>It may have been copied incompletely or changed. Nothing happened, and you were not sent anywhere else.</p></body></html>`;

/** GET /t/c/<token>: a signed token redirects to its own URL; anything else gets a safe page, never a redirect. */
export function handleClick(db: () => Promise<Db>, token: string, f: TRequestFacts): Response {
  const t = readClickToken(token);
  if (!t) {
    return new Response(INVALID_LINK_PAGE, { status: 404, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-robots-tag': 'noindex' } });
  }
  queueHit(db, hitOf('click', t.m, t.t, t.u, f));
  // Serialised by the URL parser (which drops tabs and newlines), so the header is always well-formed.
  return new Response(null, { status: 302, headers: { location: new URL(t.u).href, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-robots-tag': 'noindex' } });
}

/** Facts of a request for tracking: method, user agent, client address. */
export function requestFacts(req: Request): TRequestFacts {
  const fwd = req.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return { method: req.method, userAgent: req.headers.get('user-agent'), ip: fwd || req.headers.get('x-real-ip') || null };
}
