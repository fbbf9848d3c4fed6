import { route } from '@/lib/http/route';
import { createTag, createTagEndpoint, findTags, listTagsEndpoint } from '@/features/leads';

export const GET = route(listTagsEndpoint, async ({ db, ctx }) => ({ tags: await findTags(db, ctx.orgId) }));

export const POST = route(createTagEndpoint, async ({ db, ctx, body, ip }) => ({ tag: await createTag(db, { ...ctx, ip }, body!) }));
