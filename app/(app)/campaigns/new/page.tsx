import type { Metadata } from 'next';
import { requireUser, asUser } from '@/lib/auth';
import { BackLink, Card, CardContent, CardDescription, CardHeader, CardTitle, PageHeader } from '@/components/ui';
import { actorOf, findMailboxes } from '@/features/mailboxes';
import { findTemplates } from '@/features/sequences';
import { CATEGORY_LABELS } from '@/components/sequences/labels';
import { NewCampaignForm } from './new-campaign-form';

export const metadata: Metadata = { title: 'New campaign' };

export default async function NewCampaignPage({ searchParams }: { searchParams: Promise<{ templateId?: string }> }) {
  const sp = await searchParams;
  const user = await requireUser();
  const { templates, mailboxes } = await asUser(user, async (db) => ({
    templates: await findTemplates(db, user.orgId, {}),
    mailboxes: await findMailboxes(db, actorOf(user)),
  }));
  const chosen = templates.find((t) => t.id === sp.templateId);
  return (
    <>
      <BackLink href="/campaigns">Campaigns</BackLink>
      <PageHeader title="New campaign" description="Name it, pick where its sequence comes from and which mailboxes send it. Next you edit the steps, choose the leads and the sending rules; nothing is sent until you activate it." />
      <Card className="max-w-3xl">
        <CardHeader>
          <CardTitle>Campaign</CardTitle>
          <CardDescription>The campaign gets its own copy of the template&apos;s steps: later changes to the template do not change it.</CardDescription>
        </CardHeader>
        <CardContent>
          <NewCampaignForm
            templates={templates.map((t) => ({ id: t.id, name: t.name, label: `${t.name} — ${CATEGORY_LABELS[t.category] ?? t.category}${t.isSystem ? '' : ' (yours)'} · ${t.stepCount} steps` }))}
            templateId={chosen?.id ?? null}
            mailboxes={mailboxes.map((m) => ({ id: m.id, email: m.email, provider: m.provider, status: m.status, note: m.provider === 'dev' ? 'Dev mailbox: emails land in /dev/mailbox' : null }))}
          />
        </CardContent>
      </Card>
    </>
  );
}
