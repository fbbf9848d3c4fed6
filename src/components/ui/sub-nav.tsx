'use client';
import { usePathname } from 'next/navigation';
import { TabLink, Tabs, isWithin } from './tabs';

/**
 * A section's tabs, one page each. The first tab is the section's own page: it is active on that path
 * only; every other tab is active on its path and the pages below it.
 */
export function SubNav({ label, tabs, className }: { label: string; tabs: { href: string; label: string }[]; className?: string }) {
  const pathname = usePathname();
  const root = tabs[0]?.href;
  return (
    <Tabs label={label} className={className}>
      {tabs.map((t) => (
        <TabLink key={t.href} href={t.href} active={t.href === root ? pathname === root : isWithin(pathname, t.href)}>
          {t.label}
        </TabLink>
      ))}
    </Tabs>
  );
}
