import { env } from '@/lib/env';
import { route } from '@/lib/http/route';
import { findImports, listImportsEndpoint, readUpload, startImport, startImportEndpoint } from '@/features/leads';

export const GET = route(listImportsEndpoint, async ({ db, ctx, query }) => ({ imports: await findImports(db, ctx.orgId, { limit: query!.limit }) }));

export const POST = route(startImportEndpoint, async ({ req, db, ctx, ip }) => {
  const file = await readUpload(req, env().IMPORT_MAX_BYTES);
  return startImport(db, { ...ctx, ip }, file);
});
