import type { Metadata } from 'next';
import Link from 'next/link';
import { Upload } from 'lucide-react';
import { requireUser, asUser } from '@/lib/auth';
import { Badge, EmptyState, Table, Td, Th, buttonVariants, formatDateTime, type TBadgeVariant } from '@/components/ui';
import { getOrganization } from '@/features/accounts';
import { findImports, type TImportStatus } from '@/features/leads';
import { LeadsHeader } from '@/components/leads/leads-header';
import { AutoRefreshWhile } from '@/components/leads/auto-refresh';

export const metadata: Metadata = { title: 'Import history' };

const STATUS: Record<TImportStatus, { label: string; variant: TBadgeVariant }> = {
  uploaded: { label: 'Waiting for mapping', variant: 'warning' },
  queued: { label: 'Queued', variant: 'info' },
  running: { label: 'Running', variant: 'info' },
  completed: { label: 'Completed', variant: 'success' },
  failed: { label: 'Failed', variant: 'danger' },
};

export default async function ImportsPage() {
  const user = await requireUser();
  const { imports, tz } = await asUser(user, async (db) => ({
    imports: await findImports(db, user.orgId, { limit: 100 }),
    tz: (await getOrganization(db, user.orgId)).timezone,
  }));
  const active = imports.some((i) => i.status === 'queued' || i.status === 'running');
  return (
    <>
      <LeadsHeader
        actions={<Link href="/leads/import" className={buttonVariants()}><Upload className="h-4 w-4" aria-hidden /> New import</Link>}
      />
      {active ? <AutoRefreshWhile seconds={2} /> : null}
      {imports.length === 0 ? (
        <EmptyState
          title="No imports yet"
          description="Upload a CSV or Excel file to bring in leads. Each import and its report (with the rejected rows) stays here."
          action={<Link href="/leads/import" className={buttonVariants()}><Upload className="h-4 w-4" aria-hidden /> Import a file</Link>}
        />
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>File</Th>
              <Th>Status</Th>
              <Th className="text-right">Rows</Th>
              <Th className="text-right">Created</Th>
              <Th className="text-right">Updated</Th>
              <Th className="text-right">Skipped</Th>
              <Th className="text-right">Rejected</Th>
              <Th>Uploaded</Th>
            </tr>
          </thead>
          <tbody>
            {imports.map((i) => (
              <tr key={i.id} data-testid="import-row">
                <Td>
                  <Link href={`/leads/imports/${i.id}`} className="font-medium hover:text-primary hover:underline">{i.fileName}</Link>
                  <div className="text-xs text-muted-foreground">{i.layoutName ?? 'Other'}</div>
                </Td>
                <Td>
                  <Badge variant={STATUS[i.status].variant}>{STATUS[i.status].label}</Badge>
                  {i.status === 'running' ? <span className="ml-2 text-xs tabular-nums text-muted-foreground">{i.progress}%</span> : null}
                </Td>
                <Td className="text-right tabular-nums">{i.totalRows.toLocaleString('en')}</Td>
                <Td className="text-right tabular-nums">{i.counts.created.toLocaleString('en')}</Td>
                <Td className="text-right tabular-nums">{i.counts.updated.toLocaleString('en')}</Td>
                <Td className="text-right tabular-nums">{i.counts.skippedDuplicate.toLocaleString('en')}</Td>
                <Td className="text-right tabular-nums">{i.counts.rejected.toLocaleString('en')}</Td>
                <Td className="whitespace-nowrap text-xs text-muted-foreground">{formatDateTime(i.createdAt, tz)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
