import type { Metadata } from 'next';
import { requireUser, asUser } from '@/lib/auth';
import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle, Label, RestrictedNotice, Select } from '@/components/ui';
import { findAuditLog, getOrganization } from '@/features/accounts';
import { auditRow } from './rows';
import { AuditTable } from './audit-table';

export const metadata: Metadata = { title: 'Audit log' };

const FILTERS = [
  { value: '', label: 'All actions' },
  { value: 'auth.', label: 'Sign-ins and password resets' },
  { value: 'member.', label: 'Members and invitations' },
  { value: 'api_key.', label: 'API keys' },
  { value: 'organization.', label: 'Organization settings' },
  { value: 'account.', label: 'Account' },
];

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<{ action?: string }> }) {
  const user = await requireUser();
  if (user.role === 'member') {
    return (
      <RestrictedNotice
        title="Only owners and admins can see the audit log"
        description={`The audit log records sign-ins, member changes and API keys in ${user.orgName}. Ask an owner or admin if you need something from it.`}
        backHref="/settings"
        backLabel="Back to settings"
      />
    );
  }
  const sp = await searchParams;
  const action = typeof sp.action === 'string' && /^[a-z_.]{0,60}$/.test(sp.action) ? sp.action : '';
  const first = await asUser(user, async (db) => {
    const tz = (await getOrganization(db, user.orgId)).timezone;
    const page = await findAuditLog(db, user.orgId, { action: action || undefined, limit: 50 });
    return { rows: page.entries.map((e) => auditRow(e, tz)), nextCursor: page.nextCursor, tz };
  });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Audit log</CardTitle>
        <CardDescription>Security-relevant actions in {user.orgName}, newest first. Times in {first.tz.replaceAll('_', ' ')}.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <form method="get" className="flex flex-wrap items-end gap-2">
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="action">Show</Label>
            <Select id="action" name="action" defaultValue={action} className="w-64">
              {FILTERS.some((f) => f.value === action) ? null : <option value={action}>{action}</option>}
              {FILTERS.map((f) => (
                <option key={f.value} value={f.value}>{f.label}</option>
              ))}
            </Select>
          </div>
          <Button type="submit" variant="outline">Filter</Button>
        </form>
        <AuditTable key={action} initial={first.rows} initialCursor={first.nextCursor} action={action} />
      </CardContent>
    </Card>
  );
}
