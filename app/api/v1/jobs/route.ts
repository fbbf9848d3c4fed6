import { route } from '@/lib/http/route';
import { findJobRuns, jobRunDto, listJobsEndpoint } from '@/features/jobs';

export const GET = route(listJobsEndpoint, async ({ db, ctx, query }) => ({ jobs: (await findJobRuns(db, ctx.orgId, query!)).map(jobRunDto) }));
