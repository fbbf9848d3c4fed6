import type { Metadata } from 'next';
import Link from 'next/link';
import { ArrowLeft } from 'lucide-react';
import { requireUser, asUser } from '@/lib/auth';
import { AppError } from '@/lib/errors';
import { EmptyState, PageHeader, buttonVariants } from '@/components/ui';
import { getTemplate, templateFacets } from '@/features/sequences';
import { builderContext } from '../../../sequences/context';
import { DuplicateTemplateButton } from '../../template-buttons';
import { TemplateEditor } from '../../template-editor';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const metadata: Metadata = { title: 'Edit template' };

export default async function EditTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser();
  const data = !UUID.test(id) ? null : await asUser(user, async (db) => {
    try {
      return { t: await getTemplate(db, user.orgId, id), ctx: await builderContext(db, user), facets: await templateFacets(db, user.orgId) };
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
      throw e;
    }
  });
  if (!data) {
    return (
      <EmptyState
        title="This template does not exist"
        description="It may have been deleted, or it belongs to another organization."
        action={<Link href="/templates" className={buttonVariants({ variant: 'outline' })}>Back to templates</Link>}
      />
    );
  }
  const { t, ctx, facets } = data;
  if (t.isSystem) {
    return (
      <EmptyState
        title="System templates cannot be changed"
        description="Duplicate it into your organization and edit the copy; the original stays available to everyone."
        action={<DuplicateTemplateButton id={t.id} />}
      />
    );
  }
  return (
    <>
      <Link href={`/templates/${t.id}`} className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="h-4 w-4" aria-hidden /> {t.name}
      </Link>
      <PageHeader title={`Edit “${t.name}”`} description="Campaigns already made from this template keep their own copy of the steps; changes here apply to new campaigns." />
      <TemplateEditor
        id={t.id}
        meta={{ name: t.name, description: t.description, category: t.category, industry: t.industry, useCase: t.useCase }}
        steps={t.steps}
        ctx={ctx}
        facets={facets}
      />
    </>
  );
}
