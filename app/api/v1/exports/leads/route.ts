import { route } from '@/lib/http/route';
import { download, exportLeads, exportLeadsGetEndpoint, exportLeadsPostEndpoint } from '@/features/leads';

export const GET = route(exportLeadsGetEndpoint, async ({ ctx, query, asUser, ip }) => {
  const { format, ...filter } = query!;
  const x = await exportLeads(asUser, { ...ctx, ip }, { format, selection: { filter } });
  return download(x.stream, x.contentType, x.fileName);
});

export const POST = route(exportLeadsPostEndpoint, async ({ ctx, body, asUser, ip }) => {
  const x = await exportLeads(asUser, { ...ctx, ip }, { format: body!.format, selection: body!.selection });
  return download(x.stream, x.contentType, x.fileName);
});
