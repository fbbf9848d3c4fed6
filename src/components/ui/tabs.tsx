/**
 * Tabs that are links: a section's sub-navigation, or the views of one page (`?tab=`, `?status=`).
 * The active tab is underlined and carries aria-current="page". Server or client.
 */
import Link from 'next/link';
import type { ReactNode } from 'react';
import { cn } from './cn';

/** True when `pathname` is `href` or a page below it (`/leads/lists/x` is within `/leads/lists`). */
export function isWithin(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The row of tabs. `scroll`: one line that scrolls sideways when narrow; `wrap`: tabs wrap onto more lines. */
export function Tabs({ label, overflow = 'scroll', className, children }: { label: string; overflow?: 'scroll' | 'wrap'; className?: string; children: ReactNode }) {
  return (
    <nav aria-label={label} className={cn('flex gap-1 border-b', overflow === 'scroll' ? 'overflow-x-auto whitespace-nowrap' : 'flex-wrap', className)}>
      {children}
    </nav>
  );
}

/** One tab. `current` false: styled as the active tab without aria-current (a filter, not a page). */
export function TabLink({ href, active, current = true, children }: { href: string; active: boolean; current?: boolean; children: ReactNode }) {
  return (
    <Link
      href={href}
      aria-current={active && current ? 'page' : undefined}
      className={cn('-mb-px border-b-2 border-transparent px-3 py-2 text-sm text-muted-foreground hover:text-foreground', active && 'border-primary font-medium text-foreground')}
    >
      {children}
    </Link>
  );
}
