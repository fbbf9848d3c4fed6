import type { ReactNode } from 'react';
import { PageHeader, SubNav } from '@/components/ui';

const TABS = [
  { href: '/leads', label: 'All leads' },
  { href: '/leads/import', label: 'Import' },
  { href: '/leads/imports', label: 'Import history' },
  { href: '/leads/lists', label: 'Lists' },
  { href: '/leads/settings', label: 'Tags & custom fields' },
];

/** The leads section's title and tabs, on every page of the section (the sidebar's "Leads" entry opens the first tab). */
export function LeadsHeader({ actions }: { actions?: ReactNode }) {
  return (
    <>
      <PageHeader title="Leads" description="Everyone you might contact, with their company’s intent and fit." actions={actions} />
      <SubNav label="Leads" tabs={TABS} className="mb-6" />
    </>
  );
}
