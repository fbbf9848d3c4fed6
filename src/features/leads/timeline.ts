/**
 * The lead activity timeline (L4). Every feature records what happened to a lead through
 * `addLeadEvent(s)`; the lead's origin is not stored as an event when the lead row already says it: a
 * lead an import created carries `import_id` and `created_at`, so `leadTimeline` reads "Imported from
 * <file>" from the lead and its import (an import of 100,000 rows writes no 100,000 event rows). A
 * lead with neither an import nor a stored 'created' event (written by other means) gets a "Created"
 * origin the same way. Stored events from before this rule are shown as they are, never twice.
 */
import { desc, eq } from 'drizzle-orm';
import { one, sql, type Db } from '@/db';
import { leadEvents } from '@/db/schema';
import type { TLead } from './types';

export type TLeadEventInput = {
  orgId: string;
  leadId: string;
  type: string;
  summary: string;
  data?: Record<string, unknown>;
  actorId?: string | null;
  occurredAt?: Date;
};

/** One entry of a lead's timeline as the UI and the API show it. */
export type TTimelineEvent = { id: string; type: string; summary: string; data: Record<string, unknown>; actorId: string | null; occurredAt: string };

export async function addLeadEvent(db: Db, e: TLeadEventInput): Promise<void> {
  await addLeadEvents(db, [e]);
}

export async function addLeadEvents(db: Db, events: TLeadEventInput[]): Promise<void> {
  if (!events.length) return;
  await db.insert(leadEvents).values(
    events.map((e) => ({
      orgId: e.orgId, leadId: e.leadId, type: e.type, summary: e.summary.slice(0, 1000), data: e.data ?? {},
      actorId: e.actorId ?? null, occurredAt: e.occurredAt ?? new Date(),
    })),
  );
}

/** The stored events of a lead, newest first (without its origin: use `leadTimeline` to show a timeline). */
export async function findLeadEvents(db: Db, leadId: string, opts: { limit?: number } = {}) {
  return db.select().from(leadEvents).where(eq(leadEvents.leadId, leadId)).orderBy(desc(leadEvents.occurredAt)).limit(Math.min(opts.limit ?? 100, 500));
}

/**
 * A lead's timeline, newest first: its stored events merged in time order with its origin ("Imported
 * from <file>" for a lead an import created, else "Created" unless a 'created' event is stored). The
 * origin's id is the lead's id, and it happened at the lead's `created_at`.
 */
export async function leadTimeline(
  db: Db,
  orgId: string,
  lead: Pick<TLead, 'id' | 'createdAt' | 'source' | 'importId'>,
  opts: { limit?: number } = {},
): Promise<TTimelineEvent[]> {
  const limit = Math.min(opts.limit ?? 100, 500);
  const [stored, imp] = await Promise.all([
    findLeadEvents(db, lead.id, { limit }),
    lead.importId
      ? one<{ fileName: string }>(db, sql`select file_name as "fileName" from public.imports where id = ${lead.importId}::uuid and org_id = ${orgId}::uuid`)
      : undefined,
  ]);
  const events: TTimelineEvent[] = stored.map((e) => ({
    id: e.id, type: e.type, summary: e.summary, data: e.data, actorId: e.actorId, occurredAt: e.occurredAt.toISOString(),
  }));
  const origin = originOf(lead, imp?.fileName ?? null);
  // A stored event of the same kind (written before origins were read from the lead) is the origin itself.
  if (origin && !events.some((e) => e.type === origin.type)) {
    events.push(origin);
    // Stable: an event at the very same instant as the origin stays before it (newer first).
    events.sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt));
  }
  return events.slice(0, limit);
}

function originOf(lead: Pick<TLead, 'id' | 'createdAt' | 'source' | 'importId'>, fileName: string | null): TTimelineEvent | null {
  const occurredAt = new Date(lead.createdAt).toISOString();
  if (lead.importId) {
    return {
      id: lead.id, type: 'imported', summary: (fileName ? `Imported from ${fileName}` : 'Imported from a file').slice(0, 1000),
      data: { importId: lead.importId, fileName }, actorId: null, occurredAt,
    };
  }
  return {
    id: lead.id, type: 'created', summary: lead.source && lead.source !== 'manual' ? `Created (source: ${lead.source})`.slice(0, 1000) : 'Created',
    data: { source: lead.source }, actorId: null, occurredAt,
  };
}
