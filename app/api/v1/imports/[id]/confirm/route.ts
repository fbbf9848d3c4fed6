import { route } from '@/lib/http/route';
import { confirmImport, confirmImportEndpoint } from '@/features/leads';

export const POST = route(confirmImportEndpoint, ({ db, ctx, params, body, ip }) => confirmImport(db, { ...ctx, ip }, params!.id, body!));
