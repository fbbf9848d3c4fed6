/**
 * Deduplication of one import batch, in memory: rows that repeat an earlier row of the file, or an
 * existing lead, by email and then by LinkedIn URL, are merged by the chosen mode:
 *   skip        the row changes nothing (the first row, or the existing lead, is kept as it is);
 *   fill_empty  the row's values fill only fields that are empty;
 *   overwrite   the row's non-empty values replace stored ones (empty cells never erase).
 * Every row ends in exactly one bucket: created, updated (an existing lead from before this import),
 * or skipped as a duplicate (of another row of the file, or of an existing lead in "skip" mode).
 * Pure: no I/O.
 */
import { randomUUID } from 'node:crypto';
import type { TImportLead } from './import-row';
import type { TDedupeMode } from './schemas';

export type TCandidate = { rowNumber: number; lead: TImportLead };
export type TExistingLead = { id: string; email: string | null; linkedinUrl: string | null; importId: string | null };

export type TInsert = { id: string; rowNumber: number; lead: TImportLead };
export type TUpdate = { id: string; lead: TImportLead; ownImport: boolean };
export type TPlan = {
  inserts: TInsert[];
  /** Existing leads to merge into (after fill_empty/overwrite); ownImport: created earlier by this same import. */
  updates: TUpdate[];
  /** Every row's lead id (created or matched), for the import's list and tags. */
  leadIds: Set<string>;
  created: number;
  updated: number;
  skippedDuplicate: number;
};

const SCALARS = [
  'email', 'phone', 'whatsapp', 'firstName', 'lastName', 'title', 'seniority', 'department', 'linkedinUrl', 'website', 'city', 'state',
  'country', 'timezone', 'status', 'source',
] as const satisfies readonly (keyof TImportLead)[];

const union = (a: string[], b: string[]) => {
  const seen = new Set(a.map((x) => x.toLowerCase()));
  return [...a, ...b.filter((x) => !seen.has(x.toLowerCase()))];
};

/** Merges `from` (a later row) into `into` by the mode; returns `into` (mutated). */
export function mergeLead(into: TImportLead, from: TImportLead, mode: TDedupeMode): TImportLead {
  if (mode === 'skip') return into;
  const w = into as Record<(typeof SCALARS)[number], unknown>;
  const r = from as Record<(typeof SCALARS)[number], unknown>;
  for (const f of SCALARS) {
    if (r[f] === null || r[f] === undefined) continue;
    if (mode === 'overwrite' || w[f] === null || w[f] === undefined) w[f] = r[f];
  }
  if (from.company && (mode === 'overwrite' || !into.company)) into.company = from.company;
  into.customFields = mode === 'overwrite' ? { ...into.customFields, ...from.customFields } : { ...from.customFields, ...into.customFields };
  into.tags = union(into.tags, from.tags);
  into.lists = union(into.lists, from.lists);
  return into;
}

/** Plans a batch: in-file duplicates merged, matches with existing leads found, new leads given ids. */
export function planBatch(candidates: TCandidate[], existing: TExistingLead[], mode: TDedupeMode, importId: string, newId: () => string = randomUUID): TPlan {
  const plan: TPlan = { inserts: [], updates: [], leadIds: new Set(), created: 0, updated: 0, skippedDuplicate: 0 };
  const byEmail = new Map<string, TExistingLead>();
  const byLinkedin = new Map<string, TExistingLead>();
  for (const e of existing) {
    if (e.email) byEmail.set(e.email, e);
    if (e.linkedinUrl) byLinkedin.set(e.linkedinUrl, e);
  }
  // The target of each key in this batch: a new lead (insert) or an existing one (update).
  type Target = { kind: 'insert'; item: TInsert } | { kind: 'update'; item: TUpdate };
  const targets = new Map<string, Target>(); // "e:<email>" / "l:<url>" / "id:<existing id>"
  const claim = (t: Target, lead: TImportLead) => {
    if (lead.email && !targets.has(`e:${lead.email}`)) targets.set(`e:${lead.email}`, t);
    if (lead.linkedinUrl && !targets.has(`l:${lead.linkedinUrl}`)) targets.set(`l:${lead.linkedinUrl}`, t);
  };

  /**
   * Merges a duplicate row into its target without taking a key (email or LinkedIn URL) that another
   * lead — of this batch or existing — already owns: two leads must never end up with the same key.
   */
  const mergeInto = (self: Target, from: TImportLead) => {
    const into = self.item.lead;
    const selfId = self.item.id;
    const foreign = (key: 'e' | 'l', v: string) => {
      const t = targets.get(`${key}:${v}`);
      if (t && t !== self) return true;
      const e = (key === 'e' ? byEmail : byLinkedin).get(v);
      return Boolean(e && e.id !== selfId);
    };
    const safe = { ...from };
    if (safe.email && foreign('e', safe.email)) safe.email = null;
    if (safe.linkedinUrl && foreign('l', safe.linkedinUrl)) safe.linkedinUrl = null;
    const before = { email: into.email, linkedinUrl: into.linkedinUrl };
    mergeLead(into, safe, mode);
    if (into.email && into.email !== before.email) targets.set(`e:${into.email}`, self);
    if (into.linkedinUrl && into.linkedinUrl !== before.linkedinUrl) targets.set(`l:${into.linkedinUrl}`, self);
  };

  for (const c of candidates) {
    const lead = c.lead;
    // 1. a row earlier in this batch (email first, then LinkedIn URL)
    const prior = (lead.email && targets.get(`e:${lead.email}`)) || (lead.linkedinUrl && targets.get(`l:${lead.linkedinUrl}`)) || undefined;
    if (prior) {
      mergeInto(prior, lead);
      plan.skippedDuplicate++;
      continue;
    }
    // 2. an existing lead
    const ex = (lead.email && byEmail.get(lead.email)) || (lead.linkedinUrl && byLinkedin.get(lead.linkedinUrl)) || undefined;
    if (ex) {
      const already = targets.get(`id:${ex.id}`);
      if (already) {
        mergeInto(already, lead);
        plan.skippedDuplicate++;
        continue;
      }
      plan.leadIds.add(ex.id);
      const ownImport = ex.importId === importId;
      if (mode === 'skip') {
        plan.skippedDuplicate++;
        // Remember the lead so later rows with the same keys are duplicates too.
        const t: Target = { kind: 'update', item: { id: ex.id, lead, ownImport } };
        targets.set(`id:${ex.id}`, t);
        claim(t, lead);
        continue;
      }
      const item: TUpdate = { id: ex.id, lead, ownImport };
      const t: Target = { kind: 'update', item };
      plan.updates.push(item);
      targets.set(`id:${ex.id}`, t);
      claim(t, lead);
      if (ownImport) plan.skippedDuplicate++;
      else plan.updated++;
      continue;
    }
    // 3. a new lead
    const item: TInsert = { id: newId(), rowNumber: c.rowNumber, lead };
    plan.inserts.push(item);
    plan.leadIds.add(item.id);
    claim({ kind: 'insert', item }, lead);
    plan.created++;
  }
  return plan;
}
