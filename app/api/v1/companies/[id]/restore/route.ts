import { route } from '@/lib/http/route';
import { restoreCompany, restoreCompanyEndpoint } from '@/features/leads';

export const POST = route(restoreCompanyEndpoint, async ({ db, ctx, params, ip }) => ({ company: await restoreCompany(db, { ...ctx, ip }, params!.id) }));
