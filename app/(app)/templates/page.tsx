import type { Metadata } from 'next';
import Link from 'next/link';
import { Plus } from 'lucide-react';
import { requireUser, asUser } from '@/lib/auth';
import { Alert, Badge, Button, Card, CardContent, CardDescription, CardHeader, CardTitle, EmptyState, Input, PageHeader, Select, buttonVariants } from '@/components/ui';
import { findTemplates, templateFacets, ZTemplateQuery } from '@/features/sequences';
import { CATEGORY_LABELS, STEP_TYPE_LABELS, plural } from '@/components/sequences/labels';
import { DuplicateTemplateButton } from './template-buttons';

export const metadata: Metadata = { title: 'Templates' };

type TSearch = { category?: string; industry?: string; useCase?: string; q?: string; scope?: string; deleted?: string };

const humanize = (s: string) => s.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());

export default async function TemplatesPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const sp = await searchParams;
  const user = await requireUser();
  const parsed = ZTemplateQuery.safeParse({
    category: sp.category || undefined, industry: sp.industry || undefined, useCase: sp.useCase || undefined, q: sp.q || undefined, scope: sp.scope || undefined,
  });
  const query = parsed.success ? parsed.data : { scope: 'all' as const };
  const { templates, facets } = await asUser(user, async (db) => ({
    templates: await findTemplates(db, user.orgId, query),
    facets: await templateFacets(db, user.orgId),
  }));
  const filtered = Boolean(sp.category || sp.industry || sp.useCase || sp.q || (sp.scope && sp.scope !== 'all'));
  return (
    <>
      <PageHeader
        title="Templates"
        description="Ready-made sequences to start campaigns from. System templates are read-only: duplicate one into your organization to change it."
        actions={<Link href="/templates/new" className={buttonVariants()}><Plus className="h-4 w-4" aria-hidden /> New template</Link>}
      />
      {sp.deleted ? <Alert variant="success" className="mb-4">Template deleted. Campaigns made from it keep their own copy of the steps.</Alert> : null}
      {!parsed.success ? <Alert variant="error" className="mb-4">The link has a filter LeadPilot cannot read; showing every template.</Alert> : null}

      <form className="mb-6 flex flex-wrap items-end gap-3 rounded-lg border bg-muted/30 p-3" action="/templates" data-testid="template-filters">
        <div className="flex flex-col gap-1">
          <label htmlFor="q" className="text-xs text-muted-foreground">Search</label>
          <Input id="q" name="q" defaultValue={sp.q ?? ''} placeholder="Name or description" className="h-8 w-56" />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="category" className="text-xs text-muted-foreground">Category</label>
          <Select id="category" name="category" defaultValue={sp.category ?? ''} className="h-8 w-40">
            <option value="">All categories</option>
            {facets.categories.map((c) => <option key={c} value={c}>{CATEGORY_LABELS[c] ?? c}</option>)}
          </Select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="industry" className="text-xs text-muted-foreground">Industry</label>
          <Select id="industry" name="industry" defaultValue={sp.industry ?? ''} className="h-8 w-40">
            <option value="">All industries</option>
            {facets.industries.map((c) => <option key={c} value={c}>{humanize(c)}</option>)}
          </Select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="useCase" className="text-xs text-muted-foreground">Use case</label>
          <Select id="useCase" name="useCase" defaultValue={sp.useCase ?? ''} className="h-8 w-40">
            <option value="">All use cases</option>
            {facets.useCases.map((c) => <option key={c} value={c}>{humanize(c)}</option>)}
          </Select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="scope" className="text-xs text-muted-foreground">From</label>
          <Select id="scope" name="scope" defaultValue={sp.scope ?? 'all'} className="h-8 w-44">
            <option value="all">System and yours</option>
            <option value="system">System templates</option>
            <option value="organization">Your organization&apos;s</option>
          </Select>
        </div>
        <Button type="submit" size="sm">Apply</Button>
        {filtered ? <Link href="/templates" className={buttonVariants({ variant: 'ghost', size: 'sm' })}>Clear</Link> : null}
      </form>

      {templates.length === 0 ? (
        <EmptyState
          title={filtered ? 'No template matches these filters' : 'No templates yet'}
          description={filtered ? 'Clear the filters to see the whole library, or create a template of your own.' : 'Create a template to reuse a sequence across campaigns.'}
          action={filtered ? <Link href="/templates" className={buttonVariants({ variant: 'outline' })}>Clear filters</Link> : <Link href="/templates/new" className={buttonVariants()}>New template</Link>}
        />
      ) : (
        <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
          {templates.map((t) => (
            <Card key={t.id} className="flex flex-col" data-testid="template-card">
              <CardHeader>
                <div className="flex flex-wrap items-center gap-2">
                  <Badge variant={t.isSystem ? 'info' : 'success'}>{t.isSystem ? 'System' : 'Yours'}</Badge>
                  <Badge variant="muted">{CATEGORY_LABELS[t.category] ?? t.category}</Badge>
                  {t.industry ? <Badge variant="muted">{humanize(t.industry)}</Badge> : null}
                  {t.useCase && t.useCase !== t.category ? <Badge variant="muted">{humanize(t.useCase)}</Badge> : null}
                </div>
                <CardTitle className="mt-2">
                  <Link href={`/templates/${t.id}`} className="hover:text-primary hover:underline">{t.name}</Link>
                </CardTitle>
                <CardDescription>{t.description || 'No description.'}</CardDescription>
              </CardHeader>
              <CardContent className="mt-auto flex flex-col gap-3">
                <p className="text-xs text-muted-foreground" data-testid="template-facts">
                  {plural(t.stepCount, 'step')} · {plural(t.emailCount, 'email')} · {t.channels.map((c) => STEP_TYPE_LABELS[c] ?? c).join(' + ')} · used {plural(t.usageCount, 'time')}
                </p>
                <div className="flex flex-wrap gap-2">
                  <Link href={`/campaigns/new?templateId=${t.id}`} className={buttonVariants({ size: 'sm' })}>Use in a campaign</Link>
                  <Link href={`/templates/${t.id}`} className={buttonVariants({ variant: 'outline', size: 'sm' })}>View steps</Link>
                  {t.isSystem ? <DuplicateTemplateButton id={t.id} size="sm" /> : null}
                </div>
              </CardContent>
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
