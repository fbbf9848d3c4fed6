'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { Select, buttonVariants, cn } from '@/components/ui';

/** "Previous" / "Next" links of a keyset-paged table (a missing link is a disabled button). */
export function Pager({ prev, next, summary }: { prev: string | null; next: string | null; summary?: string }) {
  const cls = buttonVariants({ variant: 'outline', size: 'sm' });
  return (
    <nav aria-label="Pages" className="flex items-center gap-2">
      {summary ? <span className="mr-2 text-xs text-muted-foreground">{summary}</span> : null}
      {prev ? (
        <Link href={prev} className={cls} rel="prev">
          <ChevronLeft className="h-4 w-4" aria-hidden /> Previous
        </Link>
      ) : (
        <span className={cn(cls, 'pointer-events-none opacity-50')} aria-disabled="true">
          <ChevronLeft className="h-4 w-4" aria-hidden /> Previous
        </span>
      )}
      {next ? (
        <Link href={next} className={cls} rel="next">
          Next <ChevronRight className="h-4 w-4" aria-hidden />
        </Link>
      ) : (
        <span className={cn(cls, 'pointer-events-none opacity-50')} aria-disabled="true">
          Next <ChevronRight className="h-4 w-4" aria-hidden />
        </span>
      )}
    </nav>
  );
}

/** Rows per page; changing it starts again at the first page. */
export function PageSizeSelect({ value, sizes, hrefs }: { value: number; sizes: number[]; hrefs: Record<number, string> }) {
  const router = useRouter();
  return (
    <label className="flex items-center gap-2 text-xs text-muted-foreground">
      Rows per page
      <Select className="h-8 w-20" value={String(value)} onChange={(e) => {
        const href = hrefs[Number(e.target.value)];
        if (href) router.push(href);
      }} aria-label="Rows per page">
        {(sizes.includes(value) ? sizes : [...sizes, value].sort((a, b) => a - b)).map((n) => (
          <option key={n} value={n}>{n}</option>
        ))}
      </Select>
    </label>
  );
}
