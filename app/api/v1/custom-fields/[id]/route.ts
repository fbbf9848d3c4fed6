import { route } from '@/lib/http/route';
import { deleteCustomField, deleteCustomFieldEndpoint, updateCustomField, updateCustomFieldEndpoint } from '@/features/leads';

export const PATCH = route(updateCustomFieldEndpoint, async ({ db, ctx, params, body, ip }) => ({
  customField: await updateCustomField(db, { ...ctx, ip }, params!.id, body!),
}));

export const DELETE = route(deleteCustomFieldEndpoint, ({ db, ctx, params, ip }) => deleteCustomField(db, { ...ctx, ip }, params!.id));
