import type { ReactNode } from 'react';
import { requireUser } from '@/lib/auth';
import { PageHeader, SubNav } from '@/components/ui';

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const admin = user.role !== 'member';
  const tabs = [
    { href: '/settings', label: 'Organization' },
    { href: '/settings/members', label: 'Members' },
    ...(admin ? [{ href: '/settings/api-keys', label: 'API keys' }] : []),
    { href: '/settings/notifications', label: 'Notifications' },
    ...(admin ? [{ href: '/settings/audit', label: 'Audit log' }] : []),
  ];
  return (
    <>
      <PageHeader title="Settings" description={`${user.orgName} · you are ${user.role === 'admin' ? 'an admin' : `the ${user.role}`}`} />
      <SubNav label="Settings" tabs={tabs} />
      <div className="mt-6">{children}</div>
    </>
  );
}
