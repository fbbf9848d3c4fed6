/** Shared set-up for the sequences tests: people, leads in bulk, a campaign ready to run. */
import { rows, sql, withUser, type Db } from '../../../../src/db';
import { createCampaign, transitionCampaign, type TCampaignView } from '../../../../src/features/sequences';
import { createPerson, type TPerson } from '../../../support/world';

export const ALL_DAY = { windowStart: '00:00', windowEnd: '24:00', days: [1, 2, 3, 4, 5, 6, 7], skipWeekends: false };

export const actorOf = (p: TPerson) => ({ orgId: p.orgId, userId: p.userId });
export const as = (db: Db, p: TPerson) => <T>(fn: (tx: Db) => Promise<T>) => withUser(db, p.claims, fn);

export async function person(db: Db, orgName = 'Seq Co'): Promise<TPerson> {
  return createPerson(db, { orgName, fullName: 'Sam Seller' });
}

/** Inserts n leads (set-based) with emails lead-<i>@<domain>; returns their ids in order. */
export async function addLeads(db: Db, p: TPerson, n: number, o: { domain?: string; prefix?: string; firstName?: string | null; timezone?: string | null; companyName?: string } = {}): Promise<string[]> {
  const r = await withUser(db, p.claims, (tx) =>
    rows<{ id: string }>(
      tx,
      sql`insert into public.leads (org_id, email, first_name, company_name, timezone)
          select ${p.orgId}::uuid, ${o.prefix ?? 'lead'} || '-' || i || '@' || ${o.domain ?? 'client.test'}, ${o.firstName === undefined ? 'Ada' : o.firstName},
                 ${o.companyName ?? 'Client Inc'}, ${o.timezone ?? null}
          from generate_series(1, ${n}) as i
          returning id`,
    ),
  );
  return r.map((x) => x.id);
}

export const EMAIL_STEPS = [
  { id: 's1', type: 'email', variants: [{ key: 'A', subject: 'Hi {{first_name}}', html: '<p>Hello {{first_name}} at {{company}}. <a href="https://example.com/x">x</a></p>' }] },
  { id: 'w1', type: 'wait', days: 2 },
  { id: 's2', type: 'email', thread: true, variants: [{ key: 'A', subject: '', html: '<p>Bump, {{first_name}}.</p>' }] },
];

/** A campaign on the given mailboxes (or the dev mailbox in local mode), active unless told otherwise. */
export async function campaign(db: Db, p: TPerson, o: { mailboxIds?: string[]; steps?: unknown[]; settings?: Record<string, unknown>; activate?: boolean; name?: string } = {}): Promise<TCampaignView> {
  const c = await withUser(db, p.claims, (tx) =>
    createCampaign(tx, actorOf(p), { name: o.name ?? 'Campaign', mailboxIds: o.mailboxIds, steps: o.steps ?? EMAIL_STEPS, settings: { ...ALL_DAY, ...o.settings } }),
  );
  if (o.activate === false) return c;
  return withUser(db, p.claims, (tx) => transitionCampaign(tx, actorOf(p), c.id, 'active'));
}
