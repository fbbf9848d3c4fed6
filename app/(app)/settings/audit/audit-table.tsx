'use client';
import { useState, useTransition } from 'react';
import { Alert, Badge, Button, EmptyState, Table, Td, Th } from '@/components/ui';
import { loadAuditAction } from '../actions';
import type { TAuditPageRow } from './rows';

export function AuditTable({ initial, initialCursor, action }: { initial: TAuditPageRow[]; initialCursor: string | null; action: string }) {
  const [rows, setRows] = useState(initial);
  const [cursor, setCursor] = useState(initialCursor);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const loadOlder = () =>
    start(async () => {
      setError(null);
      const r = await loadAuditAction(null, { before: cursor ?? undefined, action: action || undefined, limit: 50 });
      if (!r.ok) {
        setError(r.error.message);
        return;
      }
      const page = r.data as { rows: TAuditPageRow[]; nextCursor: string | null };
      setRows((cur) => [...cur, ...page.rows.filter((x) => !cur.some((c) => c.id === x.id))]);
      setCursor(page.nextCursor);
    });

  if (rows.length === 0) {
    return (
      <EmptyState
        title={action ? 'Nothing recorded for this filter' : 'Nothing recorded yet'}
        description={action ? 'Choose "All actions" to see everything.' : 'Sign-ins, invitations, role changes and API keys appear here as they happen.'}
      />
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <Table>
        <thead>
          <tr>
            <Th>Time</Th>
            <Th>Actor</Th>
            <Th>Action</Th>
            <Th>Target</Th>
            <Th>IP</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="audit-row">
              <Td className="whitespace-nowrap text-muted-foreground"><time dateTime={r.iso}>{r.when}</time></Td>
              <Td>
                {r.actor}
                {r.actorType === 'api_key' ? <Badge variant="info" className="ml-1">API key</Badge> : null}
              </Td>
              <Td>
                <code className="text-xs">{r.action}</code>
                {r.details ? <p className="mt-0.5 max-w-md truncate text-xs text-muted-foreground" title={r.details}>{r.details}</p> : null}
              </Td>
              <Td className="text-muted-foreground">{r.target}</Td>
              <Td className="whitespace-nowrap text-muted-foreground">{r.ip}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {error ? <Alert variant="error">{error}</Alert> : null}
      {cursor ? (
        <div>
          <Button variant="outline" onClick={loadOlder} disabled={pending} aria-busy={pending}>
            {pending ? 'Loading…' : 'Load older'}
          </Button>
        </div>
      ) : (
        <p className="text-xs text-muted-foreground">That is everything{action ? ' for this filter' : ''}.</p>
      )}
    </div>
  );
}
