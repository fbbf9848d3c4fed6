/** Reads emails the app sent, the way a person would: through the dev mailbox pages (local mode). */
import type { Page } from 'playwright-core';

export type TOpenedEmail = { subject: string; to: string; text: string };

/**
 * Opens /dev/mailbox, clicks the subject of the newest email (to `to`, when given) and returns its
 * subject, recipients and plain-text part ([data-testid=text-part]).
 */
export async function readNewestEmail(page: Page, opts: { to?: string; subject?: RegExp } = {}): Promise<TOpenedEmail> {
  await page.goto('/dev/mailbox');
  let rows = page.getByTestId('mail-row');
  if (opts.to) rows = rows.filter({ hasText: opts.to });
  if (opts.subject) rows = rows.filter({ hasText: opts.subject });
  const newest = rows.first();
  await newest.waitFor();
  await newest.getByRole('link').first().click();
  const text = page.getByTestId('text-part');
  await text.waitFor();
  return {
    subject: (await page.getByTestId('mail-subject').textContent())?.trim() ?? '',
    to: (await page.getByTestId('mail-to').textContent())?.trim() ?? '',
    text: (await text.textContent()) ?? '',
  };
}

/** The first link in a text that points at `path` on the app. */
export function linkIn(text: string, pathPrefix: string): string {
  const m = new RegExp(`https?://[^\\s"'<>]+${pathPrefix.replace(/[/.]/g, '\\$&')}[^\\s"'<>)]*`).exec(text);
  if (!m) throw new Error(`no ${pathPrefix} link in:\n${text}`);
  return m[0];
}
