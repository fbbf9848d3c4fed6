import type { Metadata } from 'next';
import { requireUser, asUser } from '@/lib/auth';
import { nullIfNotFound } from '@/lib/errors';
import { isUuid } from '@/lib/uuid';
import { BackLink, EmptyState, NotFoundState, PageHeader } from '@/components/ui';
import { getTemplate, templateFacets } from '@/features/sequences';
import { builderContext } from '../../../sequences/context';
import { DuplicateTemplateButton } from '../../template-buttons';
import { TemplateEditor } from '../../template-editor';

export const metadata: Metadata = { title: 'Edit template' };

export default async function EditTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser();
  const data = !isUuid(id) ? null : await asUser(user, (db) =>
    nullIfNotFound(async () => ({ t: await getTemplate(db, user.orgId, id), ctx: await builderContext(db, user), facets: await templateFacets(db, user.orgId) })),
  );
  if (!data) {
    return (
      <NotFoundState title="This template does not exist" backHref="/templates" backLabel="Back to templates" />
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
      <BackLink href={`/templates/${t.id}`}>{t.name}</BackLink>
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
