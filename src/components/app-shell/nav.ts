/** Sidebar sections. Each feature adds its entry here when its pages work. */
import type { TRole } from '@/db/schema';

export type TNavItem = { href: string; label: string; icon: string; roles?: TRole[]; localOnly?: boolean };

export const NAV: TNavItem[] = [
  { href: '/dashboard', label: 'Dashboard', icon: 'layout-dashboard' },
  { href: '/leads', label: 'Leads', icon: 'users' },
  { href: '/companies', label: 'Companies', icon: 'building' },
  { href: '/campaigns', label: 'Campaigns', icon: 'megaphone' },
  { href: '/templates', label: 'Templates', icon: 'file-text' },
  { href: '/campaigns/approvals', label: 'Approvals', icon: 'list-checks' },
  { href: '/tasks', label: 'Tasks', icon: 'list-checks' },
  { href: '/mailboxes', label: 'Mailboxes', icon: 'mail' },
  { href: '/suppression', label: 'Suppression', icon: 'shield-ban' },
  { href: '/notifications', label: 'Notifications', icon: 'bell' },
  { href: '/jobs', label: 'Jobs', icon: 'activity', roles: ['owner', 'admin'] },
  { href: '/settings', label: 'Settings', icon: 'settings' },
  { href: '/dev/mailbox', label: 'Dev mailbox', icon: 'inbox', localOnly: true },
];
