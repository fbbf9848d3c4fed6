import type { Metadata } from 'next';
import { requireUser, asUser } from '@/lib/auth';
import { Card, CardContent, CardDescription, CardHeader, CardTitle, formatDateTime } from '@/components/ui';
import { getOrganization } from '@/features/accounts';
import { findLists } from '@/features/leads';
import { LeadsHeader } from '@/components/leads/leads-header';
import { CreateListForm, ListsTable } from './lists-ui';

export const metadata: Metadata = { title: 'Lists' };

export default async function ListsPage() {
  const user = await requireUser();
  const { lists, tz } = await asUser(user, async (db) => ({ lists: await findLists(db, user.orgId), tz: (await getOrganization(db, user.orgId)).timezone }));
  return (
    <>
      <LeadsHeader />
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Create a list</CardTitle>
            <CardDescription>Lists are named sets of leads — for a campaign, an event, an account plan. A lead can be on several lists.</CardDescription>
          </CardHeader>
          <CardContent>
            <CreateListForm />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Lists</CardTitle>
            <CardDescription>Open a list to see its leads in the table, filtered to it.</CardDescription>
          </CardHeader>
          <CardContent>
            <ListsTable lists={lists.map((l) => ({ id: l.id, name: l.name, description: l.description, leadCount: l.leadCount, created: formatDateTime(l.createdAt, tz) }))} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
