'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui';

const TABS = [
  { href: '/leads', label: 'All leads' },
  { href: '/leads/import', label: 'Import' },
  { href: '/leads/imports', label: 'Import history' },
  { href: '/leads/lists', label: 'Lists' },
  { href: '/leads/settings', label: 'Tags & custom fields' },
];

/** The leads section's tabs (the sidebar's "Leads" entry opens the first). */
export function LeadsTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Leads" className="mb-6 flex gap-1 overflow-x-auto border-b">
      {TABS.map((t) => {
        const active = t.href === '/leads' ? pathname === '/leads' : pathname === t.href || pathname.startsWith(`${t.href}/`);
        return (
          <Link
            key={t.href}
            href={t.href}
            aria-current={active ? 'page' : undefined}
            className={cn(
              '-mb-px whitespace-nowrap border-b-2 border-transparent px-3 py-2 text-sm text-muted-foreground hover:text-foreground',
              active && 'border-primary font-medium text-foreground',
            )}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
