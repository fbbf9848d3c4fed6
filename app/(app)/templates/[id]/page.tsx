import type { Metadata } from 'next';
import Link from 'next/link';
import { Pencil } from 'lucide-react';
import { requireUser, asUser } from '@/lib/auth';
import { nullIfNotFound } from '@/lib/errors';
import { isUuid } from '@/lib/uuid';
import { Alert, BackLink, Badge, Card, CardContent, CardDescription, CardHeader, CardTitle, NotFoundState, PageHeader, buttonVariants } from '@/components/ui';
import { getTemplate, templateMetrics } from '@/features/sequences';
import { CATEGORY_LABELS, STEP_TYPE_LABELS, pct, plural } from '@/components/sequences/labels';
import { builderContext } from '../../sequences/context';
import { DeleteTemplateButton, DuplicateTemplateButton } from '../template-buttons';
import { TemplateSteps } from '../template-view';

export const metadata: Metadata = { title: 'Template' };

export default async function TemplatePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ copied?: string }> }) {
  const { id } = await params;
  const sp = await searchParams;
  const user = await requireUser();
  const data = !isUuid(id) ? null : await asUser(user, (db) =>
    nullIfNotFound(async () => {
      const t = await getTemplate(db, user.orgId, id);
      const [metrics, ctx] = await Promise.all([templateMetrics(db, user.orgId, id), builderContext(db, user)]);
      return { t, metrics, ctx };
    }),
  );
  if (!data) {
    return (
      <NotFoundState title="This template does not exist" backHref="/templates" backLabel="Back to templates" />
    );
  }
  const { t, metrics, ctx } = data;
  const m = metrics.totals;
  return (
    <>
      <BackLink href="/templates">Templates</BackLink>
      <PageHeader
        title={t.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <Badge variant={t.isSystem ? 'info' : 'success'}>{t.isSystem ? 'System template' : 'Your organization'}</Badge>
            <Badge variant="muted">{CATEGORY_LABELS[t.category] ?? t.category}</Badge>
            {t.industry ? <Badge variant="muted">Industry: {t.industry}</Badge> : null}
            {t.useCase ? <Badge variant="muted">Use case: {t.useCase.replaceAll('_', ' ')}</Badge> : null}
            <span>{t.description}</span>
          </span>
        }
        actions={
          <div className="flex flex-wrap items-start gap-2">
            <Link href={`/campaigns/new?templateId=${t.id}`} className={buttonVariants()}>Use in a campaign</Link>
            <DuplicateTemplateButton id={t.id} />
            {!t.isSystem ? (
              <>
                <Link href={`/templates/${t.id}/edit`} className={buttonVariants({ variant: 'outline' })}><Pencil className="h-4 w-4" aria-hidden /> Edit</Link>
                <DeleteTemplateButton id={t.id} name={t.name} />
              </>
            ) : null}
          </div>
        }
      />
      {sp.copied ? <Alert variant="success" className="mb-6">Copied into your organization. This copy is yours to edit; the original stays as it was.</Alert> : null}
      <div className="mb-6 grid gap-4 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>At a glance</CardTitle>
          </CardHeader>
          <CardContent className="text-sm">
            <p>{plural(t.stepCount, 'step')}: {t.steps.map((s) => STEP_TYPE_LABELS[s.type]).join(' → ')}</p>
            <p className="mt-1 text-muted-foreground">Used {plural(t.usageCount, 'time')} (campaigns and copies made from it).</p>
            {t.channels.some((c) => c !== 'email') ? <p className="mt-1 text-muted-foreground">WhatsApp and SMS steps are sent once a messaging number is connected; until then they are skipped.</p> : null}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Results in your campaigns</CardTitle>
            <CardDescription>{metrics.campaigns ? `${plural(metrics.campaigns, 'campaign')} made from this template, last 30 days.` : 'No campaign of yours uses it yet.'}</CardDescription>
          </CardHeader>
          <CardContent className="text-sm" data-testid="template-metrics">
            {m.sent ? (
              <p>
                Sent {m.sent.toLocaleString('en')} · opened {pct(m.openRate)} · clicked {pct(m.clickRate)} · replied {pct(m.replyRate)} · bounced {pct(m.bounceRate)}
              </p>
            ) : (
              <p className="text-muted-foreground">Nothing sent yet.</p>
            )}
          </CardContent>
        </Card>
      </div>
      <h2 className="mb-3 text-lg font-semibold">Steps</h2>
      <TemplateSteps steps={t.steps} ctx={ctx} />
    </>
  );
}
