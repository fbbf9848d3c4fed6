import { route } from '@/lib/http/route';
import { findCompanySnapshots, getCompany, listSnapshotsEndpoint } from '@/features/leads';

export const GET = route(listSnapshotsEndpoint, async ({ db, ctx, params }) => {
  await getCompany(db, ctx.orgId, params!.id, { includeDeleted: true });
  return { snapshots: await findCompanySnapshots(db, ctx.orgId, params!.id) };
});
