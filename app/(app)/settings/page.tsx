import type { Metadata } from 'next';
import { requireUser, asUser } from '@/lib/auth';
import { getOrganization, organizationDto, TIMEZONE_OPTIONS } from '@/features/accounts';
import { OrganizationForm } from './organization-form';

export const metadata: Metadata = { title: 'Organization settings' };

export default async function OrganizationSettingsPage() {
  const user = await requireUser();
  const org = organizationDto(await asUser(user, (db) => getOrganization(db, user.orgId)));
  return <OrganizationForm org={org} timezones={TIMEZONE_OPTIONS} canEdit={user.role !== 'member'} />;
}
