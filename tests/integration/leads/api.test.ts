/**
 * The leads /api routes end to end through the route helper: auth, validation, bad input (malformed,
 * oversized, wrong types, foreign ids → 404), uploads, downloads and the OpenAPI document.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as leads from '@app/api/v1/leads/route';
import * as lead from '@app/api/v1/leads/[id]/route';
import * as timeline from '@app/api/v1/leads/[id]/timeline/route';
import * as bulk from '@app/api/v1/leads/bulk/route';
import * as restore from '@app/api/v1/leads/restore/route';
import * as breakdown from '@app/api/v1/leads/intent-breakdown/route';
import * as byIntent from '@app/api/v1/leads/by-intent/route';
import * as ready from '@app/api/v1/leads/ready-for-upload/route';
import * as uploaded from '@app/api/v1/leads/platform-uploads/route';
import * as companies from '@app/api/v1/companies/route';
import * as company from '@app/api/v1/companies/[id]/route';
import * as companyRestore from '@app/api/v1/companies/[id]/restore/route';
import * as signals from '@app/api/v1/companies/[id]/intent-signals/route';
import * as signal from '@app/api/v1/companies/[id]/intent-signals/[signalId]/route';
import * as qualifications from '@app/api/v1/companies/[id]/qualifications/route';
import * as snapshots from '@app/api/v1/companies/[id]/snapshots/route';
import * as imports from '@app/api/v1/imports/route';
import * as anImport from '@app/api/v1/imports/[id]/route';
import * as preview from '@app/api/v1/imports/[id]/preview/route';
import * as confirm from '@app/api/v1/imports/[id]/confirm/route';
import * as retry from '@app/api/v1/imports/[id]/retry/route';
import * as rejections from '@app/api/v1/imports/[id]/rejections/route';
import * as lists from '@app/api/v1/lists/route';
import * as list from '@app/api/v1/lists/[id]/route';
import * as tags from '@app/api/v1/tags/route';
import * as tag from '@app/api/v1/tags/[id]/route';
import * as fields from '@app/api/v1/custom-fields/route';
import * as field from '@app/api/v1/custom-fields/[id]/route';
import * as suppressions from '@app/api/v1/suppressions/route';
import * as suppression from '@app/api/v1/suppressions/[id]/route';
import * as suppressionUpload from '@app/api/v1/suppressions/upload/route';
import * as suppressionExport from '@app/api/v1/suppressions/export/route';
import * as exportsRoute from '@app/api/v1/exports/leads/route';
import * as openapi from '@app/api/openapi.json/route';
import { runImport } from '../../../src/features/leads';
import type { TTestDb } from '../../support/db';
import { createPerson, type TPerson } from '../../support/world';
import { APP, apiKeyOf, call, cookieOf, expectError, multipart, onPglite, releaseRouteDatabase, useRouteDatabase } from './http';

const NIL = '00000000-0000-4000-8000-000000000000';
let h: TTestDb;
let a: TPerson;
let b: TPerson;
let m: TPerson;
let ka: string;
let kb: string;
let km: string;

describe.skipIf(onPglite())('leads API', () => {
  beforeAll(async () => {
    h = await useRouteDatabase({ IMPORT_MAX_BYTES: '200000', IMPORT_MAX_ROWS: '1000' });
    a = await createPerson(h.db, { orgName: 'Alpha' });
    b = await createPerson(h.db, { orgName: 'Beta' });
    m = await createPerson(h.db, { join: { orgId: a.orgId, role: 'member' } });
    [ka, kb, km] = [await apiKeyOf(h.db, a), await apiKeyOf(h.db, b), await apiKeyOf(h.db, m)];
  });
  afterAll(async () => releaseRouteDatabase(h));

  it('refuses callers without a session or key on every route', async () => {
    for (const [handler, method, path, params] of [
      [leads.GET, 'GET', '/api/v1/leads', {}], [leads.POST, 'POST', '/api/v1/leads', {}], [lead.GET, 'GET', `/api/v1/leads/${NIL}`, { id: NIL }],
      [companies.GET, 'GET', '/api/v1/companies', {}], [imports.POST, 'POST', '/api/v1/imports', {}], [lists.GET, 'GET', '/api/v1/lists', {}],
      [tags.GET, 'GET', '/api/v1/tags', {}], [fields.GET, 'GET', '/api/v1/custom-fields', {}], [suppressions.GET, 'GET', '/api/v1/suppressions', {}],
      [exportsRoute.GET, 'GET', '/api/v1/exports/leads', {}], [suppressionExport.GET, 'GET', '/api/v1/suppressions/export', {}],
    ] as const) {
      expectError(await call(handler, method, path, { params: params as Record<string, string> }), 401, 'UNAUTHORIZED');
    }
    expectError(await call(leads.GET, 'GET', '/api/v1/leads', { key: 'lp_not-a-real-key-000000000000' }), 401, 'UNAUTHORIZED');
  });

  it('creates, reads, edits, deletes and restores leads', async () => {
    const c = await call(leads.POST, 'POST', '/api/v1/leads', { key: ka, json: { email: 'Ann@Acme.io', fullName: 'Ann Lee', companyName: 'Acme', country: 'DE', phone: '030 1234567' } });
    expect(c.status, c.text).toBe(201);
    expect(c.body.lead).toMatchObject({ email: 'ann@acme.io', firstName: 'Ann', phone: '+49301234567', companyName: 'Acme' });
    const id = c.body.lead.id;
    const list = await call(leads.GET, 'GET', '/api/v1/leads?q=ann&status=new&withCount=true', { key: ka });
    expect(list.body).toMatchObject({ total: 1, nextCursor: null, items: [{ id, intentTier: 'cold', tags: [] }] });
    const got = await call(lead.GET, 'GET', `/api/v1/leads/${id}`, { key: ka, params: { id } });
    expect(got.body).toMatchObject({ lead: { id, lists: [], tags: [] }, company: { name: 'Acme', domain: 'acme.io' }, timeline: [{ type: 'created' }] });
    const up = await call(lead.PATCH, 'PATCH', `/api/v1/leads/${id}`, { key: ka, params: { id }, json: { status: 'contacted', title: 'CTO' } });
    expect(up.body.lead).toMatchObject({ status: 'contacted', title: 'CTO' });
    const tl = await call(timeline.GET, 'GET', `/api/v1/leads/${id}/timeline?limit=10`, { key: ka, params: { id } });
    expect(tl.body.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['created', 'status_changed', 'updated']));
    const del = await call(lead.DELETE, 'DELETE', `/api/v1/leads/${id}`, { key: ka, params: { id } });
    expect(del.body).toMatchObject({ deleted: 1, undoToken: expect.any(String) });
    expectError(await call(lead.GET, 'GET', `/api/v1/leads/${id}`, { key: ka, params: { id } }), 404, 'NOT_FOUND');
    const undo = await call(restore.POST, 'POST', '/api/v1/leads/restore', { key: ka, json: { undoToken: del.body.undoToken } });
    expect(undo.body).toEqual({ restored: 1, conflicts: 0 });
    expectError(await call(leads.POST, 'POST', '/api/v1/leads', { key: ka, json: { email: 'ann@acme.io' } }), 409, 'CONFLICT');
  });

  it('answers bad input with clear errors', async () => {
    expectError(await call(leads.POST, 'POST', '/api/v1/leads', { key: ka, body: '{"email":', contentType: 'application/json' }), 400, 'INVALID_JSON');
    expectError(await call(leads.POST, 'POST', '/api/v1/leads', { key: ka, body: 'email=x', contentType: 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    const wrong = expectError(await call(leads.POST, 'POST', '/api/v1/leads', { key: ka, json: { email: 42, listIds: 'nope', status: 'sleeping' } }), 422, 'INVALID_INPUT');
    expect(Object.keys(wrong.fields!)).toEqual(expect.arrayContaining(['email', 'listIds', 'status']));
    expectError(await call(leads.POST, 'POST', '/api/v1/leads', { key: ka, json: { email: 'x@y.io', title: 'x'.repeat(70_000) } }), 413, 'PAYLOAD_TOO_LARGE');
    expectError(await call(leads.POST, 'POST', '/api/v1/leads', { key: ka }), 422, 'INVALID_INPUT');
    expectError(await call(leads.GET, 'GET', '/api/v1/leads?limit=100000', { key: ka }), 422, 'INVALID_INPUT');
    expectError(await call(leads.GET, 'GET', '/api/v1/leads?cursor=garbage', { key: ka }), 422, 'INVALID_INPUT');
    expectError(await call(leads.GET, 'GET', '/api/v1/leads?createdFrom=yesterday', { key: ka }), 422, 'INVALID_INPUT');
    expectError(await call(lead.GET, 'GET', '/api/v1/leads/not-a-uuid', { key: ka, params: { id: 'not-a-uuid' } }), 422, 'INVALID_INPUT');
    expectError(await call(bulk.POST, 'POST', '/api/v1/leads/bulk', { key: ka, json: { selection: { ids: [] }, action: { type: 'delete' } } }), 422, 'INVALID_INPUT');
    expectError(await call(bulk.POST, 'POST', '/api/v1/leads/bulk', { key: ka, json: { selection: { filter: {} }, action: { type: 'explode' } } }), 422, 'INVALID_INPUT');
    expectError(await call(restore.POST, 'POST', '/api/v1/leads/restore', { key: ka, json: { undoToken: 'not-a-valid-token' } }), 422, 'INVALID_INPUT');
    expectError(await call(byIntent.GET, 'GET', '/api/v1/leads/by-intent?score=lukewarm', { key: ka }), 422, 'INVALID_INPUT');
    expectError(await call(qualifications.POST, 'POST', `/api/v1/companies/${NIL}/qualifications`, { key: ka, params: { id: NIL }, json: { score: '9' } }), 422, 'INVALID_INPUT');
  });

  it('never shows another organization\'s records: their ids are 404, not 403', async () => {
    const theirs = (await call(leads.POST, 'POST', '/api/v1/leads', { key: kb, json: { email: 'b@beta.io', companyName: 'Beta Co' } })).body.lead;
    const theirList = (await call(lists.POST, 'POST', '/api/v1/lists', { key: kb, json: { name: 'B list' } })).body.list;
    const theirTag = (await call(tags.POST, 'POST', '/api/v1/tags', { key: kb, json: { name: 'B tag' } })).body.tag;
    const theirField = (await call(fields.POST, 'POST', '/api/v1/custom-fields', { key: kb, json: { label: 'B field', type: 'text' } })).body.customField;
    const theirSupp = (await call(suppressions.POST, 'POST', '/api/v1/suppressions', { key: kb, json: { values: ['b-block.io'] } })).status;
    expect(theirSupp).toBe(201);
    const suppId = (await call(suppressions.GET, 'GET', '/api/v1/suppressions', { key: kb })).body.items[0].id;
    const theirImport = (await call(imports.POST, 'POST', '/api/v1/imports', { key: kb, body: multipart('b.csv', 'Email\nx@b.io\n') })).body.import.id;
    const cid = theirs.companyId;
    const checks: [ReturnType<typeof call>, string][] = [
      [call(lead.GET, 'GET', '/', { key: ka, params: { id: theirs.id } }), 'GET lead'],
      [call(lead.PATCH, 'PATCH', '/', { key: ka, params: { id: theirs.id }, json: { title: 'x' } }), 'PATCH lead'],
      [call(lead.DELETE, 'DELETE', '/', { key: ka, params: { id: theirs.id } }), 'DELETE lead'],
      [call(timeline.GET, 'GET', '/', { key: ka, params: { id: theirs.id } }), 'timeline'],
      [call(company.GET, 'GET', '/', { key: ka, params: { id: cid } }), 'GET company'],
      [call(company.PATCH, 'PATCH', '/', { key: ka, params: { id: cid }, json: { industry: 'x' } }), 'PATCH company'],
      [call(company.DELETE, 'DELETE', '/', { key: ka, params: { id: cid } }), 'DELETE company'],
      [call(companyRestore.POST, 'POST', '/', { key: ka, params: { id: cid } }), 'restore company'],
      [call(signals.GET, 'GET', '/', { key: ka, params: { id: cid } }), 'signals'],
      [call(signals.POST, 'POST', '/', { key: ka, params: { id: cid }, json: { signals: [{ signalType: 'x', strength: 'high' }] } }), 'add signal'],
      [call(signal.DELETE, 'DELETE', '/', { key: ka, params: { id: cid, signalId: NIL } }), 'delete signal'],
      [call(qualifications.POST, 'POST', '/', { key: ka, params: { id: cid }, json: { score: 5 } }), 'qualify'],
      [call(snapshots.GET, 'GET', '/', { key: ka, params: { id: cid } }), 'snapshots'],
      [call(list.GET, 'GET', '/', { key: ka, params: { id: theirList.id } }), 'GET list'],
      [call(list.PATCH, 'PATCH', '/', { key: ka, params: { id: theirList.id }, json: { name: 'x' } }), 'PATCH list'],
      [call(list.DELETE, 'DELETE', '/', { key: ka, params: { id: theirList.id } }), 'DELETE list'],
      [call(tag.PATCH, 'PATCH', '/', { key: ka, params: { id: theirTag.id }, json: { name: 'x' } }), 'PATCH tag'],
      [call(tag.DELETE, 'DELETE', '/', { key: ka, params: { id: theirTag.id } }), 'DELETE tag'],
      [call(field.PATCH, 'PATCH', '/', { key: ka, params: { id: theirField.id }, json: { label: 'x' } }), 'PATCH field'],
      [call(field.DELETE, 'DELETE', '/', { key: ka, params: { id: theirField.id } }), 'DELETE field'],
      [call(suppression.DELETE, 'DELETE', '/', { key: ka, params: { id: suppId } }), 'DELETE suppression'],
      [call(anImport.GET, 'GET', '/', { key: ka, params: { id: theirImport } }), 'GET import'],
      [call(preview.POST, 'POST', '/', { key: ka, params: { id: theirImport }, json: { columns: [{ index: 0, target: 'email' }] } }), 'preview import'],
      [call(confirm.POST, 'POST', '/', { key: ka, params: { id: theirImport }, json: { mapping: { columns: [{ index: 0, target: 'email' }] } } }), 'confirm import'],
      [call(retry.POST, 'POST', '/', { key: ka, params: { id: theirImport } }), 'retry import'],
      [call(rejections.GET, 'GET', '/', { key: ka, params: { id: theirImport } }), 'rejections'],
      [call(bulk.POST, 'POST', '/', { key: ka, json: { selection: { ids: [theirs.id] }, action: { type: 'add_to_list', listId: theirList.id } } }), 'bulk into their list'],
      [call(leads.POST, 'POST', '/', { key: ka, json: { email: 'z@alpha.io', tagIds: [theirTag.id] } }), 'create with their tag'],
      [call(leads.POST, 'POST', '/', { key: ka, json: { email: 'z@alpha.io', companyId: cid } }), 'create with their company'],
    ];
    for (const [p, what] of checks) {
      const r = await p;
      expect(r.status, `${what}: ${r.text}`).toBe(404);
      expect(r.body.error.code).toBe('NOT_FOUND');
    }
    // and nothing of theirs changed
    expect((await call(lead.GET, 'GET', '/', { key: kb, params: { id: theirs.id } })).body.lead.title).toBeNull();
    const mine = await call(bulk.POST, 'POST', '/', { key: ka, json: { selection: { ids: [theirs.id] }, action: { type: 'set_status', status: 'converted' } } });
    expect(mine.body).toEqual({ action: 'set_status', affected: 0 });
  });

  it('checks the Origin of cookie-authenticated changes, and roles for admin-only routes', async () => {
    const cookie = await cookieOf(h.db, a);
    expectError(await call(leads.POST, 'POST', '/api/v1/leads', { cookie, json: { email: 'csrf@x.io' } }), 403, 'FORBIDDEN');
    expect((await call(leads.POST, 'POST', '/api/v1/leads', { cookie, origin: APP, json: { email: 'same-site@x.io' } })).status).toBe(201);
    const f = (await call(fields.POST, 'POST', '/api/v1/custom-fields', { key: ka, json: { label: 'Budget', type: 'number' } })).body.customField;
    expectError(await call(field.DELETE, 'DELETE', '/', { key: km, params: { id: f.id } }), 403, 'FORBIDDEN');
    expect((await call(field.DELETE, 'DELETE', '/', { key: ka, params: { id: f.id } })).body).toEqual({ id: f.id, deleted: true });
  });

  it('imports a file: upload, preview, confirm, poll, rejections, and refuses bad uploads', async () => {
    const csv = 'Email,Name,Phone,Country,Title\nok1@acme.io,Ok One,030 123456,DE,=HYPERLINK("http://evil")\nnot-an-email,Bad Row,,,\nok2@acme.io,Ok Two,,,\n';
    const up = await call(imports.POST, 'POST', '/api/v1/imports', { key: ka, body: multipart('people.csv', csv) });
    expect(up.status, up.text).toBe(201);
    expect(up.body).toMatchObject({ layout: 'generic', import: { status: 'uploaded', totalRows: 3 }, preview: [{ ok: true }, { ok: false }, { ok: true }] });
    const id = up.body.import.id;
    const pv = await call(preview.POST, 'POST', '/', { key: ka, params: { id }, json: { columns: [{ index: 0, target: 'email' }, { index: 4, target: 'department' }] } });
    expect(pv.body.rows[0]).toMatchObject({ ok: true, lead: { email: 'ok1@acme.io', department: '=HYPERLINK("http://evil")', firstName: null } });
    const badMap = await call(confirm.POST, 'POST', '/', { key: ka, params: { id }, json: { mapping: { columns: [{ index: 0, target: 'favourite_colour' }] } } });
    expectError(badMap, 422, 'INVALID_INPUT');
    const ok = await call(confirm.POST, 'POST', '/', { key: ka, params: { id }, json: { mapping: up.body.mapping, options: { dedupe: 'overwrite', tags: ['from-api'] } } });
    expect(ok.status, ok.text).toBe(202);
    expect(ok.body).toMatchObject({ status: 'queued', options: { dedupe: 'overwrite', tags: ['from-api'] } });
    await runImport({ db: h.db }, { importId: id, orgId: a.orgId });
    const polled = await call(anImport.GET, 'GET', '/', { key: ka, params: { id } });
    expect(polled.body).toMatchObject({ status: 'completed', progress: 100, counts: { created: 2, rejected: 1 } });
    // an imported lead's timeline says where it came from (read from the lead row, not from an event row)
    const ok1 = (await call(leads.GET, 'GET', '/api/v1/leads?q=ok1@acme.io', { key: ka })).body.items[0];
    const tl = await call(timeline.GET, 'GET', '/', { key: ka, params: { id: ok1.id } });
    expect(tl.body.events).toEqual([{ id: ok1.id, type: 'imported', summary: 'Imported from people.csv', data: { importId: id, fileName: 'people.csv' }, actorId: null, occurredAt: new Date(ok1.createdAt).toISOString() }]);
    const rej = await call(rejections.GET, 'GET', '/', { key: ka, params: { id } });
    expect(rej.status).toBe(200);
    expect(rej.headers.get('content-type')).toMatch(/text\/csv/);
    expect(rej.headers.get('content-disposition')).toBe('attachment; filename="people-rejected.csv"');
    expect(rej.text.replace(/^\uFEFF/, '').split('\r\n').slice(0, 2)).toEqual(['Row Number,Rejection Reason,Email,Name,Phone,Country,Title', '3,"""not-an-email"" is not a valid email address.",not-an-email,Bad Row,,,']);
    expect((await call(imports.GET, 'GET', '/api/v1/imports', { key: ka })).body.imports[0]).toMatchObject({ id, status: 'completed' });
    expectError(await call(confirm.POST, 'POST', '/', { key: ka, params: { id }, json: { mapping: up.body.mapping } }), 409, 'CONFLICT');
    expectError(await call(retry.POST, 'POST', '/', { key: ka, params: { id } }), 409, 'CONFLICT');
    // a started import cannot be discarded; an unconfirmed upload can, once
    expectError(await call(anImport.DELETE, 'DELETE', '/', { key: ka, params: { id } }), 409, 'CONFLICT');
    const spare = await call(imports.POST, 'POST', '/api/v1/imports', { key: ka, body: multipart('spare.csv', 'Email\nspare@acme.io\n') });
    const gone = await call(anImport.DELETE, 'DELETE', '/', { key: ka, params: { id: spare.body.import.id } });
    expect(gone.status, gone.text).toBe(200);
    expect(gone.body).toEqual({ id: spare.body.import.id, deleted: true });
    expectError(await call(anImport.DELETE, 'DELETE', '/', { key: ka, params: { id: spare.body.import.id } }), 404, 'NOT_FOUND');

    // bad uploads
    const big = 'Email\n' + 'someone@example.com\n'.repeat(12_000);
    expectError(await call(imports.POST, 'POST', '/api/v1/imports', { key: ka, body: multipart('big.csv', big) }), 413, 'PAYLOAD_TOO_LARGE');
    expectError(await call(imports.POST, 'POST', '/api/v1/imports', { key: ka, body: 'x', contentType: 'multipart/form-data; boundary=abc', headers: { 'content-length': '99999999' } }), 413, 'PAYLOAD_TOO_LARGE');
    expectError(await call(imports.POST, 'POST', '/api/v1/imports', { key: ka, body: 'Email\na@b.io\n', contentType: 'text/csv' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectError(await call(imports.POST, 'POST', '/api/v1/imports', { key: ka, body: multipart('x.csv', 'a', 'document') }), 422, 'INVALID_INPUT');
    expectError(await call(imports.POST, 'POST', '/api/v1/imports', { key: ka, body: multipart('x.csv', '') }), 422, 'INVALID_INPUT');
    const rows = 'Email\n' + Array.from({ length: 1001 }, (_, i) => `r${i}@x.io`).join('\n');
    const many = expectError(await call(imports.POST, 'POST', '/api/v1/imports', { key: ka, body: multipart('many.csv', rows) }), 422, 'INVALID_INPUT');
    expect(many.message).toMatch(/more than 1,000 rows/);
    const bin = expectError(await call(imports.POST, 'POST', '/api/v1/imports', { key: ka, body: multipart('photo.csv', new Uint8Array(Array.from({ length: 2000 }, (_, i) => (i * 31) % 256))) }), 422, 'INVALID_INPUT');
    expect(bin.message).toMatch(/binary data/);
    const quotes = expectError(await call(imports.POST, 'POST', '/api/v1/imports', { key: ka, body: multipart('q.csv', 'Email,Name\na@x.io,"open\nb@x.io,x\n') }), 422, 'INVALID_INPUT');
    expect(quotes.message).toMatch(/Row 2 opens a quote/);
  });

  it('exports CSV and XLSX with formulas neutralised, and audits the export', async () => {
    const csv = await call(exportsRoute.GET, 'GET', '/api/v1/exports/leads?format=csv&q=ok1', { key: ka });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="leads-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]!.startsWith('Email,First Name,Last Name,Phone,')).toBe(true);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines[1]).toContain(`'+4930123456`);
    const id = (await call(leads.GET, 'GET', '/api/v1/leads?q=ok1', { key: ka })).body.items[0].id;
    const x = await call(exportsRoute.POST, 'POST', '/api/v1/exports/leads', { key: ka, json: { format: 'xlsx', selection: { ids: [id] } } });
    expect(x.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('Email');
    expect(ws.getRow(2).getCell(1).value).toBe('ok1@acme.io');
    expect(String(ws.getRow(2).getCell(6).value)).toBe(`'=HYPERLINK("http://evil")`);
    expect(ws.rowCount).toBe(2);
    expectError(await call(exportsRoute.POST, 'POST', '/api/v1/exports/leads', { key: ka, json: { format: 'pdf' } }), 422, 'INVALID_INPUT');
  });

  it('manages lists, tags, custom fields and suppressions, and runs bulk actions', async () => {
    const l = await call(lists.POST, 'POST', '/api/v1/lists', { key: ka, json: { name: 'Hot prospects' } });
    expect(l.status).toBe(201);
    expectError(await call(lists.POST, 'POST', '/api/v1/lists', { key: ka, json: { name: 'hot PROSPECTS' } }), 409, 'CONFLICT');
    const t = (await call(tags.POST, 'POST', '/api/v1/tags', { key: ka, json: { name: 'priority', color: '#112233' } })).body.tag;
    const added = await call(bulk.POST, 'POST', '/api/v1/leads/bulk', { key: ka, json: { selection: { filter: { q: 'acme.io' } }, action: { type: 'add_to_list', listId: l.body.list.id } } });
    expect(added.body).toEqual({ action: 'add_to_list', affected: 3 });
    expect((await call(bulk.POST, 'POST', '/', { key: ka, json: { selection: { filter: { listId: l.body.list.id } }, action: { type: 'tag', tagIds: [t.id] } } })).body.affected).toBe(3);
    expect((await call(list.GET, 'GET', '/', { key: ka, params: { id: l.body.list.id } })).body.list.leadCount).toBe(3);
    expect((await call(tags.GET, 'GET', '/api/v1/tags', { key: ka })).body.tags.find((x: { id: string }) => x.id === t.id).leadCount).toBe(3);
    const del = await call(bulk.POST, 'POST', '/', { key: ka, json: { selection: { filter: { tagId: t.id } }, action: { type: 'delete' } } });
    expect(del.body).toMatchObject({ action: 'delete', affected: 3, undoToken: expect.any(String) });
    expect((await call(restore.POST, 'POST', '/', { key: ka, json: { undoToken: del.body.undoToken } })).body).toEqual({ restored: 3, conflicts: 0 });

    const s = await call(suppressions.POST, 'POST', '/api/v1/suppressions', { key: ka, json: { values: ['ok2@acme.io', 'nonsense'] } });
    expect(s.body).toMatchObject({ added: 1, leadsMarked: 1, invalid: [{ value: 'nonsense' }] });
    const upl = await call(suppressionUpload.POST, 'POST', '/api/v1/suppressions/upload', { key: ka, body: multipart('block.csv', 'domain\nspam.example\n') });
    expect(upl.body).toMatchObject({ added: 1 });
    const exp = await call(suppressionExport.GET, 'GET', '/api/v1/suppressions/export', { key: ka });
    expect(exp.text).toContain('email,ok2@acme.io,manual,manual');
    const entry = (await call(suppressions.GET, 'GET', '/api/v1/suppressions?q=spam', { key: ka })).body.items[0];
    expectError(await call(suppression.DELETE, 'DELETE', '/', { key: km, params: { id: entry.id } }), 403, 'FORBIDDEN');
    expect((await call(suppression.DELETE, 'DELETE', '/', { key: ka, params: { id: entry.id } })).body).toMatchObject({ removed: true });
  });

  it('records intent signals and qualifications and answers the seed 001 reads', async () => {
    const co = (await call(companies.POST, 'POST', '/api/v1/companies', { key: ka, json: { name: 'Signal Inc', domain: 'signal.io', industry: 'Technology' } })).body.company;
    await call(leads.POST, 'POST', '/api/v1/leads', { key: ka, json: { email: 'cto@signal.io', companyId: co.id } });
    const add = await call(signals.POST, 'POST', '/', { key: ka, params: { id: co.id }, json: { signals: [{ signalType: 'Researching AI', strength: 'high', source: 'DataShopper' }] } });
    expect(add.status).toBe(201);
    expect(add.body.intentTier).toBe('warm');
    const q = await call(qualifications.POST, 'POST', '/', { key: ka, params: { id: co.id }, json: { score: 9, reasoning: 'Great fit' } });
    expect(q.body).toMatchObject({ snapshot: { score: 9, tier: 'hot' }, trend: 'stable' });
    expect((await call(snapshots.GET, 'GET', '/', { key: ka, params: { id: co.id } })).body.snapshots).toHaveLength(1);
    expect((await call(company.GET, 'GET', '/', { key: ka, params: { id: co.id } })).body.company).toMatchObject({ intentTier: 'warm', fitScore: 9, fitTier: 'hot', leadCount: 1 });
    expect((await call(byIntent.GET, 'GET', '/api/v1/leads/by-intent?score=warm', { key: ka })).body.leads.map((x: { email: string }) => x.email)).toEqual(['cto@signal.io']);
    const r = await call(ready.GET, 'GET', '/api/v1/leads/ready-for-upload', { key: ka });
    expect(r.body.leads).toMatchObject([{ email: 'cto@signal.io', platform: 'tech-platform' }]);
    expect((await call(uploaded.POST, 'POST', '/api/v1/leads/platform-uploads', { key: ka, json: { leadIds: [r.body.leads[0].leadId], platformName: 'tech-platform' } })).body).toEqual({ marked: 1 });
    expect((await call(ready.GET, 'GET', '/api/v1/leads/ready-for-upload', { key: ka })).body.leads).toEqual([]);
    const bd = await call(breakdown.GET, 'GET', '/api/v1/leads/intent-breakdown', { key: ka });
    expect(bd.body).toMatchObject({ warmCount: 1, hotCount: 0 });
    expect(bd.body.totalCount).toBeGreaterThan(1);
    expect((await call(breakdown.GET, 'GET', '/api/v1/leads/intent-breakdown', { key: kb })).body.warmCount).toBe(0);
    const sig = (await call(signals.GET, 'GET', '/', { key: ka, params: { id: co.id } })).body.signals[0];
    expect((await call(signal.DELETE, 'DELETE', '/', { key: ka, params: { id: co.id, signalId: sig.id } })).body).toMatchObject({ deleted: true, intentTier: 'cold' });
  });

  it('documents every leads route in /api/openapi.json', async () => {
    const doc = JSON.parse(await (await openapi.GET()).text()) as { paths: Record<string, Record<string, unknown>> };
    for (const p of ['/api/v1/leads', '/api/v1/leads/{id}', '/api/v1/leads/bulk', '/api/v1/companies/{id}/qualifications', '/api/v1/imports', '/api/v1/imports/{id}/confirm', '/api/v1/exports/leads', '/api/v1/suppressions/export']) {
      expect(doc.paths[p], p).toBeTruthy();
    }
    expect(Object.keys(doc.paths['/api/v1/leads']!)).toEqual(expect.arrayContaining(['get', 'post']));
  });
});
