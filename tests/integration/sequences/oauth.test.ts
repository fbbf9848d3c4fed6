/**
 * Gmail/Outlook mailboxes over OAuth (M2, cloud mode's flow) against a local server playing the
 * provider's token endpoint: state and nonce checks, code exchange, the mailbox with the provider's
 * servers, encrypted tokens, and the refresh before expiry.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, one, sql, withUser } from '../../../src/db';
import { completeMailboxOAuth, ensureFreshAccessToken, loadSendingMailboxes, startMailboxOAuth } from '../../../src/features/mailboxes';
import { resetEnvForTests } from '../../../src/lib/env';
import { testDb, type TTestDb } from '../../support/db';
import { createPerson, type TPerson } from '../../support/world';

let h: TTestDb;
let me: TPerson;
let other: TPerson;
let server: Server;
let endpoints: { authorize: string; token: string };
const forms: URLSearchParams[] = [];
const idToken = (email: string) => `x.${Buffer.from(JSON.stringify({ email })).toString('base64url')}.y`;

beforeAll(async () => {
  process.env.GOOGLE_CLIENT_ID = 'client-id.apps.test';
  process.env.GOOGLE_CLIENT_SECRET = 'client-secret';
  resetEnvForTests();
  h = await testDb();
  me = await createPerson(h.db, { orgName: 'OAuth Co' });
  other = await createPerson(h.db, { orgName: 'Other Co' });
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      forms.push(form);
      res.setHeader('content-type', 'application/json');
      if (form.get('client_secret') !== 'client-secret') return res.writeHead(401).end(JSON.stringify({ error: 'invalid_client' }));
      if (form.get('grant_type') === 'authorization_code' && form.get('code') === 'good-code') {
        return res.end(JSON.stringify({ access_token: 'access-1', refresh_token: 'refresh-1', expires_in: 3600, id_token: idToken('Sam@Gmail.test') }));
      }
      if (form.get('grant_type') === 'refresh_token' && form.get('refresh_token') === 'refresh-1') return res.end(JSON.stringify({ access_token: 'access-2', expires_in: 3600 }));
      res.writeHead(400).end(JSON.stringify({ error: 'invalid_grant', error_description: 'Bad Request' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  endpoints = { authorize: `${base}/authorize`, token: `${base}/token` };
});
afterAll(async () => {
  delete process.env.GOOGLE_CLIENT_ID;
  delete process.env.GOOGLE_CLIENT_SECRET;
  resetEnvForTests();
  await new Promise((r) => server.close(r));
  await h?.close();
});

const actor = (p: TPerson) => ({ orgId: p.orgId, userId: p.userId });

describe('mailbox OAuth', () => {
  it('sends the user to the consent page with a signed state and offline access', () => {
    const { url, nonce } = startMailboxOAuth(actor(me), 'gmail', endpoints);
    const u = new URL(url);
    expect(u.origin + u.pathname).toBe(endpoints.authorize);
    expect(u.searchParams.get('client_id')).toBe('client-id.apps.test');
    expect(u.searchParams.get('redirect_uri')).toBe('http://localhost:3000/api/oauth/gmail/callback');
    expect(u.searchParams.get('scope')).toContain('https://mail.google.com/');
    expect(u.searchParams.get('access_type')).toBe('offline');
    expect(u.searchParams.get('state')).toBeTruthy();
    expect(nonce.length).toBeGreaterThan(10);
  });

  it('refuses a state from another session, another user, or without the nonce cookie', async () => {
    const { url, nonce } = startMailboxOAuth(actor(me), 'gmail', endpoints);
    const state = new URL(url).searchParams.get('state')!;
    const run = (p: TPerson, n: string | undefined, s = state) => withUser(h.db, p.claims, (tx) => completeMailboxOAuth(tx, actor(p), { provider: 'gmail', code: 'good-code', state: s, nonce: n }, { endpoints }));
    await expect(run(me, undefined)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(run(me, 'another-nonce')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(run(other, nonce)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(run(me, nonce, `${state.slice(0, -2)}zz`)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(withUser(h.db, me.claims, (tx) => completeMailboxOAuth(tx, actor(me), { provider: 'outlook', code: 'good-code', state, nonce }, { endpoints }))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('exchanges the code, stores the mailbox with the provider’s servers and encrypted tokens, and refreshes before expiry', async () => {
    const { url, nonce } = startMailboxOAuth(actor(me), 'gmail', endpoints);
    const state = new URL(url).searchParams.get('state')!;
    const m = await withUser(h.db, me.claims, (tx) => completeMailboxOAuth(tx, actor(me), { provider: 'gmail', code: 'good-code', state, nonce }, { endpoints }));
    expect(m).toMatchObject({ email: 'sam@gmail.test', provider: 'gmail', smtp: { host: 'smtp.gmail.com', port: 465, security: 'tls' }, imap: { host: 'imap.gmail.com', port: 993 }, oauth: { connected: true } });
    expect(JSON.stringify(m)).not.toMatch(/access-1|refresh-1/);
    const stored = await asService(h.db, (tx) => one<{ a: string; r: string }>(tx, sql`select oauth_access_token as a, oauth_refresh_token as r from public.mailbox_secrets where mailbox_id = ${m.id}::uuid`));
    expect(stored!.a).toMatch(/^enc:v1:/);
    expect(stored!.r).toMatch(/^enc:v1:/);
    const sending = (await loadSendingMailboxes(h.db, [m.id])).get(m.id)!;
    expect(await ensureFreshAccessToken(h.db, sending, { endpoints })).toBe('access-1'); // still fresh: no request
    const soon = new Date(Date.now() + 58 * 60_000); // within five minutes of expiry
    expect(await ensureFreshAccessToken(h.db, sending, { endpoints, now: soon })).toBe('access-2');
    expect(forms.filter((f) => f.get('grant_type') === 'refresh_token')).toHaveLength(1);
    const again = (await loadSendingMailboxes(h.db, [m.id])).get(m.id)!;
    expect(again.oauthAccessToken).toBe('access-2');
    // a bad code is the provider's refusal, in words
    const s2 = startMailboxOAuth(actor(me), 'gmail', endpoints);
    await expect(withUser(h.db, me.claims, (tx) => completeMailboxOAuth(tx, actor(me), { provider: 'gmail', code: 'bad', state: new URL(s2.url).searchParams.get('state')!, nonce: s2.nonce }, { endpoints })))
      .rejects.toMatchObject({ code: 'INVALID_INPUT', message: 'The provider refused: Bad Request.' });
  });

  it('needs the client credentials', () => {
    expect(() => startMailboxOAuth(actor(me), 'outlook', endpoints)).toThrow(/MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET/);
  });
});
