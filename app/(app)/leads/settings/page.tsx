import type { Metadata } from 'next';
import { requireUser, asUser } from '@/lib/auth';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui';
import { findCustomFields, findTags } from '@/features/leads';
import { LeadsHeader } from '@/components/leads/leads-header';
import { CreateCustomFieldForm, CreateTagForm, CustomFieldsTable, TagsTable } from './settings-ui';

export const metadata: Metadata = { title: 'Tags and custom fields' };

export default async function LeadSettingsPage() {
  const user = await requireUser();
  const { tags, fields } = await asUser(user, async (db) => ({ tags: await findTags(db, user.orgId), fields: await findCustomFields(db, user.orgId) }));
  return (
    <>
      <LeadsHeader />
      <div className="grid gap-6 xl:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Tags</CardTitle>
            <CardDescription>Short labels with a colour, to group and filter leads.</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-6">
            <CreateTagForm />
            <TagsTable tags={tags.map((t) => ({ id: t.id, name: t.name, color: t.color, leadCount: t.leadCount }))} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Custom fields</CardTitle>
            <CardDescription>Extra fields every lead in {user.orgName} can have: text, number, date or URL. They show on each lead, in filters, imports and exports.</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-6">
            <CreateCustomFieldForm />
            <CustomFieldsTable fields={fields.map((f) => ({ id: f.id, key: f.key, label: f.label, type: f.type }))} canDelete={user.role !== 'member'} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
