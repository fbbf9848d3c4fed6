'use client';
import { useEffect, useState } from 'react';
import { useRouter } from 'next/navigation';

/** Re-renders the page's server data every `seconds` while the tab is visible (and can be paused). */
export function AutoRefresh({ seconds = 5 }: { seconds?: number }) {
  const router = useRouter();
  const [on, setOn] = useState(true);
  useEffect(() => {
    if (!on) return;
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') router.refresh();
    }, seconds * 1000);
    return () => clearInterval(id);
  }, [on, seconds, router]);
  return (
    <label className="flex items-center gap-2 text-sm text-muted-foreground">
      <input type="checkbox" className="h-4 w-4 accent-primary" checked={on} onChange={(e) => setOn(e.target.checked)} />
      Refresh every {seconds} s
    </label>
  );
}
