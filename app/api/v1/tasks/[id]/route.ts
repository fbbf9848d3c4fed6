import { route } from '@/lib/http/route';
import { actorOf, updateTask, updateTaskEndpoint } from '@/features/sequences';

export const PATCH = route(updateTaskEndpoint, async ({ db, ctx, params, body, ip }) => ({ task: await updateTask(db, actorOf(ctx, ip), params.id, body) }));
