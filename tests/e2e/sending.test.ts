/**
 * Issue 4 end to end, in Chromium against `next dev` in local mode (tests/e2e/support/server.ts):
 * sign up → three leads → a campaign on the Dev mailbox whose 3-step sequence (email with a tracked
 * link, wait 2 days, email in the same thread) is built in the builder → a send window open all day,
 * every day (so the test never depends on the clock) → enroll the leads and activate → the first emails
 * arrive in the dev mailbox (subject, footer, List-Unsubscribe) → a person clicks the tracked link and
 * lands on its target → unsubscribes and confirms → the campaign's metrics move (sent 3, clicked 1,
 * unsubscribed 1) and the unsubscribed lead shows as suppressed with its enrollment stopped.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, signUpOwner, type TBrowser } from './support/browser';
import { linkIn } from './support/mailbox';

const baseUrl = inject('baseUrl');
const run = randomBytes(3).toString('hex');
const OWNER = { name: 'Sally Sender', email: `sally-${run}@example.com`, password: 'Outbound rocket 2026!', org: `Send Works ${run}` };
const LEADS = [
  { first: 'Ada', last: 'Lovelace', company: 'Analytical Engines', email: `ada-${run}@analytical.example` },
  { first: 'Grace', last: 'Hopper', company: 'Navy Systems', email: `grace-${run}@navysys.example` },
  { first: 'Alan', last: 'Turing', company: 'Bletchley Labs', email: `alan-${run}@bletchley.example` },
];
const CAMPAIGN = `Pricing push ${run}`;
/** Where the tracked link goes: a page of the app itself (the machine has no internet). */
const TARGET = `${baseUrl}/login?from=pricing-${run}`;
/** A person's browser (headless Chromium announces itself as HeadlessChrome, which the bot rules exclude). */
const DESKTOP_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

let owner: TBrowser;
let reader: TBrowser | undefined;
let campaignUrl = '';

beforeAll(async () => {
  owner = await openBrowser(baseUrl);
});
afterAll(async () => {
  await reader?.close();
  await owner?.close();
});

/** The dev mailbox's rows for one recipient (polling until the email is there). */
async function openEmailTo(page: Page, to: string) {
  await expect
    .poll(
      async () => {
        await page.goto('/dev/mailbox');
        return page.getByTestId('mail-row').filter({ hasText: to }).count();
      },
      { timeout: 120_000, interval: 2_000 },
    )
    .toBe(1);
  await page.getByTestId('mail-row').filter({ hasText: to }).getByRole('link').first().click();
  await page.getByTestId('text-part').waitFor();
  const headers: Record<string, string> = {};
  const cells = await page.locator('details dl > div').all();
  for (const c of cells) headers[((await c.locator('dt').textContent()) ?? '').trim().toLowerCase()] = ((await c.locator('dd').textContent()) ?? '').trim();
  return {
    subject: ((await page.getByTestId('mail-subject').textContent()) ?? '').trim(),
    text: (await page.getByTestId('text-part').textContent()) ?? '',
    headers,
  };
}

async function metric(page: Page, key: string): Promise<number> {
  await page.goto(campaignUrl);
  return Number(await page.getByTestId(`metric-${key}`).getAttribute('data-value'));
}

