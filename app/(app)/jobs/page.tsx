import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser, asUser } from '@/lib/auth';
import { JOB_STATUSES, type TJobStatus } from '@/db/schema';
import { Badge, EmptyState, PageHeader, RestrictedNotice, Table, Td, Th, cn, formatDateTime, formatDuration, type TBadgeVariant } from '@/components/ui';
import { getOrganization } from '@/features/accounts';
import { findJobRuns } from '@/features/jobs';
import { AutoRefresh } from './auto-refresh';

export const metadata: Metadata = { title: 'Jobs' };

const STATUS_BADGE: Record<TJobStatus, TBadgeVariant> = {
  queued: 'muted', running: 'info', retrying: 'warning', succeeded: 'success', failed: 'danger', cancelled: 'default',
};

export default async function JobsPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const user = await requireUser();
  if (user.role === 'member') {
    return (
      <>
        <PageHeader title="Jobs" />
        <RestrictedNotice
          title="Only owners and admins can see background jobs"
          description={`This page shows the background work of ${user.orgName} (emails, imports, pipelines) and its errors. Ask an owner or admin if something seems stuck.`}
        />
      </>
    );
  }
  const sp = await searchParams;
  const status = (JOB_STATUSES as readonly string[]).includes(sp.status ?? '') ? (sp.status as TJobStatus) : undefined;
  const { runs, tz } = await asUser(user, async (db) => ({
    runs: await findJobRuns(db, user.orgId, { status, limit: 100 }),
    tz: (await getOrganization(db, user.orgId)).timezone,
  }));
  return (
    <>
      <PageHeader
        title="Jobs"
        description="Background work of your organization and the system: sending emails, clean-ups and, later, imports and pipelines. Failed runs are retried up to their attempt limit with growing pauses."
        actions={<AutoRefresh seconds={5} />}
      />
      <nav aria-label="Filter by status" className="mb-4 flex flex-wrap gap-1">
        {[undefined, ...JOB_STATUSES].map((s) => (
          <Link
            key={s ?? 'all'}
            href={s ? `/jobs?status=${s}` : '/jobs'}
            aria-current={s === status ? 'page' : undefined}
            className={cn('rounded-full border px-3 py-1 text-xs hover:bg-muted', s === status && 'border-primary bg-secondary font-medium text-secondary-foreground')}
          >
            {s ? s[0]!.toUpperCase() + s.slice(1) : 'All'}
          </Link>
        ))}
      </nav>
      {runs.length === 0 ? (
        <EmptyState
          title={status ? `No ${status} runs` : 'No job runs yet'}
          description={
            status
              ? 'Choose "All" to see every recent run.'
              : 'Runs appear here when the app does background work — for example when you invite someone or a notification email goes out.'
          }
        />
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Task</Th>
              <Th>Status</Th>
              <Th>Attempts</Th>
              <Th>Started</Th>
              <Th>Duration</Th>
              <Th>Error</Th>
              <Th>Scope</Th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} data-testid="job-row">
                <Td><code className="text-xs">{r.taskId}</code></Td>
                <Td><Badge variant={STATUS_BADGE[r.status]}>{r.status}</Badge></Td>
                <Td className="tabular-nums">{r.attempts}/{r.maxAttempts}</Td>
                <Td className="whitespace-nowrap text-muted-foreground">
                  {r.startedAt ? formatDateTime(r.startedAt, tz) : r.status === 'queued' || r.status === 'retrying' ? `due ${formatDateTime(r.runAt, tz)}` : '—'}
                </Td>
                <Td className="tabular-nums text-muted-foreground">{formatDuration(r.durationMs)}</Td>
                <Td className="max-w-sm">
                  {r.error ? <p className="line-clamp-2 text-xs text-destructive" title={r.error}>{r.error}</p> : <span className="text-muted-foreground">—</span>}
                </Td>
                <Td>{r.scope === 'system' ? <Badge variant="muted">System</Badge> : <Badge variant="default">Organization</Badge>}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
