import { route } from '@/lib/http/route';
import { download, getImport, importRejectionsCsv, importRejectionsEndpoint } from '@/features/leads';

export const GET = route(importRejectionsEndpoint, async ({ ctx, params, asUser }) => {
  const imp = await asUser((tx) => getImport(tx, ctx.orgId, params!.id));
  const name = `${imp.fileName.replace(/\.[^.]+$/, '')}-rejected.csv`;
  return download(importRejectionsCsv(asUser, ctx.orgId, imp.id), 'text/csv; charset=utf-8', name);
});
