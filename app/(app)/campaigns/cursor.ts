import { isUuid } from '@/lib/uuid';

/** Page cursors of the enrollments and review lists ("<created at>|<id>", base64url): a tampered one is ignored, not sent to the database. */

export function readableCursor(c: string | undefined): string | undefined {
  if (!c || c.length > 200) return undefined;
  const [at, id] = Buffer.from(c, 'base64url').toString('utf8').split('|');
  return at && id && isUuid(id) && !Number.isNaN(Date.parse(at)) ? c : undefined;
}