describe('sequences and sending in the browser', () => {
  it('signs up and adds three leads', async () => {
    const { page } = owner;
    await signUpOwner(page, OWNER);

    for (const l of LEADS) {
      await page.goto('/leads/new');
      await page.locator('#firstName').fill(l.first);
      await page.locator('#lastName').fill(l.last);
      await page.locator('#email').fill(l.email);
      await page.locator('#companyName').fill(l.company);
      await page.locator('#timezone').fill('UTC');
      await page.getByRole('button', { name: 'Add lead' }).click();
      await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    }
  });

  it('creates a campaign on the Dev mailbox and builds a 3-step sequence in the builder', async () => {
    const { page } = owner;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
    await page.waitForURL('**/campaigns');
    await expect.poll(() => page.locator('main').textContent()).toContain('No campaigns yet');
    await page.locator('main').getByRole('link', { name: 'New campaign' }).first().click();
    await page.waitForURL('**/campaigns/new');
    await page.locator('#name').fill(CAMPAIGN);
    // The built-in Dev mailbox is offered, and checked.
    const dev = page.getByTestId('new-campaign').getByRole('checkbox', { name: /dev\.leadpilot\.local/ });
    expect(await dev.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}\?tab=sequence/);
    campaignUrl = new URL(page.url()).pathname;
    await page.getByTestId('sequence-builder').waitFor();

    // Step 1: the first email (the blank sequence's), with a tracked link and a variable with a fallback.
    await page.getByLabel('Subject').fill('Pricing for {{company|your team}}');
    await page.getByLabel('Body (HTML)').fill(`<p>Hi {{first_name|there}},</p><p>Here is <a href="${TARGET}">our pricing</a>.</p>`);
    // Step 2: wait 2 days.
    await page.getByTestId('add-step').getByRole('button', { name: 'Wait' }).click();
    await page.getByLabel('Days').fill('2');
    // Step 3: an email in the same thread (the default for a later email).
    await page.getByTestId('add-step').getByRole('button', { name: /^Email/ }).click();
    expect(await page.getByRole('checkbox', { name: 'Reply in the same thread' }).isChecked()).toBe(true);
    await page.getByLabel('Body (HTML)').fill('<p>Just checking this reached you, {{first_name|there}}.</p>');
    await expect.poll(() => page.getByTestId('step-card').count()).toBe(3);
    expect(await page.getByTestId('step-summary').allTextContents()).toEqual(['“Pricing for {{company|your team}}”', 'Wait 2 days', 'Reply in the same thread']);

    await page.getByRole('button', { name: 'Save sequence' }).click();
    await expect.poll(() => page.getByTestId('save-result').textContent()).toContain('Saved as version 2');

    // The live preview renders step 1 for a real lead.
    await page.getByRole('button', { name: 'Edit step 1' }).click();
    await page.getByLabel('Search leads to preview with').fill('Ada');
    await page.getByTestId('preview-panel').getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByLabel('Lead', { exact: true }).locator('option').first().textContent(), { timeout: 30_000 }).toContain('Ada Lovelace');
    await page.getByTestId('preview-panel').getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => page.getByTestId('preview-subject').textContent()).toBe('Pricing for Analytical Engines');
  });

  it('opens the send window all day, every day, enrolls the leads and activates the campaign', async () => {
    const { page } = owner;
    await page.goto(`${campaignUrl}?tab=settings`);
    const form = page.getByTestId('campaign-settings');
    await form.locator('[id="settings.windowStart"]').fill('00:00');
    await form.locator('[id="settings.windowEnd"]').fill('23:59');
    for (const d of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']) await form.getByLabel(d, { exact: true }).check();
    await form.getByLabel(/^Skip weekends/).uncheck();
    await form.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => form.getByRole('status').first().textContent()).toMatch(/^Saved\./);

    await page.goto(`${campaignUrl}?tab=audience`);
    // The audience loads after the page (a server action): give a cold dev server time to compile it.
    await expect.poll(() => page.getByTestId('audience-row').count(), { timeout: 30_000 }).toBe(3);
    await page.getByLabel('Select every lead shown').check();
    await page.getByTestId('enroll-selected').click();
    await expect.poll(() => page.getByTestId('enroll-result').textContent()).toContain('Enrolled 3 leads of 3 leads considered');

    await expect.poll(() => page.getByTestId('readiness').textContent()).toContain('Ready to activate');
    await page.getByTestId('transition-active').click();
    await expect.poll(() => page.getByTestId('lifecycle-result').textContent()).toContain('Active');
    await expect.poll(() => page.getByTestId('campaign-status').first().textContent()).toBe('Active');
  });

  it('sends the first emails to the dev mailbox with the footer and List-Unsubscribe', async () => {
    const { page } = owner;
    const mail = await openEmailTo(page, LEADS[0]!.email);
    expect(mail.subject).toBe(`Pricing for ${LEADS[0]!.company}`);
    expect(mail.text).toContain(`Hi ${LEADS[0]!.first},`);
    expect(mail.text).toContain(OWNER.org); // the footer names the organization…
    expect(mail.text).toMatch(/Unsubscribe: https?:\/\/\S+\/u\//); // …and links to the unsubscribe page
    expect(mail.headers['list-unsubscribe']).toMatch(/^<https?:\/\/\S+\/u\/\S+>, <mailto:[^>]+>$/);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    // The other two leads got theirs too.
    for (const l of LEADS.slice(1)) expect((await openEmailTo(page, l.email)).subject).toBe(`Pricing for ${l.company}`);

    // Once the advance job moves them on (it runs every minute), the enrollments wait for the 2-day delay, and say so.
    await expect
      .poll(
        async () => {
          await page.goto(`${campaignUrl}?tab=enrollments`);
          return page.getByTestId('waiting-reason').allTextContents();
        },
        { timeout: 90_000, interval: 3_000 },
      )
      .toEqual(['Waiting for delay', 'Waiting for delay', 'Waiting for delay']);
    expect(await page.getByTestId('waiting-message').first().textContent()).toContain('Waiting for the delay before the next step');
  }, 300_000);

  it('counts a person clicking the tracked link, who lands on its target', async () => {
    const { page } = owner;
    await openEmailTo(page, LEADS[0]!.email);
    // Links are tracked in the HTML part (the plain-text part keeps the real address).
    const tracked = (await page.frameLocator('[data-testid=html-part]').getByRole('link', { name: 'our pricing' }).getAttribute('href')) ?? '';
    expect(tracked).toMatch(/^https?:\/\/[^/]+\/t\/c\//);
    // A click within 10 seconds of the send is a link scanner's pre-fetch by the bot rules: read it like a person, a little later.
    await page.waitForTimeout(11_000);
    reader = await openBrowser(baseUrl); // the lead, on another machine
    await reader.context.route('**/t/c/**', (route) => route.continue({ headers: { ...route.request().headers(), 'user-agent': DESKTOP_UA } }));
    await reader.page.goto(tracked);
    await reader.page.waitForURL(TARGET);
    expect(reader.page.url()).toBe(TARGET);
  });

  it('unsubscribes from the link in the email and confirms', async () => {
    const { page } = owner;
    const mail = await openEmailTo(page, LEADS[0]!.email);
    const r = reader!.page;
    await r.goto(linkIn(mail.text, '/u/'));
    await expect.poll(() => r.locator('h1').textContent()).toBe('Unsubscribe?');
    expect(await r.locator('body').textContent()).toContain(LEADS[0]!.email);
    await r.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect.poll(() => r.locator('h1').textContent()).toBe('You are unsubscribed');
  });

  it('shows the metrics move and the unsubscribed lead suppressed with its enrollment stopped', async () => {
    const { page } = owner;
    await expect.poll(() => metric(page, 'sent'), { timeout: 60_000, interval: 2_000 }).toBe(3);
    await expect.poll(() => metric(page, 'clicked'), { timeout: 60_000, interval: 2_000 }).toBe(1);
    await expect.poll(() => metric(page, 'unsubscribed'), { timeout: 60_000, interval: 2_000 }).toBe(1);
    expect(await page.getByTestId('bot-note').textContent()).toContain('excluded');

    await page.goto(`${campaignUrl}?tab=enrollments`);
    const row = page.getByTestId('enrollment-row').filter({ hasText: LEADS[0]!.email });
    await expect.poll(() => row.textContent()).toContain('Stopped: the lead unsubscribed.');
    expect(await page.getByTestId('enrollment-row').filter({ hasText: LEADS[1]!.email }).textContent()).toContain('Waiting for delay');

    await row.getByRole('link', { name: `${LEADS[0]!.first} ${LEADS[0]!.last}` }).click();
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    await page.getByTestId('suppressed-banner').waitFor();
    expect(await page.getByTestId('suppressed-banner').textContent()).toContain('Unsubscribed');
    const enrollment = page.getByTestId('lead-enrollment');
    expect(await enrollment.textContent()).toContain(CAMPAIGN);
    expect(await enrollment.textContent()).toContain('Stopped');
  });
});
