/** Pieces of a detail page: the link back to its list, and what it shows when the record is not there. Server or client. */
import Link from 'next/link';
import type { ReactNode } from 'react';
import { ArrowLeft } from 'lucide-react';
import { buttonVariants } from './button';
import { EmptyState } from './misc';

/** "← Campaigns" above a page's header. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
      <ArrowLeft className="h-4 w-4" aria-hidden /> {children}
    </Link>
  );
}

/** A record that does not exist (or is another organization's): say so, and link back to the list. */
export function NotFoundState({
  title,
  description = 'It may have been deleted, or it belongs to another organization.',
  backHref,
  backLabel,
}: {
  title: string;
  description?: ReactNode;
  backHref: string;
  backLabel: string;
}) {
  return <EmptyState title={title} description={description} action={<Link href={backHref} className={buttonVariants({ variant: 'outline' })}>{backLabel}</Link>} />;
}
