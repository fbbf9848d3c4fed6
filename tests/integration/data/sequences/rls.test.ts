/**
 * Tenancy of the sending tables beyond the generic catalog test: an organization cannot point its
 * campaign at another's mailbox or enroll another's lead; mailbox secrets reach only the mailbox's owner
 * and admins; system templates are readable by everyone and writable by no one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, sql, withUser } from '../../../../src/db';
import { createMailbox, findMailboxes } from '../../../../src/features/mailboxes';
import { enrollLeads } from '../../../../src/features/sequences';
import { testDb, type TTestDb } from '../../../support/db';
import { createPerson, type TPerson } from '../../../support/world';
import { sqlState } from '../../../support/synthesize';
import { actorOf, addLeads, as, campaign, person } from './fixtures';

let h: TTestDb;
let a: TPerson;
let b: TPerson;
let member: TPerson;

beforeAll(async () => {
  h = await testDb();
  a = await person(h.db, 'Alpha');
  b = await person(h.db, 'Beta');
  member = await createPerson(h.db, { join: { orgId: a.orgId, role: 'member' } });
});
afterAll(async () => h?.close());

describe('sending tables across organizations', () => {
  it("refuses another organization's mailbox in a campaign and its leads in an enrollment", async () => {
    const [aMailbox] = await as(h.db, a)((tx) => findMailboxes(tx, actorOf(a)));
    const bCampaign = await campaign(h.db, b);
    const err = await as(h.db, b)((tx) =>
      rows(tx, sql`insert into public.campaign_mailboxes (campaign_id, mailbox_id, org_id) values (${bCampaign.id}, ${aMailbox!.id}, ${b.orgId}) returning 1`),
    ).catch((e: unknown) => e);
    expect(sqlState(err)).toBe('42501');
    const aLeads = await addLeads(h.db, a, 2, { prefix: 'foreign' });
    const r = await as(h.db, b)((tx) => enrollLeads(tx, actorOf(b), bCampaign.id, { leadIds: aLeads }));
    expect(r).toMatchObject({ enrolled: 0, skipped: { notFound: 2 } });
  });

  it('keeps mailbox secrets to the member who connected the mailbox and to admins', async () => {
    const mb = await as(h.db, member)((tx) =>
      createMailbox(tx, actorOf(member), { email: 'member@a.test', smtp: { host: '127.0.0.1', port: 2525, security: 'none', username: 'm', password: 'member-secret' } }),
    );
    const count = async (p: TPerson) => (await as(h.db, p)((tx) => rows(tx, sql`select 1 from public.mailbox_secrets where mailbox_id = ${mb.id}::uuid`))).length;
    expect(await count(member)).toBe(1);
    expect(await count(a)).toBe(1); // the owner
    const other = await createPerson(h.db, { join: { orgId: a.orgId, role: 'member' } });
    expect(await count(other)).toBe(0);
    expect(await count(b)).toBe(0);
    // the view never carries it, whoever looks
    const seen = await withUser(h.db, other.claims, (tx) => findMailboxes(tx, actorOf(other)));
    expect(JSON.stringify(seen)).not.toContain('member-secret');
    expect(seen.find((m) => m.id === mb.id)!.smtp!.hasPassword).toBe(true);
  });

  it('lets nobody insert a system template', async () => {
    const err = await as(h.db, a)((tx) =>
      rows(tx, sql`insert into public.sequence_templates (org_id, is_system, name) values (null, true, 'Fake system') returning 1`),
    ).catch((e: unknown) => e);
    expect(sqlState(err)).toBe('42501');
  });
});
