/** The lead activity timeline (L4): every feature records what happened to a lead through this. */
import { desc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { leadEvents } from '@/db/schema';

export type TLeadEventInput = {
  orgId: string;
  leadId: string;
  type: string;
  summary: string;
  data?: Record<string, unknown>;
  actorId?: string | null;
  occurredAt?: Date;
};

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

export async function findLeadEvents(db: Db, leadId: string, opts: { limit?: number } = {}) {
  return db.select().from(leadEvents).where(eq(leadEvents.leadId, leadId)).orderBy(desc(leadEvents.occurredAt)).limit(Math.min(opts.limit ?? 100, 500));
}
