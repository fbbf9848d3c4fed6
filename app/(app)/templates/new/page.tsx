import type { Metadata } from 'next';
import { requireUser, asUser } from '@/lib/auth';
import { BackLink, PageHeader } from '@/components/ui';
import { BLANK_STEPS, templateFacets } from '@/features/sequences';
import { builderContext } from '../../sequences/context';
import { TemplateEditor } from '../template-editor';

export const metadata: Metadata = { title: 'New template' };

export default async function NewTemplatePage() {
  const user = await requireUser();
  const { ctx, facets } = await asUser(user, async (db) => ({ ctx: await builderContext(db, user), facets: await templateFacets(db, user.orgId) }));
  return (
    <>
      <BackLink href="/templates">Templates</BackLink>
      <PageHeader title="New template" description="A sequence your team can start campaigns from. Drag steps to reorder them; preview any step with a real lead." />
      <TemplateEditor id={null} meta={{ name: '', description: null, category: 'custom', industry: null, useCase: null }} steps={BLANK_STEPS} ctx={ctx} facets={facets} />
    </>
  );
}
