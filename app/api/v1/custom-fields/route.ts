import { route } from '@/lib/http/route';
import { createCustomField, createCustomFieldEndpoint, findCustomFields, listCustomFieldsEndpoint } from '@/features/leads';

export const GET = route(listCustomFieldsEndpoint, async ({ db, ctx }) => ({ customFields: await findCustomFields(db, ctx.orgId) }));

export const POST = route(createCustomFieldEndpoint, async ({ db, ctx, body, ip }) => ({ customField: await createCustomField(db, { ...ctx, ip }, body!) }));
