import { route } from '@/lib/http/route';
import {
  deleteCompany, deleteCompanyEndpoint, getCompany, getCompanyEndpoint, updateCompany, updateCompanyEndpoint,
} from '@/features/leads';

export const GET = route(getCompanyEndpoint, async ({ db, ctx, params }) => ({ company: await getCompany(db, ctx.orgId, params!.id) }));

export const PATCH = route(updateCompanyEndpoint, async ({ db, ctx, params, body, ip }) => ({ company: await updateCompany(db, { ...ctx, ip }, params!.id, body!) }));

export const DELETE = route(deleteCompanyEndpoint, ({ db, ctx, params, ip }) => deleteCompany(db, { ...ctx, ip }, params!.id));
