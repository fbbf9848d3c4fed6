import type { Metadata } from 'next';
import Link from 'next/link';
import { Download, Users } from 'lucide-react';
import { requireUser, asUser } from '@/lib/auth';
import { nullIfNotFound } from '@/lib/errors';
import { Alert, BackLink, Card, CardContent, CardDescription, CardHeader, CardTitle, EmptyState, buttonVariants, formatDateTime, formatDuration } from '@/components/ui';
import { getOrganization } from '@/features/accounts';
import {
  COMPANY_TARGETS, LEAD_TARGETS, TARGET_LABELS, findCustomFields, findImportSample, findLists, getImport, mappingProblem, previewImport, type TImport,
} from '@/features/leads';
import { ImportSteps } from '@/components/leads/import-steps';
import { LeadsHeader } from '@/components/leads/leads-header';
import { plural } from '@/components/leads/labels';
import { ImportProgress, RetryImportButton } from './import-progress';
import { MappingScreen, type TPreviewRow, type TTargetGroup } from './mapping-ui';

export const metadata: Metadata = { title: 'Import' };

const DELIMITERS: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

export default async function ImportDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser();
  const data = await asUser(user, (db) =>
    nullIfNotFound(async () => {
      const imp = await getImport(db, user.orgId, id);
      const tz = (await getOrganization(db, user.orgId)).timezone;
      if (imp.status !== 'uploaded') return { imp, tz, mapping: null };
      const [fields, lists, sample, preview] = await Promise.all([
        findCustomFields(db, user.orgId),
        findLists(db, user.orgId),
        findImportSample(db, user.orgId, id, 3),
        previewImport(db, user.orgId, id),
      ]);
      return { imp, tz, mapping: { fields, lists, sample, preview } };
    }),
  );

  if (!data) {
    return (
      <>
        <LeadsHeader />
        <EmptyState
          title="This import does not exist"
          description="It may belong to another organization. Start a new import, or find earlier ones in the import history."
          action={<Link href="/leads/import" className={buttonVariants()}>Start an import</Link>}
        />
      </>
    );
  }
  const { imp, tz, mapping } = data;
  const step = imp.status === 'uploaded' ? 2 : imp.status === 'queued' || imp.status === 'running' ? 3 : 4;
  const facts = [
    `${plural(imp.totalRows, 'row')}`,
    imp.fileSize < 1_000_000 ? `${Math.max(1, Math.round(imp.fileSize / 1000))} KB` : `${(imp.fileSize / 1_000_000).toFixed(1)} MB`,
    imp.fileType === 'xlsx' ? 'Excel workbook' : `CSV, ${imp.encoding ?? 'unknown encoding'}, ${DELIMITERS[imp.delimiter ?? ''] ?? imp.delimiter ?? '?'}-separated`,
  ];

  return (
    <>
      <LeadsHeader />
      <BackLink href="/leads/imports">Import history</BackLink>
      <ImportSteps current={step} />
      <Card>
        <CardHeader>
          <CardTitle>{imp.fileName}</CardTitle>
          <CardDescription data-testid="import-facts">
            Detected layout: <span className="font-medium text-foreground" data-testid="import-layout">{imp.layoutName ?? 'Other'}</span> · {facts.join(' · ')}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {mapping ? (
            <MappingScreen
              id={imp.id}
              columns={imp.mapping.columns.map((c) => ({
                index: c.index,
                header: c.header,
                target: c.target ?? '',
                samples: mapping.sample.map((r) => r[c.index] ?? ''),
              }))}
              groups={targetGroups(mapping.fields)}
              customLabels={Object.fromEntries(mapping.fields.map((f) => [f.key, f.label]))}
              initialPreview={mapping.preview as TPreviewRow[]}
              initialProblem={mappingProblem(imp.mapping)}
              lists={mapping.lists.map((l) => ({ id: l.id, name: l.name }))}
            />
          ) : step === 3 ? (
            <ImportProgress id={imp.id} initial={{ status: imp.status, progress: imp.progress, processedRows: imp.processedRows, totalRows: imp.totalRows }} />
          ) : (
            <ImportReport imp={imp} tz={tz} />
          )}
        </CardContent>
      </Card>
    </>
  );
}

