/** Tasks made by task steps (S2): a teammate's to-do with a due date; completing one wakes a sequence that waits for it. */
import { z } from 'zod';
import { rows, sql, type Db } from '@/db';
import { TASK_STATUSES, type TTaskStatus, type TTaskType } from '@/db/schema';
import { addLeadEvent } from '@/features/leads';
import { AppError } from '@/lib/errors';
import { iso, type TActor } from './common';

export const ZTaskQuery = z.object({
  status: z.enum(TASK_STATUSES).optional(),
  /** 'me' (default), 'all', or a member's id. */
  assignee: z.union([z.literal('me'), z.literal('all'), z.uuid()]).default('me'),
  campaignId: z.uuid().optional(),
  leadId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type TTaskView = {
  id: string; title: string; description: string | null; taskType: TTaskType; status: TTaskStatus; dueAt: string | null; overdue: boolean;
  assigneeId: string | null; assigneeName: string | null; leadId: string | null; leadName: string | null; leadEmail: string | null;
  campaignId: string | null; campaignName: string | null; stepId: string | null; completedAt: string | null; createdAt: string;
};

type TRow = {
  id: string; title: string; description: string | null; task_type: TTaskType; status: TTaskStatus; due_at: string | null; assignee_id: string | null; assignee_name: string | null;
  lead_id: string | null; lead_name: string | null; lead_email: string | null; campaign_id: string | null; campaign_name: string | null; step_id: string | null;
  completed_at: string | null; created_at: string;
};

const SELECT = sql`select t.id, t.title, t.description, t.task_type, t.status, t.due_at, t.assignee_id, coalesce(u.full_name, u.email) as assignee_name,
    t.lead_id, l.full_name as lead_name, l.email as lead_email, t.campaign_id, c.name as campaign_name, t.step_id, t.completed_at, t.created_at
  from public.tasks t left join public.users u on u.id = t.assignee_id left join public.leads l on l.id = t.lead_id left join public.campaigns c on c.id = t.campaign_id`;

const view = (r: TRow, now: Date): TTaskView => ({
  id: r.id, title: r.title, description: r.description, taskType: r.task_type, status: r.status, dueAt: iso(r.due_at),
  overdue: r.status === 'open' && Boolean(r.due_at) && new Date(r.due_at!) < now, assigneeId: r.assignee_id, assigneeName: r.assignee_name,
  leadId: r.lead_id, leadName: r.lead_name, leadEmail: r.lead_email, campaignId: r.campaign_id, campaignName: r.campaign_name, stepId: r.step_id,
  completedAt: iso(r.completed_at), createdAt: iso(r.created_at)!,
});

export async function findTasks(db: Db, actor: TActor, raw: z.input<typeof ZTaskQuery>): Promise<TTaskView[]> {
  const q = ZTaskQuery.parse(raw);
  const list = await rows<TRow>(
    db,
    sql`${SELECT} where t.org_id = ${actor.orgId}::uuid
          ${q.status ? sql`and t.status = ${q.status}` : sql``}
          ${q.assignee === 'me' ? sql`and t.assignee_id = ${actor.userId}::uuid` : q.assignee === 'all' ? sql`` : sql`and t.assignee_id = ${q.assignee}::uuid`}
          ${q.campaignId ? sql`and t.campaign_id = ${q.campaignId}::uuid` : sql``}
          ${q.leadId ? sql`and t.lead_id = ${q.leadId}::uuid` : sql``}
        order by (t.status = 'open') desc, t.due_at nulls last, t.created_at
        limit ${q.limit}`,
  );
  const now = new Date();
  return list.map((r) => view(r, now));
}

export const ZTaskPatch = z.object({
  status: z.enum(TASK_STATUSES).optional(),
  assigneeId: z.uuid().nullable().optional(),
  dueAt: z.iso.datetime({ offset: true }).nullable().optional(),
}).strict();

export async function updateTask(db: Db, actor: TActor, id: string, patch: z.infer<typeof ZTaskPatch>): Promise<TTaskView> {
  const [before] = await rows<{ status: TTaskStatus; enrollment_id: string | null; lead_id: string | null; title: string }>(
    db, sql`select status, enrollment_id, lead_id, title from public.tasks where id = ${id}::uuid and org_id = ${actor.orgId}::uuid for update`,
  );
  if (!before) throw new AppError('NOT_FOUND', 'That task does not exist.');
  const closing = patch.status && patch.status !== 'open' && before.status === 'open';
  await db.execute(sql`update public.tasks set
      status = coalesce(${patch.status ?? null}, status),
      assignee_id = ${patch.assigneeId === undefined ? sql`assignee_id` : sql`${patch.assigneeId}::uuid`},
      due_at = ${patch.dueAt === undefined ? sql`due_at` : sql`${patch.dueAt}::timestamptz`},
      completed_at = ${closing ? sql`now()` : patch.status === 'open' ? sql`null` : sql`completed_at`},
      completed_by = ${closing ? sql`${actor.userId}::uuid` : patch.status === 'open' ? sql`null` : sql`completed_by`}
    where id = ${id}::uuid`);
  if (closing) {
    // A sequence holding for this task goes on.
    if (before.enrollment_id) await db.execute(sql`update public.enrollments set next_step_at = now() where id = ${before.enrollment_id}::uuid and status = 'active' and waiting_reason = 'waiting_for_task'`);
    if (before.lead_id) {
      await addLeadEvent(db, { orgId: actor.orgId, leadId: before.lead_id, type: 'task_completed', summary: `Task ${patch.status}: ${before.title.slice(0, 200)}`, data: { taskId: id }, actorId: actor.userId });
    }
  }
  const [r] = await rows<TRow>(db, sql`${SELECT} where t.id = ${id}::uuid`);
  return view(r!, new Date());
}
