/**
 * The lead detail read model (L4): every field and custom field (with the definitions to render them),
 * lists and tags, the company with its intent signals, fit score, trend and score history, the company's
 * other contacts, and the activity timeline (the events all features write, with the lead's origin read
 * from the lead row: see timeline.ts).
 */
import { rows, sql, type Db } from '@/db';
import { findCustomFields, type TCustomField } from './custom-fields';
import { tagsOf } from './find-leads';
import { getCompany } from './companies';
import { getLead } from './get-lead';
import { findIntentSignals, type TIntentSignal } from './intent-signals';
import { findCompanySnapshots, type TSnapshot } from './qualify-company';
import { leadTimeline, type TTimelineEvent } from './timeline';
import type { TCompanyRow, TLead, TListRef, TTagRef } from './types';

export type { TTimelineEvent };
export type TContact = { id: string; fullName: string | null; email: string | null; title: string | null; status: string };

export type TLeadDetail = {
  lead: TLead & { lists: TListRef[]; tags: TTagRef[] };
  customFieldDefinitions: TCustomField[];
  company: (TCompanyRow & { signals: TIntentSignal[] }) | null;
  contacts: TContact[];
  timeline: TTimelineEvent[];
  /** Oldest first, for the score chart. */
  scoreHistory: TSnapshot[];
};

export async function getLeadDetail(db: Db, orgId: string, id: string): Promise<TLeadDetail> {
  const lead = await getLead(db, orgId, id);
  const [lists, tags, defs, events] = await Promise.all([
    rows<TListRef>(db, sql`select x.id, x.name from public.list_members m join public.lists x on x.id = m.list_id where m.lead_id = ${id}::uuid order by lower(x.name)`),
    tagsOf(db, [id]),
    findCustomFields(db, orgId),
    leadTimeline(db, orgId, lead, { limit: 200 }),
  ]);
  let company: TLeadDetail['company'] = null;
  let contacts: TContact[] = [];
  let scoreHistory: TSnapshot[] = [];
  if (lead.companyId) {
    const c = await getCompany(db, orgId, lead.companyId, { includeDeleted: true });
    const [signals, snapshots, others] = await Promise.all([
      findIntentSignals(db, orgId, lead.companyId, { limit: 50 }).catch(() => [] as TIntentSignal[]),
      findCompanySnapshots(db, orgId, lead.companyId, { limit: 100 }),
      rows<TContact>(
        db,
        sql`select l.id, l.full_name as "fullName", l.email, l.title, l.status from public.leads l
            where l.company_id = ${lead.companyId}::uuid and l.org_id = ${orgId}::uuid and l.id <> ${id}::uuid and l.deleted_at is null
            order by l.created_at desc, l.id desc limit 50`,
      ),
    ]);
    company = { ...c, signals };
    contacts = others;
    scoreHistory = snapshots.reverse();
  }
  return {
    lead: { ...lead, lists, tags: tags.get(id) ?? [] },
    customFieldDefinitions: defs,
    company,
    contacts,
    timeline: events,
    scoreHistory,
  };
}
