import { route } from '@/lib/http/route';
import { qualifyCompany, qualifyCompanyEndpoint } from '@/features/leads';

export const POST = route(qualifyCompanyEndpoint, ({ db, ctx, params, body }) => qualifyCompany(db, ctx, params!.id, body!));
