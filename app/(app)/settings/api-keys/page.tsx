import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser, asUser } from '@/lib/auth';
import { Card, CardContent, CardDescription, CardHeader, CardTitle, RestrictedNotice, formatDateTime } from '@/components/ui';
import { findApiKeys, getOrganization } from '@/features/accounts';
import { ApiKeysTable, CreateApiKeyForm } from './api-keys-ui';

export const metadata: Metadata = { title: 'API keys' };

export default async function ApiKeysPage() {
  const user = await requireUser();
  if (user.role === 'member') {
    return (
      <RestrictedNotice
        title="Only owners and admins can manage API keys"
        description={`API keys act for the whole of ${user.orgName}. Ask an owner or admin to create one for your integration.`}
        backHref="/settings"
        backLabel="Back to settings"
      />
    );
  }
  const { keys, tz } = await asUser(user, async (db) => ({ keys: await findApiKeys(db, user.orgId), tz: (await getOrganization(db, user.orgId)).timezone }));
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Create an API key</CardTitle>
          <CardDescription>
            A key calls the <Link className="text-primary hover:underline" href="/api/openapi.json">LeadPilot API</Link> as you, in {user.orgName} only.
            Send it as <code className="text-xs">Authorization: Bearer lp_…</code>. It stops working when revoked or when you leave the organization.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <CreateApiKeyForm />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Keys</CardTitle>
        </CardHeader>
        <CardContent>
          <ApiKeysTable
            keys={keys.map((k) => ({
              id: k.id, name: k.name, prefix: k.prefix, createdBy: k.createdByEmail ?? 'former member', status: k.status,
              created: formatDateTime(k.createdAt, tz), lastUsed: k.lastUsedAt ? formatDateTime(k.lastUsedAt, tz) : 'Never',
              revoked: k.revokedAt ? formatDateTime(k.revokedAt, tz) : null,
            }))}
          />
        </CardContent>
      </Card>
    </div>
  );
}
