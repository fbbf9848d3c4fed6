'use client';
import { useActionState } from 'react';
import { Bell, ChevronRight } from 'lucide-react';
import { EmptyState, cn } from '@/components/ui';
import { FormMessage, SubmitButton, type TFormState } from '@/components/ui/form';
import { markAllReadAction, openNotificationAction } from './actions';

export function MarkAllReadButton() {
  const [state, action] = useActionState<TFormState, FormData>(markAllReadAction, null);
  return (
    <form action={action} className="flex items-center gap-2">
      {state && !state.ok ? <span className="text-sm text-destructive">{state.error.message}</span> : null}
      <SubmitButton variant="outline" pendingText="Marking…">Mark all read</SubmitButton>
    </form>
  );
}

type TItem = { id: string; title: string; body: string | null; hasLink: boolean; unread: boolean; type: string; when: string; iso: string };

export function NotificationList({ items }: { items: TItem[] }) {
  const [state, action] = useActionState<TFormState, FormData>(openNotificationAction, null);
  if (items.length === 0) {
    return (
      <EmptyState
        title="No notifications yet"
        description="You will hear here when a pipeline finishes, a lead replies or something waits for your approval. Choose which ones also reach you by email in notification settings."
      />
    );
  }
  return (
    <div className="flex flex-col gap-3">
      {state && !state.ok ? <FormMessage state={state} /> : null}
      <ul className="divide-y rounded-lg border" aria-label="Notifications">
        {items.map((n) => (
          <li key={n.id} data-testid="notification" data-unread={n.unread ? 'true' : 'false'} className={cn(n.unread && 'bg-secondary/40')}>
            <form action={action}>
              <input type="hidden" name="id" value={n.id} />
              <button type="submit" className="flex w-full cursor-pointer items-start gap-3 px-4 py-3 text-left hover:bg-muted/60">
                <span className={cn('mt-1.5 h-2 w-2 shrink-0 rounded-full', n.unread ? 'bg-primary' : 'bg-transparent')} aria-hidden />
                <span className="min-w-0 flex-1">
                  <span className={cn('block text-sm', n.unread ? 'font-semibold' : 'font-normal')}>
                    {n.unread ? <span className="sr-only">Unread: </span> : null}
                    {n.title}
                  </span>
                  {n.body ? <span className="mt-0.5 block whitespace-pre-line text-sm text-muted-foreground">{n.body}</span> : null}
                  <time className="mt-1 block text-xs text-muted-foreground" dateTime={n.iso}>{n.when}</time>
                </span>
                {n.hasLink ? (
                  <ChevronRight className="mt-1 h-4 w-4 shrink-0 text-muted-foreground" aria-label="Open" />
                ) : n.unread ? (
                  <span className="shrink-0 text-xs text-primary">Mark read</span>
                ) : (
                  <Bell className="mt-1 h-4 w-4 shrink-0 text-transparent" aria-hidden />
                )}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </div>
  );
}
