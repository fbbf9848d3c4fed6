import { route } from '@/lib/http/route';
import { retryImport, retryImportEndpoint } from '@/features/leads';

export const POST = route(retryImportEndpoint, ({ db, ctx, params, ip }) => retryImport(db, { ...ctx, ip }, params!.id));
