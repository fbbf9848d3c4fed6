/**
 * The suppression list screen and API (L6): add emails or whole domains by hand or from a CSV (each
 * through suppress(), the one function every feature uses), search, export, and remove (owners and
 * admins: RLS allows only them to delete). Removing an entry lifts the mark from leads no other entry covers.
 */
import { one, rows, sql, type Db } from '@/db';
import { recordActorAudit } from '@/features/accounts';
import { AppError } from '@/lib/errors';
import type { z } from 'zod';
import { csvLine } from './csv-safety';
import { detectDelimiter } from './delimiter';
import { decodeText } from './encoding';
import { csvRecords } from './file-reader';
import { decodeCursor, encodeCursor } from './filters';
import { ZSuppressionInput, ZSuppressionQuery } from './schemas';
import { normaliseSuppression, suppress } from './suppression';
import type { TActor } from './types';

export type TSuppression = { id: string; kind: 'email' | 'domain'; value: string; reason: string; source: string | null; createdAt: string };
export type TAddSuppressionsResult = { added: number; alreadyListed: number; leadsMarked: number; invalid: { value: string; reason: string }[] };

export async function addSuppressions(db: Db, actor: TActor, raw: z.input<typeof ZSuppressionInput>, source = 'manual'): Promise<TAddSuppressionsResult> {
  const input = ZSuppressionInput.parse(raw);
  const out: TAddSuppressionsResult = { added: 0, alreadyListed: 0, leadsMarked: 0, invalid: [] };
  const seen = new Set<string>();
  for (const value of input.values) {
    let s: { kind: 'email' | 'domain'; value: string };
    try {
      s = normaliseSuppression(value, input.kind);
    } catch (e) {
      out.invalid.push({ value: value.slice(0, 320), reason: (e as Error).message });
      continue;
    }
    if (seen.has(`${s.kind}:${s.value}`)) continue;
    seen.add(`${s.kind}:${s.value}`);
    const r = await suppress(db, { orgId: actor.orgId, value: s.value, kind: s.kind, reason: 'manual', source, actorId: actor.userId });
    if (r.created) out.added++;
    else out.alreadyListed++;
    out.leadsMarked += r.leadsMarked;
  }
  if (out.added) await recordActorAudit(db, actor, { action: 'suppressions.added', targetType: 'suppression', metadata: { count: out.added, source } });
  return out;
}

/** A CSV of addresses or domains: the column headed email/domain/value, else the first column. */
export async function addSuppressionsFromCsv(db: Db, actor: TActor, bytes: Uint8Array, fileName = 'suppressions.csv'): Promise<TAddSuppressionsResult> {
  const text = decodeText(bytes);
  const delimiter = detectDelimiter(text);
  const values: string[] = [];
  let col = -1;
  for (const rec of csvRecords(text, delimiter)) {
    if (col < 0) {
      const h = rec.cells.map((c) => c.trim().toLowerCase());
      col = h.findIndex((c) => /^(?:e-?mail(?:[ _]?address)?|domains?|values?|address(?:es)?)$/.test(c));
      if (col >= 0) continue; // a header row
      col = 0;
    }
    const v = rec.cells[col]?.trim();
    if (v) values.push(v);
    if (values.length > 10_000) throw new AppError('INVALID_INPUT', 'Upload at most 10,000 addresses or domains at a time.');
  }
  if (!values.length) throw new AppError('INVALID_INPUT', 'The file has no addresses or domains.');
  return addSuppressions(db, actor, { values }, `csv:${fileName.slice(0, 180)}`);
}

const COLS = sql`s.id, s.kind, s.value, s.reason, s.source, to_json(s.created_at) #>> '{}' as "createdAt"`;

export async function findSuppressions(db: Db, orgId: string, raw: z.input<typeof ZSuppressionQuery> = {}): Promise<{ items: TSuppression[]; nextCursor: string | null }> {
  const q = ZSuppressionQuery.parse(raw);
  const w = [sql`s.org_id = ${orgId}::uuid`];
  if (q.q) w.push(sql`s.value like ${`%${q.q.toLowerCase().replace(/[\\%_]/g, (x) => `\\${x}`)}%`}`);
  if (q.kind) w.push(sql`s.kind = ${q.kind}`);
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    w.push(sql`(s.created_at, s.id) < (${c.v}::timestamptz, ${c.id}::uuid)`);
  }
  const page = await rows<TSuppression>(
    db,
    sql`select ${COLS} from public.suppressions s where ${sql.join(w, sql` and `)} order by s.created_at desc, s.id desc limit ${q.limit + 1}`,
  );
  const more = page.length > q.limit;
  const items = page.slice(0, q.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeCursor({ v: last.createdAt, id: last.id }) : null };
}

export async function removeSuppression(db: Db, actor: TActor, id: string): Promise<{ id: string; removed: true; leadsUnmarked: number }> {
  const s = /^[0-9a-f-]{36}$/i.test(id)
    ? await one<{ kind: 'email' | 'domain'; value: string }>(db, sql`select kind, value from public.suppressions where id = ${id}::uuid and org_id = ${actor.orgId}::uuid`)
    : undefined;
  if (!s) throw new AppError('NOT_FOUND', 'That suppression does not exist.');
  const d = await one<{ id: string }>(db, sql`delete from public.suppressions where id = ${id}::uuid and org_id = ${actor.orgId}::uuid returning id`);
  if (!d) throw new AppError('FORBIDDEN', 'Only owners and admins can remove suppressions.');
  const un = await one<{ n: number }>(
    db,
    sql`with u as (
          update public.leads l set suppressed_at = null, suppressed_reason = null
          where l.org_id = ${actor.orgId}::uuid and l.suppressed_at is not null and l.email is not null
            and ${s.kind === 'email' ? sql`l.email = ${s.value}` : sql`split_part(l.email, '@', 2) = ${s.value}`}
            and not app.is_suppressed(l.org_id, l.email)
          returning l.id, l.org_id),
        e as (insert into public.lead_events (org_id, lead_id, type, summary, data, actor_id)
              select org_id, id, 'unsuppressed', 'Removed from the suppression list', ${JSON.stringify(s)}::jsonb, ${actor.userId}::uuid from u returning 1)
        select count(*)::int as n from u`,
  );
  await recordActorAudit(db, actor, { action: 'suppressions.removed', targetType: 'suppression', targetId: id, metadata: { kind: s.kind, value: s.value } });
  return { id, removed: true, leadsUnmarked: un?.n ?? 0 };
}

/** The whole list as CSV (kind, value, reason, source, added at), streamed page by page. */
export function suppressionsCsv(run: <T>(fn: (tx: Db) => Promise<T>) => Promise<T>, orgId: string): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return controller.close();
      let chunk = '';
      if (!started) {
        chunk += `\uFEFF${csvLine(['Kind', 'Value', 'Reason', 'Source', 'Added At'])}\r\n`;
        started = true;
      }
      const page = await run((tx) => findSuppressions(tx, orgId, { cursor, limit: 500 }));
      for (const s of page.items) chunk += `${csvLine([s.kind, s.value, s.reason, s.source, s.createdAt])}\r\n`;
      cursor = page.nextCursor ?? undefined;
      if (!cursor) done = true;
      controller.enqueue(enc.encode(chunk));
    },
  });
}
