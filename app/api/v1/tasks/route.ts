import { route } from '@/lib/http/route';
import { actorOf, findTasks, listTasksEndpoint } from '@/features/sequences';

export const GET = route(listTasksEndpoint, async ({ db, ctx, query }) => ({ tasks: await findTasks(db, actorOf(ctx), query) }));
