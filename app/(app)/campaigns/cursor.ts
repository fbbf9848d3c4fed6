/** Page cursors of the enrollments and review lists ("<created at>|<id>", base64url): a tampered one is ignored, not sent to the database. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function readableCursor(c: string | undefined): string | undefined {
  if (!c || c.length > 200) return undefined;
  const [at, id] = Buffer.from(c, 'base64url').toString('utf8').split('|');
  return at && id && UUID.test(id) && !Number.isNaN(Date.parse(at)) ? c : undefined;
}
