/**
 * Issue 3 end to end, in Chromium against `next dev` in local mode (tests/e2e/support/server.ts):
 * sign up → the empty leads table → import an Apollo-style CSV through the mapping screen (one mapping
 * changed, one column mapped to a new custom field) → the report's counts → filter the table → open a
 * lead and see "imported" on its timeline → export the filtered leads as CSV, formulas neutralised →
 * add the filtered leads to a campaign → discard an upload from the mapping screen → create, rename and delete a list and a tag (L5).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, signUpOwner, type TBrowser } from './support/browser';

const baseUrl = inject('baseUrl');
const run = randomBytes(3).toString('hex');
const OWNER = { name: 'Lena Leads', email: `lena-${run}@example.com`, password: 'Pipeline full 2026!', org: `Lead Forge ${run}` };

const HEADER = ['First Name', 'Last Name', 'Title', 'Company', 'Email', 'Email Status', 'Seniority', 'Person Linkedin Url', 'Website', '# Employees', 'City', 'Country', 'Keywords', 'Apollo Contact Id'];
const PEOPLE: [string, string, string, string, string][] = [
  ['Ada', 'Lovelace', 'CTO', 'Analytical Engines', 'analytical.io'],
  ['Grace', 'Hopper', 'VP Engineering', 'Navy Systems', 'navysys.com'],
  ['Alan', 'Turing', 'Head of Research', 'Bletchley Labs', 'bletchley.co.uk'],
  ['Katherine', 'Johnson', 'Director of Data', 'Orbit Analytics', 'orbit.ai'],
  ['Linus', 'Torvalds', 'Founder', 'Kernel Works', 'kernelworks.org'],
  ['Margaret', 'Hamilton', 'CEO', 'Apollo Software', 'apollosw.com'],
  ['Tim', 'Berners-Lee', 'CTO', 'Web Foundry', 'webfoundry.net'],
  ['Barbara', 'Liskov', 'VP Product', 'Substitution Inc', 'substitution.io'],
  ['Donald', 'Knuth', 'Chief Scientist', 'Tex Press', 'texpress.com'],
  ['Radia', 'Perlman', 'Head of Networking', 'Spanning Tree', 'spanningtree.net'],
  ['Edsger', 'Dijkstra', 'Principal', 'Shortest Path', 'shortestpath.nl'],
  ['Frances', 'Allen', 'Director', 'Optimizing Compilers', 'optcomp.com'],
  ['John', 'McCarthy', 'CTO', 'Lisp Machines', 'lispmachines.ai'],
  ['Hedy', 'Lamarr', 'Founder', 'Frequency Hop', 'freqhop.com'],
  ['Ken', 'Thompson', 'Engineer', 'Unix Labs', 'unixlabs.com'],
  ['Sophie', 'Wilson', 'Architect', 'Acorn Chips', 'acornchips.co.uk'],
  ['Vint', 'Cerf', 'Evangelist', 'Packet Co', 'packetco.com'],
];
/** "Email Status" of these is "Guessed" (the column is mapped to Source on the mapping screen). */
const GUESSED = new Set(['Grace', 'Ken']);
const FORMULA_TITLE = '=HYPERLINK("http://evil.test","click")';

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
function apolloCsv(): string {
  const rows: string[][] = [HEADER];
  PEOPLE.forEach(([first, last, title, company, domain], i) => {
    rows.push([
      first, last, title, company, `${first.toLowerCase()}@${domain}`, GUESSED.has(first) ? 'Guessed' : 'Verified', 'Director',
      `https://www.linkedin.com/in/${first.toLowerCase()}-${last.toLowerCase()}-${run}`, `https://${domain}`, '120', 'Berlin', 'Germany', `kw-${first.toLowerCase()}`, `ap${i}`,
    ]);
  });
  // A formula in a cell: imported as text, neutralised when exported.
  rows.push(['Eve', 'Formula', FORMULA_TITLE, 'Formula Corp', 'eve@formulacorp.com', 'Guessed', 'Manager', '', 'https://formulacorp.com', '10', 'Paris', 'France', '=1+1', 'ap90']);
  // The same person as the first row (email differs only in case): a duplicate inside the file.
  rows.push(['Ada', 'Lovelace', 'CTO', 'Analytical Engines', 'ADA@Analytical.io', 'Verified', 'Director', '', 'https://analytical.io', '120', 'Berlin', 'Germany', 'dup', 'ap91']);
  // An invalid email: rejected with its reason.
  rows.push(['Bad', 'Address', 'Intern', 'Nowhere', 'not-an-email', 'Invalid', 'Entry', '', '', '', '', '', '', 'ap92']);
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

let owner: TBrowser;
let dir: string;
let importId = '';

beforeAll(async () => {
  owner = await openBrowser(baseUrl);
  dir = mkdtempSync(path.join(tmpdir(), 'lp-e2e-leads-'));
});
afterAll(async () => {
  await owner?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('leads and companies in the browser', () => {
  it('signs up and finds the empty leads table with what to do next', async () => {
    const { page } = owner;
    await signUpOwner(page, OWNER);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leads' }).click();
    await page.waitForURL('**/leads');
    await expect.poll(() => page.locator('main').textContent()).toContain('No leads yet — import a CSV or add one');
    await expect.poll(() => page.getByRole('link', { name: 'Import a CSV' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('link', { name: 'Add a lead' }).count()).toBe(1);
  });

  it('imports an Apollo CSV through the mapping screen and reports every row', async () => {
    const { page } = owner;
    const file = path.join(dir, 'apollo-export.csv');
    writeFileSync(file, apolloCsv());

    await page.getByRole('link', { name: 'Import a CSV' }).click();
    await page.waitForURL('**/leads/import');
    await page.locator('#import-file').setInputFiles(file);
    await page.getByRole('button', { name: 'Upload and continue' }).click();
    await page.waitForURL(/\/leads\/imports\/[0-9a-f-]{36}$/);
    importId = page.url().split('/').pop()!;
    await page.getByTestId('mapping-table').waitFor();
    expect(await page.getByTestId('import-layout').textContent()).toBe('Apollo');
    expect(await page.getByTestId('import-facts').textContent()).toContain('20 rows');

    // The layout's proposal: Email → Email; "Email Status" and "Keywords" are not imported.
    expect(await page.getByLabel('Import “Email” as').inputValue()).toBe('email');
    expect(await page.getByLabel('Import “Email Status” as').inputValue()).toBe('');
    // Change one mapping, and send a column to a new custom field.
    await page.getByLabel('Import “Email Status” as').selectOption('source');
    await page.getByLabel('Import “Keywords” as').selectOption('new');
    await expect.poll(() => page.getByLabel('Label of the new custom field for “Keywords”').inputValue()).toBe('Keywords');
    // The preview is computed again with the new mapping: the new field appears with the rows' values.
    const preview = page.getByTestId('preview-table');
    await expect.poll(() => preview.locator('thead').textContent(), { timeout: 30_000 }).toContain('Keywords');
    await expect.poll(() => preview.textContent(), { timeout: 30_000 }).toContain('kw-ada');
    await expect.poll(() => page.getByTestId('preview-status').textContent()).toMatch(/First 10 rows as they will be stored: 10 ready, 0 rejected/);

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: 120_000 });
    const count = async (k: string) => Number(await page.getByTestId(`count-${k}`).locator('dd[data-value]').getAttribute('data-value'));
    expect(await count('created')).toBe(18);
    expect(await count('updated')).toBe(0);
    expect(await count('skipped')).toBe(1);
    expect(await count('rejected')).toBe(1);

    // The rejected row, with its reason, as CSV.
    const [rejections] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-rejections').click()]);
    const rejected = readFileSync((await rejections.path())!, 'utf8');
    expect(rejected).toContain('Row Number');
    expect(rejected).toContain('not-an-email');
    expect(rejected.split(/\r?\n/).filter(Boolean)).toHaveLength(2);

    await page.getByTestId('view-imported').click();
    await page.waitForURL(`**/leads?importId=${importId}`);
    await expect.poll(() => page.getByTestId('lead-row').count()).toBe(18);
  });

  it('filters the table by the remapped column and by search, with the state in the URL', async () => {
    const { page } = owner;
    await page.goto('/leads');
    await page.getByText('Filters', { exact: true }).click();
    await page.locator('#f-source').fill('Guessed');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/[?&]source=Guessed/);
    await expect.poll(() => page.getByTestId('lead-row').count()).toBe(3);
    const names = await page.getByTestId('lead-row').locator('td:nth-child(2) a').allTextContents();
    expect(names.sort()).toEqual(['Eve Formula', 'Grace Hopper', 'Ken Thompson']);

    await page.getByLabel('Search leads').fill('hopper');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/[?&]q=hopper/);
    await expect.poll(() => page.getByTestId('lead-row').count()).toBe(1);
    // Back: the previous filter, from the URL alone.
    await page.goBack();
    await page.waitForURL((u) => !u.search.includes('q=hopper'));
    await expect.poll(() => page.getByTestId('lead-row').count()).toBe(3);
  });

  it('opens a lead and sees where it came from on its timeline', async () => {
    const { page } = owner;
    await page.getByRole('link', { name: 'Grace Hopper' }).click();
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    const imported = page.getByTestId('timeline-event').and(page.locator('[data-type="imported"]'));
    await expect.poll(() => imported.textContent()).toContain('Imported from apollo-export.csv');
    const profile = await page.getByTestId('lead-profile').textContent();
    expect(profile).toContain('grace@navysys.com');
    expect(profile).toContain('kw-grace'); // the new custom field
    await page.goBack();
    await page.waitForURL(/[?&]source=Guessed/);
  });

  it('exports the filtered leads as CSV with formulas neutralised', async () => {
    const { page } = owner;
    await expect.poll(() => page.getByTestId('lead-row').count()).toBe(3);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^leads-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.split(/\r?\n/).filter(Boolean);
    expect(lines).toHaveLength(4); // the header and the three filtered leads
    expect(lines[0]).toMatch(/^Email,First Name,Last Name,/);
    expect(lines[0]).toContain('Keywords');
    for (const email of ['grace@navysys.com', 'ken@unixlabs.com', 'eve@formulacorp.com']) expect(csv).toContain(email);
    expect(csv).not.toContain('ada@analytical.io');
    // The formula cells start with an apostrophe, so a spreadsheet shows them as text.
    expect(csv).toContain(`"'${FORMULA_TITLE.replace(/"/g, '""')}"`);
    expect(csv).toContain(",'=1+1");
    expect(csv).not.toMatch(/(^|,)"?=/m);
  });

  it('adds the filtered leads to a campaign from the table', async () => {
    const { page } = owner;
    await page.goto('/campaigns/new');
    await page.locator('#name').fill(`Guessed emails ${run}`);
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}\?tab=sequence/);
    const campaignPath = new URL(page.url()).pathname;

    await page.goto('/leads?source=Guessed');
    await expect.poll(() => page.getByTestId('lead-row').count()).toBe(3);
    await page.getByLabel('Select all leads on this page').check();
    await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe('3 leads selected.');
    await page.getByLabel('Bulk action').selectOption({ label: 'Add to campaign' });
    await page.getByLabel('Apply to').selectOption({ label: `Guessed emails ${run} (draft)` });
    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.getByTestId('bulk-result').textContent()).toContain(`Enrolled 3 leads in “Guessed emails ${run}”.`);
    expect(await page.getByTestId('bulk-result').textContent()).toContain('nothing is sent until it is active');
    // Again: all three are already in it, and nothing changes.
    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.getByTestId('bulk-result').textContent()).toContain('Enrolled 0 leads');
    expect(await page.getByTestId('bulk-result').textContent()).toContain('Skipped: 3 leads already in it.');

    await page.goto(`${campaignPath}?tab=enrollments`);
    await expect.poll(() => page.locator('main').textContent()).toContain('Grace Hopper');
    // The lead's timeline says who enrolled it.
    await page.goto('/leads?source=Guessed');
    await page.getByRole('link', { name: 'Grace Hopper' }).click();
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    const enrolled = page.getByTestId('timeline-event').and(page.locator('[data-type="enrolled"]'));
    await expect.poll(() => enrolled.textContent()).toContain(`Enrolled in campaign "Guessed emails ${run}"`);
    expect(await enrolled.getByTestId('timeline-actor').textContent()).toBe(` · by ${OWNER.name}`);
  });

  it('discards an upload from the mapping screen', async () => {
    const { page } = owner;
    const file = path.join(dir, 'wrong-file.csv');
    writeFileSync(file, 'Email,Name\r\nwrong@example.com,Wrong File\r\n');
    await page.goto('/leads/import');
    await page.locator('#import-file').setInputFiles(file);
    await page.getByRole('button', { name: 'Upload and continue' }).click();
    await page.waitForURL(/\/leads\/imports\/[0-9a-f-]{36}$/);
    const url = page.url();
    await page.getByTestId('mapping-table').waitFor();
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Discard upload' }).click();
    await page.waitForURL('**/leads/import');
    await page.goto(url);
    await expect.poll(() => page.locator('main').textContent()).toContain('does not exist');
  });

  it('creates, renames and deletes a list and a tag', async () => {
    const { page } = owner;
    await page.goto('/leads/lists');
    await page.locator('#name').fill('Trade show');
    await page.locator('#description').fill('Met at the booth');
    await page.getByRole('button', { name: 'Create list' }).click();
    const list = page.getByTestId('list-row');
    await expect.poll(() => list.textContent()).toContain('Trade show');
    expect(await list.textContent()).toContain('0 leads');
    // The form empties itself after a success; a second list with the same name is refused, with the reason.
    await expect.poll(() => page.locator('#name').inputValue()).toBe('');
    await page.locator('#name').fill('trade SHOW');
    await page.getByRole('button', { name: 'Create list' }).click();
    await expect.poll(() => page.locator('main').textContent()).toMatch(/already a list|name is taken/);
    expect(await list.count()).toBe(1);

    await list.getByRole('button', { name: 'Rename' }).click();
    await list.getByLabel('List name').fill('Trade show 2026');
    await list.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => list.locator('a').first().textContent()).toBe('Trade show 2026');
    page.once('dialog', (d) => void d.accept());
    await list.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('No lists yet');

    await page.goto('/leads/settings');
    await page.locator('#name').fill('decision maker');
    await page.getByRole('button', { name: 'Create tag' }).click();
    const tag = page.getByTestId('tag-row');
    await expect.poll(() => tag.textContent()).toContain('decision maker');
    await tag.getByRole('button', { name: 'Edit' }).click();
    await tag.getByLabel('Tag name').fill('');
    await tag.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => tag.getByRole('alert').count()).toBe(1);
    await tag.getByLabel('Tag name').fill('champion');
    await tag.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => tag.textContent()).toContain('champion');
    page.once('dialog', (d) => void d.accept());
    await tag.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('No tags yet');
  });
});
