import Link from 'next/link';
import { ShieldAlert } from 'lucide-react';
import { buttonVariants } from './button';

/** What a page shows someone whose role may not see it: what it is, who can, and where to go instead. */
export function RestrictedNotice({ title, description, backHref = '/dashboard', backLabel = 'Back to the dashboard' }: {
  title: string;
  description: string;
  backHref?: string;
  backLabel?: string;
}) {
  return (
    <div className="flex flex-col items-center justify-center rounded-lg border border-dashed px-6 py-12 text-center" data-testid="restricted">
      <ShieldAlert className="h-8 w-8 text-muted-foreground" aria-hidden />
      <h2 className="mt-3 text-base font-semibold">{title}</h2>
      <p className="mt-1 max-w-md text-sm text-muted-foreground">{description}</p>
      <Link href={backHref} className={`${buttonVariants({ variant: 'outline' })} mt-4`}>{backLabel}</Link>
    </div>
  );
}
