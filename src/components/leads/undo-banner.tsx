'use client';
/**
 * "N leads deleted — Undo": the last deletion's undo token is kept in sessionStorage, so the banner
 * follows the user from a lead's page back to the table and lasts for the browser session (deleted
 * leads stay restorable: deletion is soft).
 */
import { useState, useSyncExternalStore, useTransition } from 'react';
import { Undo2 } from 'lucide-react';
import { Alert, Button } from '@/components/ui';
import type { TActionResult } from '@/lib/http/action';

const KEY = 'leadpilot.undo-delete';
const EVENT = 'leadpilot:undo-changed';

type TUndo = { token: string; count: number; what: string };

/** Remember a deletion so the banner can offer to undo it. */
export function rememberDeletion(u: TUndo) {
  sessionStorage.setItem(KEY, JSON.stringify(u));
  window.dispatchEvent(new Event(EVENT));
}

function forget() {
  sessionStorage.removeItem(KEY);
  window.dispatchEvent(new Event(EVENT));
}

function subscribe(cb: () => void) {
  window.addEventListener(EVENT, cb);
  window.addEventListener('storage', cb);
  return () => {
    window.removeEventListener(EVENT, cb);
    window.removeEventListener('storage', cb);
  };
}

/** `restore` is the page's server action (restoreLeads with the undo token). */
export function UndoBanner({ restore }: { restore: (prev: unknown, input: { undoToken: string }) => Promise<TActionResult> }) {
  const raw = useSyncExternalStore(subscribe, () => sessionStorage.getItem(KEY), () => null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  let undo: TUndo | null = null;
  try {
    undo = raw ? (JSON.parse(raw) as TUndo) : null;
  } catch {
    undo = null;
  }
  if (result) {
    return (
      <Alert variant={result.ok ? 'success' : 'error'} className="mb-4 flex items-center justify-between gap-3" data-testid="undo-result">
        <span>{result.text}</span>
        <Button variant="ghost" size="sm" onClick={() => setResult(null)}>Dismiss</Button>
      </Alert>
    );
  }
  if (!undo) return null;
  const u = undo;
  return (
    <Alert variant="info" className="mb-4 flex flex-wrap items-center justify-between gap-3" data-testid="undo-banner">
      <span>{u.what}</span>
      <span className="flex gap-2">
        <Button
          size="sm"
          variant="outline"
          disabled={pending}
          aria-busy={pending}
          onClick={() =>
            start(async () => {
              const r = await restore(null, { undoToken: u.token });
              forget();
              setResult(r.ok ? { ok: true, text: r.message ?? 'Restored.' } : { ok: false, text: `${r.error.message} The leads are still deleted.` });
            })
          }
        >
          <Undo2 className="h-4 w-4" aria-hidden /> {pending ? 'Restoring…' : 'Undo'}
        </Button>
        <Button size="sm" variant="ghost" onClick={forget} disabled={pending}>Dismiss</Button>
      </span>
    </Alert>
  );
}
