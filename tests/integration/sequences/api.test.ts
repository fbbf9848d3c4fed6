/**
 * The sequences and mailboxes /api routes called the way a client calls them (API key, session cookie)
 * against real Postgres: contracts (every exported handler is in the OpenAPI catalog; answers match the
 * response schemas) and the bad-input paths of issue 4. Also the public pages: pixel, click, unsubscribe.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { asService, rows, sql } from '../../../src/db';
import { apiCatalog } from '../../../src/features/api-catalog';
import * as seq from '../../../src/features/sequences';
import * as mbx from '../../../src/features/mailboxes';
import { flushTracking, openUrl, clickUrl, unsubscribeUrl } from '../../../src/features/sequences';
import type { TEndpoint } from '../../../src/lib/http/endpoint';
import type { TTestDb } from '../../support/db';
import { createPerson, type TPerson } from '../../support/world';
import { startSmtpSink, type TSmtpSink } from '../../support/peers/smtp';
import { APP, apiKeyFor, call, expectError, onPglite, releaseTestDatabase, sessionCookie, useTestDatabase } from '../api/helpers';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const MINE = ['app/api/v1/mailboxes', 'app/api/v1/templates', 'app/api/v1/sequences', 'app/api/v1/campaigns', 'app/api/v1/enrollments', 'app/api/v1/approvals',
  'app/api/v1/metrics', 'app/api/v1/tasks', 'app/api/oauth', 'app/api/webhooks/calcom', 'app/api/webhooks/calendly'];

function routeFiles(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  return readdirSync(abs).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(path.join(ROOT, p)).isDirectory() ? routeFiles(p) : f === 'route.ts' ? [p] : [];
  });
}
const apiPath = (file: string) => `/${path.dirname(file).replace(/^app/, '').replace(/\[(\w+)\]/g, '{$1}').replace(/^\//, '')}`;

describe('route files and the OpenAPI catalog', () => {
  it('lists every exported handler of this feature with its method and path', () => {
    const missing: string[] = [];
    for (const file of MINE.flatMap(routeFiles)) {
      const methods = [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(/export const (GET|POST|PUT|PATCH|DELETE) = /g)].map((m) => m[1]!);
      expect(methods.length, file).toBeGreaterThan(0);
      for (const m of methods) if (!apiCatalog.some((e) => e.method === m && e.path === apiPath(file))) missing.push(`${m} ${apiPath(file)}`);
    }
    expect(missing).toEqual([]);
    expect(seq.sequencesApi.every((e) => e.response || e.produces)).toBe(true);
    expect(mbx.mailboxesApi.every((e) => e.response || e.produces)).toBe(true);
  });
});

type TRoutes = Awaited<ReturnType<typeof load>>;
async function load() {
  return {
    mailboxes: await import('@app/api/v1/mailboxes/route'),
    mailboxTest: await import('@app/api/v1/mailboxes/test/route'),
    mailbox: await import('@app/api/v1/mailboxes/[id]/route'),
    mailboxTestSaved: await import('@app/api/v1/mailboxes/[id]/test/route'),
    templates: await import('@app/api/v1/templates/route'),
    template: await import('@app/api/v1/templates/[id]/route'),
    duplicate: await import('@app/api/v1/templates/[id]/duplicate/route'),
    sequences: await import('@app/api/v1/sequences/route'),
    validate: await import('@app/api/v1/sequences/validate/route'),
    preview: await import('@app/api/v1/sequences/preview/route'),
    variables: await import('@app/api/v1/sequences/variables/route'),
    versions: await import('@app/api/v1/sequences/[id]/versions/route'),
    campaigns: await import('@app/api/v1/campaigns/route'),
    campaign: await import('@app/api/v1/campaigns/[id]/route'),
    status: await import('@app/api/v1/campaigns/[id]/status/route'),
    enroll: await import('@app/api/v1/campaigns/[id]/enroll/route'),
    meetingHooks: await import('@app/api/v1/campaigns/meeting-webhooks/route'),
    enrollments: await import('@app/api/v1/enrollments/route'),
    stop: await import('@app/api/v1/enrollments/stop/route'),
    approvals: await import('@app/api/v1/approvals/route'),
    metrics: await import('@app/api/v1/metrics/campaigns/[id]/route'),
    overview: await import('@app/api/v1/metrics/campaigns/route'),
    tasks: await import('@app/api/v1/tasks/route'),
    pixel: await import('@app/t/o/[token]/route'),
    click: await import('@app/t/c/[token]/route'),
    bare: await import('@app/t/bare/route'),
    unsubscribe: await import('@app/u/[token]/route'),
  };
}

const shape = (ep: TEndpoint, body: unknown) => {
  const r = (ep.response as z.ZodType).safeParse(body);
  expect(r.success, r.success ? '' : JSON.stringify(r.error.issues.slice(0, 3))).toBe(true);
  return body;
};

describe.skipIf(onPglite())('sequences /api routes', () => {
  let h: TTestDb;
  let R: TRoutes;
  let owner: TPerson;
  let key: string;
  let sink: TSmtpSink;
  const auth = () => ({ key });

  beforeAll(async () => {
    h = await useTestDatabase();
    R = await load();
    owner = await createPerson(h.db, { orgName: 'Api Seq Co', fullName: 'Olive Owner' });
    key = (await apiKeyFor(h.db, owner)).key;
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink?.close();
    await releaseTestDatabase(h);
  });

  it('mailboxes: invalid SMTP settings get a reason per field; a saved password is never returned', async () => {
    const bad = await call(R.mailboxes.POST, 'POST', '/api/v1/mailboxes', { ...auth(), json: { email: 'x', smtp: { host: 'smtp://x', port: 0, security: 'tls', username: 'u', password: 'p' } } });
    const e = expectError(bad, 422, 'INVALID_INPUT');
    expect(Object.keys(e.fields!)).toEqual(expect.arrayContaining(['email', 'smtp.host', 'smtp.port']));
    const ok = await call(R.mailboxes.POST, 'POST', '/api/v1/mailboxes', {
      ...auth(), json: { email: 'Sam@Api.test', displayName: 'Sam', smtp: { host: '127.0.0.1', port: sink.port, security: 'none', username: 'sam', password: 'hunter2-secret' }, minGapSeconds: 0, gapJitterSeconds: 0 },
    });
    expect(ok.status).toBe(201);
    shape(mbx.createMailboxEndpoint, ok.body);
    expect(ok.text).not.toContain('hunter2-secret');
    const id = (ok.body as { mailbox: { id: string; email: string } }).mailbox.id;
    expect((ok.body as { mailbox: { email: string } }).mailbox.email).toBe('sam@api.test');
    const list = await call(R.mailboxes.GET, 'GET', '/api/v1/mailboxes', auth());
    shape(mbx.listMailboxesEndpoint, list.body);
    expect(list.text).not.toContain('hunter2-secret');
    expect((list.body as { mailboxes: { provider: string }[] }).mailboxes.map((m) => m.provider).sort()).toEqual(['dev', 'smtp']);
    const t = await call(R.mailboxTestSaved.POST, 'POST', `/api/v1/mailboxes/${id}/test`, { ...auth(), params: { id } });
    shape(mbx.testMailboxEndpoint, t.body);
    expect(t.body).toMatchObject({ ok: true, smtp: { ok: true, stage: 'done' } });
    const dup = await call(R.mailboxes.POST, 'POST', '/api/v1/mailboxes', { ...auth(), json: { email: 'sam@api.test', smtp: { host: '127.0.0.1', port: sink.port, security: 'none', username: 'sam', password: 'x' } } });
    expectError(dup, 409, 'CONFLICT');
  });

  it('templates: filters, sanitised HTML reported, broken variables and unbalanced spintax refused', async () => {
    const list = await call(R.templates.GET, 'GET', '/api/v1/templates?category=cold_outreach&industry=saas', auth());
    shape(seq.listTemplatesEndpoint, list.body);
    expect((list.body as { templates: { name: string }[] }).templates.map((t) => t.name)).toEqual(['SaaS Cold Outreach']);
    const html = await call(R.templates.POST, 'POST', '/api/v1/templates', {
      ...auth(), json: { name: 'Clean me', steps: [{ id: 's1', type: 'email', variants: [{ key: 'A', subject: 'Hi', html: '<p onclick="x()">Hi</p><script>alert(1)</script>' }] }] },
    });
    expect(html.status).toBe(201);
    shape(seq.createTemplateEndpoint, html.body);
    expect(html.body).toMatchObject({ removed: [{ path: '0.variants.0.html', items: expect.arrayContaining(['<script> element', 'onclick event handler on <p>']) }] });
    const broken = await call(R.templates.POST, 'POST', '/api/v1/templates', {
      ...auth(), json: { name: 'Broken', steps: [{ id: 's1', type: 'email', variants: [{ key: 'A', subject: 'Hi {{first_name', html: '<p>{Hi|Hello</p>' }] }] },
    });
    const e = expectError(broken, 422, 'INVALID_INPUT');
    expect(e.fields).toEqual({
      'steps.0.variants.0.subject': [expect.stringMatching(/not closed with "}}"/)],
      'steps.0.variants.0.html': [expect.stringMatching(/not closed with "}"/)],
    });
    const system = (list.body as { templates: { id: string }[] }).templates[0]!.id;
    expectError(await call(R.template.PATCH, 'PATCH', `/api/v1/templates/${system}`, { ...auth(), params: { id: system }, json: { name: 'x' } }), 403, 'FORBIDDEN');
    const copy = await call(R.duplicate.POST, 'POST', `/api/v1/templates/${system}/duplicate`, { ...auth(), params: { id: system }, json: {} });
    expect(copy.status).toBe(201);
  });

  it('sequences: a webhook step at a private or metadata address is refused; steps validate and preview', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.8/hook', 'http://[::1]:8080/']) {
      const r = await call(R.validate.POST, 'POST', '/api/v1/sequences/validate', { ...auth(), json: { steps: [{ id: 'h', type: 'webhook', url }] } });
      expect(expectError(r, 422, 'INVALID_INPUT').fields!['steps.0.url']).toBeTruthy();
    }
    const ok = await call(R.validate.POST, 'POST', '/api/v1/sequences/validate', { ...auth(), json: { steps: [{ id: 's1', type: 'email', variants: [{ key: 'A', subject: 'Hi {{pain_point}}', html: '<p>x</p>' }] }] } });
    shape(seq.validateStepsEndpoint, ok.body);
    expect((ok.body as { warnings: { code: string }[] }).warnings.map((w) => w.code)).toEqual(['custom_field']);
    const vars = await call(R.variables.GET, 'GET', '/api/v1/sequences/variables', auth());
    shape(seq.listVariablesEndpoint, vars.body);
    const created = await call(R.sequences.POST, 'POST', '/api/v1/sequences', { ...auth(), json: { name: 'API seq' } });
    expect(created.status).toBe(201);
    shape(seq.createSequenceEndpoint, created.body);
    const id = (created.body as { sequence: { id: string } }).sequence.id;
    const v2 = await call(R.versions.POST, 'POST', `/api/v1/sequences/${id}/versions`, { ...auth(), params: { id }, json: { steps: [{ id: 's1', type: 'email', variants: [{ key: 'A', subject: 'v2', html: '<p>2</p>' }] }] } });
    expect(v2.status).toBe(201);
    shape(seq.saveVersionEndpoint, v2.body);
  });

  it('campaigns and enrollment: counts per reason, single lead without email refused, bulk over the limit refused, lifecycle checked', async () => {
    const leads = await asService(h.db, (tx) =>
      rows<{ id: string }>(tx, sql`insert into public.leads (org_id, email, first_name, timezone) values
        (${owner.orgId}, 'one@lead.test', 'One', 'Pacific/Chatham'), (${owner.orgId}, 'two@lead.test', 'Two', null), (${owner.orgId}, null, 'NoMail', null) returning id`),
    );
    const c = await call(R.campaigns.POST, 'POST', '/api/v1/campaigns', {
      ...auth(), json: { name: 'API campaign', templateId: '5e9d0000-0000-4000-8000-000000000009', settings: { windowStart: '00:00', windowEnd: '24:00', days: [1, 2, 3, 4, 5, 6, 7], skipWeekends: false } },
    });
    expect(c.status).toBe(201);
    shape(seq.createCampaignEndpoint, c.body);
    const id = (c.body as { campaign: { id: string } }).campaign.id;
    const got = await call(R.campaign.GET, 'GET', `/api/v1/campaigns/${id}`, { ...auth(), params: { id } });
    shape(seq.getCampaignEndpoint, got.body);
    expectError(await call(R.status.POST, 'POST', `/api/v1/campaigns/${id}/status`, { ...auth(), params: { id }, json: { status: 'completed' } }), 409, 'CONFLICT');
    const act = await call(R.status.POST, 'POST', `/api/v1/campaigns/${id}/status`, { ...auth(), params: { id }, json: { status: 'active' } });
    expect(act.status).toBe(200);
    const r = await call(R.enroll.POST, 'POST', `/api/v1/campaigns/${id}/enroll`, { ...auth(), params: { id }, json: { leadIds: leads.map((l) => l.id) } });
    shape(seq.enrollEndpoint, r.body);
    expect(r.body).toMatchObject({ enrolled: 2, skipped: { noEmail: 1 } });
    const over = await call(R.enroll.POST, 'POST', `/api/v1/campaigns/${id}/enroll`, {
      ...auth(), params: { id }, json: { leadIds: Array.from({ length: 10_001 }, () => leads[0]!.id) },
    });
    expect(expectError(over, 422, 'INVALID_INPUT').fields!.leadIds![0]).toMatch(/At most 10,000 leads per request/);
    await seq.advanceEnrollments({ db: h.db });
    const list = await call(R.enrollments.GET, 'GET', `/api/v1/enrollments?campaignId=${id}&tz=America/New_York`, auth());
    shape(seq.listEnrollmentsEndpoint, list.body);
    const chatham = (list.body as { enrollments: { leadTimezone: string; nextSendAtLeadTime: string | null; nextSendAtYourTime: string | null; waiting: { reason: string } }[] }).enrollments
      .find((e) => e.leadTimezone === 'Pacific/Chatham')!;
    expect(chatham.waiting.reason).toBe('scheduled');
    expect(chatham.nextSendAtLeadTime).toMatch(/\(Pacific\/Chatham\)$/);
    expect(chatham.nextSendAtYourTime).toMatch(/\(America\/New_York\)$/);
    const stop = await call(R.stop.POST, 'POST', '/api/v1/enrollments/stop', { ...auth(), json: { leadId: leads[1]!.id, reason: 'meeting_booked' } });
    shape(seq.stopEnrollmentsEndpoint, stop.body);
    const metrics = await call(R.metrics.GET, 'GET', `/api/v1/metrics/campaigns/${id}`, { ...auth(), params: { id } });
    shape(seq.campaignMetricsEndpoint, metrics.body);
    shape(seq.metricsOverviewEndpoint, (await call(R.overview.GET, 'GET', '/api/v1/metrics/campaigns', auth())).body);
    shape(seq.listApprovalsEndpoint, (await call(R.approvals.GET, 'GET', '/api/v1/approvals?kind=blocked', auth())).body);
    shape(seq.listTasksEndpoint, (await call(R.tasks.GET, 'GET', '/api/v1/tasks?assignee=all', auth())).body);
    shape(seq.meetingWebhooksEndpoint, (await call(R.meetingHooks.GET, 'GET', '/api/v1/campaigns/meeting-webhooks', auth())).body);
  });

  it('refuses cookie mutations from another site and callers without a key', async () => {
    const cookie = await sessionCookie(h.db, owner);
    expectError(await call(R.campaigns.POST, 'POST', '/api/v1/campaigns', { cookie, origin: 'https://evil.example', json: { name: 'x' } }), 403, 'FORBIDDEN');
    expectError(await call(R.campaigns.GET, 'GET', '/api/v1/campaigns', {}), 401, 'UNAUTHORIZED');
    const stranger = await createPerson(h.db, { orgName: 'Other' });
    const theirKey = (await apiKeyFor(h.db, stranger)).key;
    const mine = (await call(R.campaigns.GET, 'GET', '/api/v1/campaigns', auth())).body as { campaigns: { id: string }[] };
    const id = mine.campaigns[0]!.id;
    expectError(await call(R.campaign.GET, 'GET', `/api/v1/campaigns/${id}`, { key: theirKey, params: { id } }), 404, 'NOT_FOUND');
  });

  it('serves the pixel, the click redirect and the unsubscribe page without signing in', async () => {
    const [m] = await asService(h.db, (tx) => rows<{ id: string; to_email: string }>(tx, sql`select id, to_email from public.messages where org_id = ${owner.orgId}::uuid limit 1`));
    const tok = (u: string) => u.split('/').pop()!;
    const px = await R.pixel.GET(new Request(openUrl(m!.id, new Date(Date.now() - 60_000)), { headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0' } }), { params: Promise.resolve({ token: tok(openUrl(m!.id, new Date())) }) });
    expect(px.status).toBe(200);
    expect(px.headers.get('content-type')).toBe('image/gif');
    const target = 'https://example.com/landing?utm=1';
    const cu = clickUrl(m!.id, target, new Date(Date.now() - 60_000))!;
    const cl = await R.click.GET(new Request(cu), { params: Promise.resolve({ token: tok(cu) }) });
    expect(cl.status).toBe(302);
    expect(cl.headers.get('location')).toBe(target);
    const evil = await R.click.GET(new Request(`${APP}/t/c/x`), { params: Promise.resolve({ token: `${tok(cu).split('.')[0]}.AAAA` }) });
    expect(evil.status).toBe(404);
    expect(evil.headers.get('location')).toBeNull();
    expect((await R.bare.GET()).status).toBe(404); // the bench baseline is off unless BENCH_BASELINE=1
    await flushTracking();
    const ev = await asService(h.db, (tx) => rows<{ kind: string }>(tx, sql`select kind from public.message_events where message_id = ${m!.id}::uuid order by kind`));
    expect(ev.map((e) => e.kind)).toEqual(['click', 'open']);
    const uu = unsubscribeUrl(m!.id, owner.orgId, m!.to_email);
    const page = await R.unsubscribe.GET(new Request(uu), { params: Promise.resolve({ token: tok(uu) }) });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const post = await R.unsubscribe.POST(new Request(uu, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), { params: Promise.resolve({ token: tok(uu) }) });
    expect(post.status).toBe(200);
    const sup = await asService(h.db, (tx) => rows(tx, sql`select reason from public.suppressions where value = ${m!.to_email}`));
    expect(sup).toEqual([{ reason: 'unsubscribe' }]);
  });
});
