/**
 * Issue 2 end to end, in Chromium against `next dev` in local mode (tests/e2e/support/server.ts):
 * sign up → dashboard → invite a member → open the invitation from the dev mailbox → the member signs up
 * and sees the organization → signs out; then an API key: create → call /api/v1/me with it → revoke → 401.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, signUpOwner, type TBrowser } from './support/browser';
import { linkIn, readNewestEmail } from './support/mailbox';

const baseUrl = inject('baseUrl');
const run = randomBytes(3).toString('hex');
const ORG = `Rocket Widgets ${run}`;
const OWNER = { name: 'Olivia Owner', email: `olivia-${run}@example.com`, password: 'Launch pad 2026!' };
const MEMBER = { name: 'Max Member', email: `max-${run}@example.com`, password: 'Second stage 77?' };

let owner: TBrowser;
let member: TBrowser | undefined;

beforeAll(async () => {
  owner = await openBrowser(baseUrl);
});
afterAll(async () => {
  await member?.close();
  await owner?.close();
});

describe('platform foundation in the browser', () => {
  it('signs up a new owner, who lands on the dashboard of the new organization', async () => {
    const { page } = owner;
    await signUpOwner(page, { ...OWNER, org: ORG });
    await expect.poll(() => page.getByTestId('org-name').first().textContent()).toContain(ORG);
  });

  it('invites a member, who follows the emailed link, signs up and sees the organization, then signs out', async () => {
    const { page } = owner;
    await page.goto('/settings/members');
    await page.getByLabel('Email', { exact: true }).fill(MEMBER.email);
    await page.getByLabel('Role', { exact: true }).selectOption('admin');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expect.poll(() => page.getByTestId('invite-result').textContent()).toContain(`Invitation sent to ${MEMBER.email}`);

    const email = await readNewestEmail(page, { to: MEMBER.email });
    expect(email.to).toContain(MEMBER.email);
    expect(email.subject).toContain(ORG);
    const link = linkIn(email.text, '/invite/');
    expect(new URL(link).origin).toBe(new URL(baseUrl).origin);

    member = await openBrowser(baseUrl); // someone else, on another machine
    const m = member.page;
    await m.goto(link);
    await expect.poll(() => m.locator('h1').textContent()).toContain(ORG);
    await expect.poll(() => m.locator('#email').inputValue()).toBe(MEMBER.email); // prefilled from the invitation
    await m.locator('#fullName').fill(MEMBER.name);
    await m.locator('#password').fill(MEMBER.password);
    await m.locator('form button[type=submit]').click();
    await m.waitForURL('**/dashboard');
    await expect.poll(() => m.getByTestId('org-name').first().textContent()).toContain(ORG);

    await m.getByTestId('user-menu').click();
    await m.getByRole('button', { name: 'Sign out' }).click();
    await m.waitForURL('**/login**');
    await m.goto('/dashboard');
    await m.waitForURL('**/login**'); // signed out for real: the app sends them back to sign in
  });

  it('creates an API key that works against /api/v1 until it is revoked', async () => {
    const { page } = owner;
    await page.goto('/settings/api-keys');
    await page.getByLabel('Name', { exact: true }).fill(`e2e ${run}`);
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.getByTestId('new-api-key').textContent({ timeout: 30_000 }))!.trim();
    expect(key).toMatch(/^lp_[A-Za-z0-9_-]{30,}$/);

    const me = async () => fetch(`${baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } });
    const ok = await me();
    expect(ok.status).toBe(200);
    expect(JSON.stringify(await ok.json())).toContain(OWNER.email);

    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('api-key-row').filter({ hasText: `e2e ${run}` }).getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => page.getByTestId('api-key-row').filter({ hasText: `e2e ${run}` }).textContent()).toContain('Revoked');

    const refused = await me();
    expect(refused.status).toBe(401);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('UNAUTHORIZED');
    expect(JSON.stringify(body)).not.toMatch(/stack|select |at \//i);
  });
});
