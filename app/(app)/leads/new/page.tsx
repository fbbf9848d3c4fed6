import type { Metadata } from 'next';
import { requireUser, asUser } from '@/lib/auth';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui';
import { findCustomFields, findLists, findTags } from '@/features/leads';
import { LeadsHeader } from '@/components/leads/leads-header';
import { CreateLeadForm } from '../lead-form';

export const metadata: Metadata = { title: 'Add a lead' };

export default async function NewLeadPage() {
  const user = await requireUser();
  const { fields, lists, tags } = await asUser(user, async (db) => ({
    fields: await findCustomFields(db, user.orgId),
    lists: await findLists(db, user.orgId),
    tags: await findTags(db, user.orgId),
  }));
  return (
    <>
      <LeadsHeader />
      <Card className="max-w-4xl">
        <CardHeader>
          <CardTitle>Add a lead</CardTitle>
          <CardDescription>Emails are lower-cased and checked, phones stored in international format, and the company found by its domain or name (or created).</CardDescription>
        </CardHeader>
        <CardContent>
          <CreateLeadForm
            custom={fields.map((f) => ({ key: f.key, label: f.label, type: f.type }))}
            lists={lists.map((l) => ({ id: l.id, name: l.name }))}
            tags={tags.map((t) => ({ id: t.id, name: t.name }))}
          />
        </CardContent>
      </Card>
    </>
  );
}
