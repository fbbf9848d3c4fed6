import type { ReactNode } from 'react';
import Link from 'next/link';
import { Bell } from 'lucide-react';
import { requireUser, asUser } from '@/lib/auth';
import { env } from '@/lib/env';
import { countUnread } from '@/features/notifications';
import { NAV } from '@/components/app-shell/nav';
import { SidebarNav } from '@/components/app-shell/sidebar';
import { signOutAction } from '../(auth)/actions';
import { OrgSwitcher } from './org-switcher';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const unread = await asUser(user, (db) => countUnread(db, user));
  const mode = env().mode;
  const items = NAV.filter((i) => (!i.roles || i.roles.includes(user.role)) && (!i.localOnly || mode === 'local'));
  return (
    <div className="flex min-h-screen">
      <aside className="flex w-60 shrink-0 flex-col border-r bg-muted/30 p-3">
        <Link href="/dashboard" className="mb-4 px-3 py-2 text-lg font-bold text-primary">LeadPilot</Link>
        <OrgSwitcher current={user.orgId} memberships={user.memberships} />
        <div className="mt-4 flex-1">
          <SidebarNav items={items} />
        </div>
        {mode === 'local' ? <p className="px-3 text-xs text-muted-foreground">Local mode</p> : null}
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-end gap-4 border-b px-6">
          <Link href="/notifications" className="relative rounded-md p-2 hover:bg-muted" aria-label={`Notifications (${unread} unread)`}>
            <Bell className="h-5 w-5" aria-hidden />
            {unread > 0 ? (
              <span data-testid="unread-count" className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-destructive px-1 text-center text-xs font-semibold text-white">
                {unread > 99 ? '99+' : unread}
              </span>
            ) : null}
          </Link>
          <details className="relative">
            <summary className="cursor-pointer list-none rounded-md px-3 py-1.5 text-sm hover:bg-muted" data-testid="user-menu">
              {user.fullName || user.email}
            </summary>
            <div className="absolute right-0 z-20 mt-1 w-56 rounded-md border bg-background p-1 shadow-md">
              <p className="truncate px-3 py-2 text-xs text-muted-foreground">{user.email} · {user.role}</p>
              <Link href="/settings/notifications" className="block rounded px-3 py-2 text-sm hover:bg-muted">Notification settings</Link>
              <form action={signOutAction}>
                <button type="submit" className="w-full rounded px-3 py-2 text-left text-sm hover:bg-muted">Sign out</button>
              </form>
            </div>
          </details>
        </header>
        <main className="flex-1 p-6">{children}</main>
      </div>
    </div>
  );
}
