import { route } from '@/lib/http/route';
import { createCompany, createCompanyEndpoint, findCompanies, listCompaniesEndpoint } from '@/features/leads';

export const GET = route(listCompaniesEndpoint, ({ db, ctx, query }) => findCompanies(db, ctx.orgId, query!));

export const POST = route(createCompanyEndpoint, async ({ db, ctx, body, ip }) => ({ company: await createCompany(db, { ...ctx, ip }, body!) }));
