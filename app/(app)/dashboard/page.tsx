import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth';
import { PageHeader, Card, CardHeader, CardTitle, CardDescription, CardContent } from '@/components/ui';
import { LeadsDashboardCard } from '@/components/leads/dashboard-card';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader title={`Welcome${user.fullName ? `, ${user.fullName.split(' ')[0]}` : ''}`} description={`${user.orgName} · you are ${user.role === 'admin' ? 'an admin' : `the ${user.role}`}`} />
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Get started</CardTitle>
            <CardDescription>Set up your workspace in a few steps.</CardDescription>
          </CardHeader>
          <CardContent>
            <ol className="list-decimal space-y-1 pl-5 text-sm">
              <li>Fill in your organization’s time zone, sending window and postal address in <a className="text-primary hover:underline" href="/settings">Settings</a>.</li>
              <li>Invite your team in <a className="text-primary hover:underline" href="/settings/members">Members</a>.</li>
              <li>Create an API key for your integrations in <a className="text-primary hover:underline" href="/settings/api-keys">API keys</a>.</li>
            </ol>
          </CardContent>
        </Card>
        <LeadsDashboardCard user={user} />
      </div>
    </>
  );
}
