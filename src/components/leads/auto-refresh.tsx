'use client';
import { useEffect } from 'react';
import { useRouter } from 'next/navigation';

/** Re-renders the page's server data every `seconds` while it is shown (imports that are still running). */
export function AutoRefreshWhile({ seconds }: { seconds: number }) {
  const router = useRouter();
  useEffect(() => {
    const t = setInterval(() => {
      if (document.visibilityState === 'visible') router.refresh();
    }, seconds * 1000);
    return () => clearInterval(t);
  }, [seconds, router]);
  return null;
}
