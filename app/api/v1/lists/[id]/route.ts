import { route } from '@/lib/http/route';
import { deleteList, deleteListEndpoint, getList, getListEndpoint, updateList, updateListEndpoint } from '@/features/leads';

export const GET = route(getListEndpoint, async ({ db, ctx, params }) => ({ list: await getList(db, ctx.orgId, params!.id) }));

export const PATCH = route(updateListEndpoint, async ({ db, ctx, params, body, ip }) => ({ list: await updateList(db, { ...ctx, ip }, params!.id, body!) }));

export const DELETE = route(deleteListEndpoint, ({ db, ctx, params, ip }) => deleteList(db, { ...ctx, ip }, params!.id));
