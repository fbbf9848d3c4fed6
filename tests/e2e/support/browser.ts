/**
 * Chromium for the browser tests (playwright-core drives Debian's chromium; no browser download).
 * Each openBrowser() is a separate browser with a fresh user data dir: no cookies or storage shared,
 * like a second person on another machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-quic', '--no-first-run',
];

/** HMR messages that announce changed code (and so reload or patch the page). */
const HMR_CHANGE = /"type"\s*:\s*"(reloadPage|serverComponentChanges|serverOnlyChanges|clientChanges|middlewareChanges|staticParamsChanged|addedPage|removedPage|turbopack-message)"/;

export type TBrowser = { context: BrowserContext; page: Page; close(): Promise<void> };

export async function openBrowser(baseUrl: string): Promise<TBrowser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'lp-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    baseURL: baseUrl,
    viewport: { width: 1280, height: 900 },
    timezoneId: 'UTC',
    locale: 'en-US',
  });
  // next dev pushes reloads and code updates over its HMR socket whenever a source file changes; in a
  // checkout where people are editing, that reloads pages under a running test. Relay the socket, minus
  // those messages (everything else — connection, build status, errors — still goes through).
  await context.routeWebSocket(/\/_next\/hmr/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      if (typeof message === 'string' && HMR_CHANGE.test(message)) return;
      ws.send(message);
    });
  });
  context.setDefaultTimeout(30_000);
  context.setDefaultNavigationTimeout(120_000); // a page's first visit compiles it in next dev
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Signs up through /signup as a new owner of a new organization, and waits for the dashboard. */
export async function signUpOwner(page: Page, who: { name: string; email: string; password: string; org: string }): Promise<void> {
  await page.goto('/signup');
  await page.locator('#fullName').fill(who.name);
  await page.locator('#email').fill(who.email);
  await page.locator('#password').fill(who.password);
  await page.locator('#orgName').fill(who.org);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL('**/dashboard');
}
