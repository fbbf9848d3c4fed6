import { route } from '@/lib/http/route';
import { deleteTag, deleteTagEndpoint, updateTag, updateTagEndpoint } from '@/features/leads';

export const PATCH = route(updateTagEndpoint, async ({ db, ctx, params, body, ip }) => ({ tag: await updateTag(db, { ...ctx, ip }, params!.id, body!) }));

export const DELETE = route(deleteTagEndpoint, ({ db, ctx, params, ip }) => deleteTag(db, { ...ctx, ip }, params!.id));
