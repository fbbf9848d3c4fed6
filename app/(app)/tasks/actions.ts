'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { TASK_STATUSES } from '@/db/schema';
import { requestMeta, userAction } from '@/lib/http/action';
import { actorOf, updateTask } from '@/features/sequences';

/** Done, skipped or open again; closing a task wakes a sequence that waits for it. */
export const setTaskStatusAction = userAction(z.object({ id: z.uuid(), status: z.enum(TASK_STATUSES) }), async ({ input, ctx, db }) => {
  const { ip } = await requestMeta();
  const t = await updateTask(db, actorOf(ctx, ip), input.id, { status: input.status });
  revalidatePath('/tasks');
  if (t.leadId) revalidatePath(`/leads/${t.leadId}`);
  return { message: input.status === 'done' ? `Done: ${t.title}` : input.status === 'skipped' ? `Skipped: ${t.title}` : `Open again: ${t.title}` };
});
