import { route } from '@/lib/http/route';
import { findMembers, listMembersEndpoint, memberDto } from '@/features/accounts';

export const GET = route(listMembersEndpoint, async ({ db, ctx }) => ({ members: (await findMembers(db, ctx.orgId)).map(memberDto) }));
