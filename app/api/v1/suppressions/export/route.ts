import { route } from '@/lib/http/route';
import { download, exportSuppressionsEndpoint, suppressionsCsv } from '@/features/leads';

export const GET = route(exportSuppressionsEndpoint, async ({ ctx, asUser }) =>
  download(suppressionsCsv(asUser, ctx.orgId), 'text/csv; charset=utf-8', `suppressions-${new Date().toISOString().slice(0, 10)}.csv`),
);
