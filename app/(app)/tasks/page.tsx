import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser, asUser } from '@/lib/auth';
import { Badge, EmptyState, PageHeader, TabLink, Table, Td, Th, buttonVariants, cn, formatDateTime } from '@/components/ui';
import { getOrganization } from '@/features/accounts';
import { actorOf, findTasks } from '@/features/sequences';
import { TASK_TYPE_LABELS } from '@/components/sequences/labels';
import { TaskButtons } from './tasks-ui';

export const metadata: Metadata = { title: 'Tasks' };

type TSearch = { who?: string; status?: string };

export default async function TasksPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const sp = await searchParams;
  const who = sp.who === 'all' ? 'all' : 'me';
  const status = sp.status === 'done' || sp.status === 'skipped' ? sp.status : sp.status === 'any' ? undefined : 'open';
  const user = await requireUser();
  const { tasks, tz } = await asUser(user, async (db) => ({
    tasks: await findTasks(db, actorOf(user), { assignee: who, ...(status ? { status } : {}), limit: 200 }),
    tz: (await getOrganization(db, user.orgId)).timezone,
  }));
  const href = (p: TSearch) => {
    const q = new URLSearchParams();
    const w = p.who ?? who;
    const s = p.status ?? sp.status ?? 'open';
    if (w !== 'me') q.set('who', w);
    if (s !== 'open') q.set('status', s);
    return `/tasks${q.size ? `?${q}` : ''}`;
  };
  return (
    <>
      <PageHeader title="Tasks" description="Calls, LinkedIn touches and to-dos that sequences hand to people. A sequence that waits for its task goes on when the task is done or skipped." />
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4 border-b">
        <nav aria-label="Whose tasks" className="flex gap-1">
          <TabLink href={href({ who: 'me' })} active={who === 'me'}>Assigned to me</TabLink>
          <TabLink href={href({ who: 'all' })} active={who === 'all'}>Everyone&apos;s</TabLink>
        </nav>
        <nav aria-label="Task status" className="flex gap-1">
          {[['open', 'Open'], ['done', 'Done'], ['skipped', 'Skipped'], ['any', 'All']].map(([s, l]) => (
            <TabLink key={s} href={href({ status: s })} active={(sp.status ?? 'open') === s || (s === 'open' && !['done', 'skipped', 'any'].includes(sp.status ?? ''))} current={false}>{l}</TabLink>
          ))}
        </nav>
      </div>
      {tasks.length === 0 ? (
        <EmptyState
          title={status === 'open' ? 'Nothing to do' : 'No tasks here'}
          description={
            status === 'open'
              ? `No open task is ${who === 'me' ? 'assigned to you' : 'assigned to anyone'}. Add a task step to a campaign's sequence to hand leads to a teammate at the right moment.`
              : 'Tasks show here once they reach this status.'
          }
          action={<Link href="/campaigns" className={buttonVariants({ variant: 'outline' })}>Go to campaigns</Link>}
        />
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Task</Th>
              <Th>Lead</Th>
              <Th>Campaign</Th>
              <Th>Due</Th>
              {who === 'all' ? <Th>Assigned to</Th> : null}
              <Th className="text-right"><span className="sr-only">Actions</span></Th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((t) => (
              <tr key={t.id} data-testid="task-row" className="align-top">
                <Td>
                  <div className="flex items-center gap-2">
                    <Badge variant="muted">{TASK_TYPE_LABELS[t.taskType] ?? t.taskType}</Badge>
                    <span className={cn('font-medium', t.status !== 'open' && 'text-muted-foreground line-through')}>{t.title}</span>
                  </div>
                  {t.description ? <p className="mt-1 max-w-lg whitespace-pre-line text-xs text-muted-foreground">{t.description}</p> : null}
                </Td>
                <Td>
                  {t.leadId ? <Link href={`/leads/${t.leadId}`} className="hover:text-primary hover:underline">{t.leadName || t.leadEmail || 'Lead'}</Link> : <span className="text-muted-foreground">—</span>}
                  {t.leadEmail && t.leadName ? <div className="text-xs text-muted-foreground">{t.leadEmail}</div> : null}
                </Td>
                <Td>{t.campaignId ? <Link href={`/campaigns/${t.campaignId}`} className="hover:text-primary hover:underline">{t.campaignName}</Link> : <span className="text-muted-foreground">—</span>}</Td>
                <Td className="whitespace-nowrap text-xs">
                  {t.status === 'open' ? (
                    <>
                      {formatDateTime(t.dueAt, tz)}
                      {t.overdue ? <Badge variant="danger" className="ml-2">Overdue</Badge> : null}
                    </>
                  ) : (
                    <span className="text-muted-foreground">{t.status === 'done' ? 'Done' : 'Skipped'} {formatDateTime(t.completedAt, tz)}</span>
                  )}
                </Td>
                {who === 'all' ? <Td className="text-sm">{t.assigneeName ?? <span className="text-muted-foreground">No one</span>}</Td> : null}
                <Td className="text-right"><TaskButtons id={t.id} status={t.status} title={t.title} /></Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