function targetGroups(fields: { key: string; label: string }[]): TTargetGroup[] {
  const groups: TTargetGroup[] = [
    { label: 'Lead', options: LEAD_TARGETS.map((t) => ({ value: t, label: TARGET_LABELS[t] })) },
    { label: 'Company', options: COMPANY_TARGETS.map((t) => ({ value: t, label: TARGET_LABELS[t] })) },
  ];
  if (fields.length) groups.push({ label: 'Custom fields', options: fields.map((f) => ({ value: `custom.${f.key}`, label: `Custom field: ${f.label}` })) });
  return groups;
}

function ImportReport({ imp, tz }: { imp: TImport; tz: string }) {
  const c = imp.counts;
  const took = imp.startedAt && imp.finishedAt ? new Date(imp.finishedAt).getTime() - new Date(imp.startedAt).getTime() : null;
  const stats = [
    { key: 'created', label: 'Created', value: c.created, hint: 'new leads' },
    { key: 'updated', label: 'Updated', value: c.updated, hint: 'existing leads changed' },
    { key: 'skipped', label: 'Skipped (duplicate)', value: c.skippedDuplicate, hint: 'matched an existing lead or an earlier row' },
    { key: 'rejected', label: 'Rejected', value: c.rejected, hint: 'not imported; see the reasons' },
  ];
  return (
    <div className="flex flex-col gap-5" data-testid="import-report">
      {imp.status === 'failed' ? (
        <Alert variant="error">
          <p className="font-medium">The import stopped after {plural(imp.processedRows, 'row')} of {imp.totalRows.toLocaleString('en')}.</p>
          <p className="mt-0.5">{imp.error ?? 'The import job failed.'} Rows it had not reached are untouched; retrying continues after the last row it stored, without duplicating anything.</p>
        </Alert>
      ) : (
        <Alert variant="success">
          Import finished{took !== null ? ` in ${formatDuration(took)}` : ''} — {imp.finishedAt ? formatDateTime(imp.finishedAt, tz) : ''}. Every row of the file is counted below.
        </Alert>
      )}
      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {stats.map((s) => (
          <div key={s.key} className="rounded-lg border p-4" data-testid={`count-${s.key}`}>
            <dt className="text-xs text-muted-foreground">{s.label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums" data-value={s.value}>{s.value.toLocaleString('en')}</dd>
            <dd className="text-xs text-muted-foreground">{s.hint}</dd>
          </div>
        ))}
      </dl>
      {c.suppressed ? <p className="text-sm text-muted-foreground">{plural(c.suppressed, 'imported address is', 'imported addresses are')} on the suppression list: imported, marked, and never contacted.</p> : null}
      <div className="flex flex-wrap gap-2">
        {c.created > 0 ? (
          <Link href={`/leads?importId=${imp.id}`} className={buttonVariants()} data-testid="view-imported">
            <Users className="h-4 w-4" aria-hidden /> View the {plural(c.created, 'new lead')}
          </Link>
        ) : null}
        {imp.options.listId ? (
          <Link href={`/leads?listId=${imp.options.listId}`} className={buttonVariants({ variant: 'outline' })}>Open the list</Link>
        ) : null}
        {c.rejected > 0 ? (
          <a href={`/api/v1/imports/${imp.id}/rejections`} className={buttonVariants({ variant: 'outline' })} download data-testid="download-rejections">
            <Download className="h-4 w-4" aria-hidden /> Download rejected rows (CSV)
          </a>
        ) : null}
        <Link href="/leads/import" className={buttonVariants({ variant: 'ghost' })}>Import another file</Link>
      </div>
      {imp.status === 'failed' ? <RetryImportButton id={imp.id} /> : null}
      {c.updated > 0 ? (
        <p className="text-xs text-muted-foreground">Leads this import updated keep the import they came from, so they are not in the list of new leads{imp.options.listId ? ', but they are on the list' : ''}.</p>
      ) : null}
    </div>
  );
}
