/** The template library (S1) and sequences with immutable versions (S2, S12). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, sql } from '../../../../src/db';
import {
  createSequence, createTemplate, duplicateTemplate, findTemplates, getSequence, previewStep, saveSequenceVersion, templateFacets, updateTemplate, validateStepsForSave,
} from '../../../../src/features/sequences';
import { testDb, type TTestDb } from '../../../support/db';
import { errorText, sqlState } from '../../../support/synthesize';
import type { TPerson } from '../../../support/world';
import { actorOf, addLeads, as, person } from './fixtures';

let h: TTestDb;
let a: TPerson;
let b: TPerson;

beforeAll(async () => {
  h = await testDb();
  a = await person(h.db, 'Alpha');
  b = await person(h.db, 'Beta');
});
afterAll(async () => h?.close());

const errorOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string; fields?: Record<string, string[]> };
  }
  throw new Error('expected an error');
};

describe('template library', () => {
  it('has the system templates of seed 002 and one for every category, readable by everyone', async () => {
    const list = await as(h.db, a)((tx) => findTemplates(tx, a.orgId, { scope: 'system' }));
    const names = list.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['SaaS Cold Outreach', 'Agency New Client', 'Multi-Channel Outreach']));
    expect(new Set(list.map((t) => t.category))).toEqual(new Set(['cold_outreach', 'nurture', 'follow_up', 'win_back', 'custom']));
    const multi = list.find((t) => t.name === 'Multi-Channel Outreach')!;
    expect(multi.channels).toEqual(['email', 'whatsapp']);
    expect(multi.steps.filter((s) => s.type === 'whatsapp')).toHaveLength(2);
    // every seeded template passes the same validation a user's steps do
    for (const t of list) await expect(validateStepsForSave(t.steps, { checkDns: false }), t.name).resolves.toBeTruthy();
    const facets = await as(h.db, b)((tx) => templateFacets(tx, b.orgId));
    expect(facets.industries).toEqual(expect.arrayContaining(['saas', 'agency', 'recruiting', 'general']));
    expect(facets.useCases).toEqual(expect.arrayContaining(['cold_outreach', 'recruitment', 'event_invitation']));
  });

  it('filters by category, industry and use case', async () => {
    const f = (q: Parameters<typeof findTemplates>[2]) => as(h.db, a)((tx) => findTemplates(tx, a.orgId, q)).then((l) => l.map((t) => t.name));
    expect(await f({ industry: 'agency' })).toEqual(['Agency New Client']);
    expect(await f({ useCase: 'recruitment' })).toEqual(['Recruiting: Passive Candidate']);
    expect(await f({ category: 'win_back' })).toEqual(['Win Back Closed-Lost']);
    expect(await f({ q: 'demo' })).toEqual(['Post-Demo Follow-up']);
  });

  it('never lets a user change a system template, and counts duplicates as uses', async () => {
    const [saas] = await as(h.db, a)((tx) => findTemplates(tx, a.orgId, { industry: 'saas', category: 'cold_outreach' }));
    const e = await errorOf(as(h.db, a)((tx) => updateTemplate(tx, actorOf(a), saas!.id, { name: 'Mine now' })));
    expect(e.code).toBe('FORBIDDEN');
    const direct = await as(h.db, a)((tx) => rows(tx, sql`update public.sequence_templates set name = 'x' where id = ${saas!.id}::uuid returning id`));
    expect(direct).toEqual([]); // RLS: not writable
    const copy = await as(h.db, a)((tx) => duplicateTemplate(tx, actorOf(a), saas!.id, {}));
    expect(copy).toMatchObject({ name: 'SaaS Cold Outreach (copy)', isSystem: false });
    const after = await as(h.db, b)((tx) => findTemplates(tx, b.orgId, { industry: 'saas', category: 'cold_outreach', scope: 'system' }));
    expect(after[0]!.usageCount).toBe(saas!.usageCount + 1);
    // the copy is org A's alone
    expect((await as(h.db, b)((tx) => findTemplates(tx, b.orgId, { scope: 'organization' }))).map((t) => t.id)).not.toContain(copy.id);
  });

  it('sanitises HTML and says what it removed; refuses broken variables, unbalanced spintax and private webhooks', async () => {
    const ok = await as(h.db, a)((tx) =>
      createTemplate(tx, actorOf(a), {
        name: 'Mine', category: 'custom',
        steps: [{ id: 's1', type: 'email', variants: [{ key: 'A', subject: 'Hi', html: '<p onmouseover="x()">Hi</p><script>steal()</script><a href="javascript:alert(1)">a</a>' }] }],
      }),
    );
    expect((ok.template.steps[0] as { variants: { html: string }[] }).variants[0]!.html).toBe('<p>Hi</p><a>a</a>');
    expect(ok.removed[0]!.items).toEqual(expect.arrayContaining(['onmouseover event handler on <p>', '<script> element', 'javascript: link in href of <a>']));

    const broken = await errorOf(as(h.db, a)((tx) =>
      createTemplate(tx, actorOf(a), { name: 'Bad', category: 'custom', steps: [{ id: 's1', type: 'email', variants: [{ key: 'A', subject: '{Hi|Hello', html: '<p>{{first_name</p>' }] }] }),
    ));
    expect(broken.code).toBe('INVALID_INPUT');
    expect(Object.keys(broken.fields!)).toEqual(['steps.0.variants.0.subject', 'steps.0.variants.0.html']);

    const privateHook = await errorOf(as(h.db, a)((tx) =>
      createTemplate(tx, actorOf(a), { name: 'Hook', category: 'custom', steps: [{ id: 'h', type: 'webhook', url: 'http://169.254.169.254/latest/meta-data/' }] }),
    ));
    expect(privateHook.fields!['steps.0.url']![0]).toMatch(/link-local|metadata/);
  });
});

describe('sequences and versions', () => {
  it('saves every edit as a new version and never changes an old one', async () => {
    const s = await as(h.db, a)((tx) => createSequence(tx, actorOf(a), { name: 'Seq' }));
    expect(s.current.version).toBe(1);
    const v2 = await as(h.db, a)((tx) =>
      saveSequenceVersion(tx, actorOf(a), s.id, [{ id: 's1', type: 'email', variants: [{ key: 'A', subject: 'New {{pain_point}}', html: '<p>x</p>' }] }]),
    );
    expect(v2.version.version).toBe(2);
    expect(v2.warnings.map((w) => w.code)).toEqual(['custom_field']);
    const seq = await as(h.db, a)((tx) => getSequence(tx, a.orgId, s.id));
    expect(seq.versions.map((v) => v.version)).toEqual([2, 1]);
    // members have no UPDATE on versions at all; even the owner of the database is refused by the trigger
    const asMember = await as(h.db, a)((tx) => rows(tx, sql`update public.sequence_versions set steps = '[]' where sequence_id = ${s.id}::uuid returning id`)).catch((e: unknown) => e);
    expect(sqlState(asMember)).toBe('42501');
    const asOwner = await h.db.execute(sql`update public.sequence_versions set steps = '[]' where sequence_id = ${s.id}::uuid`).catch((e: unknown) => e);
    expect(errorText(asOwner)).toMatch(/never changes/);
  });

  it('previews a step against a real lead, with the thread subject and a missing variable explained', async () => {
    const [lead] = await addLeads(h.db, a, 1, { prefix: 'preview', firstName: 'Ada' });
    const steps = [
      { id: 's1', type: 'email', variants: [{ key: 'A', subject: 'Idea for {{company}}', html: '<p>Hi {{first_name}}</p>' }] },
      { id: 's2', type: 'email', thread: true, variants: [{ key: 'A', subject: '', html: '<p>{{first_name}}, {{pain_point}}</p>' }] },
      { id: 't1', type: 'task', title: 'Call {{first_name}}' },
    ];
    const p1 = await as(h.db, a)((tx) => previewStep(tx, a.orgId, { leadId: lead!, steps, stepId: 's1' }));
    expect(p1).toMatchObject({ kind: 'email', ok: true, subject: 'Idea for Client Inc', text: 'Hi Ada' });
    const p2 = await as(h.db, a)((tx) => previewStep(tx, a.orgId, { leadId: lead!, steps, stepId: 's2' }));
    expect(p2).toMatchObject({ kind: 'email', ok: false, problems: [{ code: 'missing_variable', variable: 'pain_point' }] });
    const p3 = await as(h.db, a)((tx) => previewStep(tx, a.orgId, { leadId: lead!, steps, stepId: 't1' }));
    expect(p3).toEqual({ kind: 'text', ok: true, text: 'Call Ada', problems: [] });
    // another organization's lead is not found
    await expect(as(h.db, b)((tx) => previewStep(tx, b.orgId, { leadId: lead!, steps, stepId: 's1' }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
