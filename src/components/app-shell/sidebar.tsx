'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import {
  Activity, Bell, Building2, Inbox, LayoutDashboard, ListChecks, Mail, Megaphone, Settings, Users, FileText, ShieldBan, Workflow, type LucideIcon,
} from 'lucide-react';
import { cn } from '@/components/ui/cn';
import { isWithin } from '@/components/ui/tabs';
import type { TNavItem } from './nav';

const ICONS: Record<string, LucideIcon> = {
  'layout-dashboard': LayoutDashboard, bell: Bell, activity: Activity, settings: Settings, inbox: Inbox, users: Users,
  building: Building2, megaphone: Megaphone, mail: Mail, 'file-text': FileText, 'list-checks': ListChecks, 'shield-ban': ShieldBan, workflow: Workflow,
};

export function SidebarNav({ items }: { items: TNavItem[] }) {
  const pathname = usePathname();
  // The most specific entry wins (/campaigns/approvals is Approvals, not Campaigns).
  const activeHref = items.filter((i) => isWithin(pathname, i.href)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5">
      {items.map((item) => {
        const Icon = ICONS[item.icon] ?? LayoutDashboard;
        const active = item.href === activeHref;
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? 'page' : undefined}
            className={cn(
              'flex items-center gap-2 rounded-md px-3 py-2 text-sm text-muted-foreground hover:bg-muted hover:text-foreground',
              active && 'bg-secondary font-medium text-secondary-foreground',
            )}
          >
            <Icon className="h-4 w-4" aria-hidden />
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
