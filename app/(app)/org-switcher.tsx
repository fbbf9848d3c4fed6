'use client';
import { useTransition } from 'react';
import type { TMembership } from '@/lib/auth';
import { switchOrganizationAction } from './actions';

export function OrgSwitcher({ current, memberships }: { current: string; memberships: TMembership[] }) {
  const [pending, start] = useTransition();
  const active = memberships.find((m) => m.orgId === current);
  if (memberships.length < 2) {
    return <p className="truncate px-3 text-sm font-medium" data-testid="org-name">{active?.orgName}</p>;
  }
  return (
    <label className="px-3 text-sm">
      <span className="sr-only">Organization</span>
      <select
        data-testid="org-name"
        className="w-full rounded-md border bg-background px-2 py-1 text-sm"
        value={current}
        disabled={pending}
        onChange={(e) => start(() => switchOrganizationAction(e.target.value))}
      >
        {memberships.map((m) => (
          <option key={m.orgId} value={m.orgId}>{m.orgName}</option>
        ))}
      </select>
    </label>
  );
}
