import { route } from '@/lib/http/route';
import { createList, createListEndpoint, findLists, listListsEndpoint } from '@/features/leads';

export const GET = route(listListsEndpoint, async ({ db, ctx }) => ({ lists: await findLists(db, ctx.orgId) }));

export const POST = route(createListEndpoint, async ({ db, ctx, body, ip }) => ({ list: await createList(db, { ...ctx, ip }, body!) }));
