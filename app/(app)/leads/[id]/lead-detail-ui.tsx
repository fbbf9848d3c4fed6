'use client';
import { useRouter } from 'next/navigation';
import { useActionState, useRef, useState, useTransition } from 'react';
import { Pencil, Trash2, X } from 'lucide-react';
import { Alert, Button, Select } from '@/components/ui';
import { FormMessage, type TFormState } from '@/components/ui/form';
import { LEAD_STATUS_LABELS, LEAD_STATUS_LIST } from '@/components/leads/labels';
import { rememberDeletion } from '@/components/leads/undo-banner';
import { deleteLeadAction, leadMembershipAction, setLeadStatusAction } from '../actions';
import { EditLeadForm, type TCustomDef, type TLeadValues } from '../lead-form';

export type TProfileRow = { label: string; value: string | null; href?: string };

/** The profile: every field, read-only until "Edit". */
export function ProfileCard({ id, rows, values, currentCompanyDomain, custom, customValues }: {
  id: string;
  rows: TProfileRow[];
  values: TLeadValues;
  currentCompanyDomain: string;
  custom: TCustomDef[];
  customValues: Record<string, string | number>;
}) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  if (editing) {
    return (
      <EditLeadForm
        id={id}
        values={values}
        currentCompanyDomain={currentCompanyDomain}
        custom={custom}
        customValues={customValues}
        onDone={(m) => {
          setEditing(false);
          setSaved(m || null);
        }}
      />
    );
  }
  return (
    <div className="flex flex-col gap-4">
      {saved ? <Alert variant="success">{saved}</Alert> : null}
      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2" data-testid="lead-profile">
        {rows.map((r) => (
          <div key={r.label} className="min-w-0">
            <dt className="text-xs text-muted-foreground">{r.label}</dt>
            <dd className="truncate text-sm" title={r.value ?? undefined}>
              {r.value ? (
                r.href ? (
                  <a href={r.href} className="text-primary hover:underline" target={r.href.startsWith('http') ? '_blank' : undefined} rel="noreferrer noopener">
                    {r.value}
                  </a>
                ) : (
                  r.value
                )
              ) : (
                <span className="text-muted-foreground">—</span>
              )}
            </dd>
          </div>
        ))}
      </dl>
      <div>
        <Button variant="outline" size="sm" onClick={() => { setSaved(null); setEditing(true); }}>
          <Pencil className="h-3.5 w-3.5" aria-hidden /> Edit
        </Button>
      </div>
    </div>
  );
}

export function StatusSelect({ id, status }: { id: string; status: string }) {
  const [state, action, pending] = useActionState<(TFormState & { at?: number }) | null, FormData>(
    async (prev, fd) => ({ ...(await setLeadStatusAction(prev, fd)), at: Date.now() }),
    null,
  );
  const form = useRef<HTMLFormElement>(null);
  return (
    <form action={action} ref={form} className="flex flex-col gap-2">
      <input type="hidden" name="id" value={id} />
      <Select
        key={`${status}-${state?.at ?? 0}`}
        name="status"
        aria-label="Status"
        defaultValue={status}
        disabled={pending}
        onChange={() => form.current?.requestSubmit()}
      >
        {LEAD_STATUS_LIST.map((s) => <option key={s} value={s}>{LEAD_STATUS_LABELS[s]}</option>)}
      </Select>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}

type TRef = { id: string; name: string; color?: string | null };

/** The lead's lists and tags: remove with ×, add from the organization's lists and tags. */
export function Memberships({ id, lists, tags, allLists, allTags }: { id: string; lists: TRef[]; tags: TRef[]; allLists: TRef[]; allTags: TRef[] }) {
  const [state, action, pending] = useActionState<TFormState, FormData>(leadMembershipAction, null);
  const otherLists = allLists.filter((l) => !lists.some((x) => x.id === l.id));
  const otherTags = allTags.filter((t) => !tags.some((x) => x.id === t.id));
  return (
    <div className="flex flex-col gap-4">
      <FormMessage state={state} />
      <section className="flex flex-col gap-2">
        <h3 className="text-xs font-medium uppercase tracking-wide text-muted-foreground">Lists</h3>
        <div className="flex flex-wrap gap-1.5">
          {lists.length ? lists.map((l) => (
            <form key={l.id} action={action} className="inline-flex">
              <input type="hidden" name="intent" value="remove_from_list" />
              <input type="hidden" name="id" value={id} />
              <input type="hidden" name="listId" value={l.id} />
              <span className="inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs">
                <a href={`/leads?listId=${l.id}`} className="hover:underline">{l.name}</a>
                <button type="submit" className="cursor-pointer rounded-full p-0.5 hover:bg-muted" aria-label={`Remove from ${l.name}`} disabled={pending}>
                  <X className="h-3 w-3" aria-hidden />
                </button>
              </span>
            </form>
          )) : <span className="text-xs text-muted-foreground">In no list.</span>}
        </div>
        {otherLists.length ? (
          <form action={action} className="flex gap-2">
            <input type="hidden" name="intent" value="add_to_list" />
            <input type="hidden" name="id" value={id} />
            <Select name="listId" aria-label="List to add to" className="h-8" defaultValue="">
              <option value="" disabled>Add to a list…</option>
              {otherLists.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
            </Select>
            <Button type="submit" size="sm" variant="outline" disabled={pending}>Add</Button>
          </form>
        ) : allLists.length === 0 ? (
          <p className="text-xs text-muted-foreground">Create lists on the <a className="text-primary hover:underline" href="/leads/lists">Lists</a> page.</p>
        ) : null}
      </section>
      <section className="flex flex-col gap-2">
        <h3 className="text-xs font-medium uppercase tracking-wide text-muted-foreground">Tags</h3>
        <div className="flex flex-wrap gap-1.5">
          {tags.length ? tags.map((t) => (
            <form key={t.id} action={action} className="inline-flex">
              <input type="hidden" name="intent" value="untag" />
              <input type="hidden" name="id" value={id} />
              <input type="hidden" name="tagId" value={t.id} />
              <span className="inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs">
                <span className="h-2 w-2 rounded-full" style={{ background: t.color ?? '#94a3b8' }} aria-hidden />
                <a href={`/leads?tagId=${t.id}`} className="hover:underline">{t.name}</a>
                <button type="submit" className="cursor-pointer rounded-full p-0.5 hover:bg-muted" aria-label={`Remove tag ${t.name}`} disabled={pending}>
                  <X className="h-3 w-3" aria-hidden />
                </button>
              </span>
            </form>
          )) : <span className="text-xs text-muted-foreground">No tags.</span>}
        </div>
        {otherTags.length ? (
          <form action={action} className="flex gap-2">
            <input type="hidden" name="intent" value="tag" />
            <input type="hidden" name="id" value={id} />
            <Select name="tagId" aria-label="Tag to add" className="h-8" defaultValue="">
              <option value="" disabled>Add a tag…</option>
              {otherTags.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </Select>
            <Button type="submit" size="sm" variant="outline" disabled={pending}>Add</Button>
          </form>
        ) : allTags.length === 0 ? (
          <p className="text-xs text-muted-foreground">Create tags under <a className="text-primary hover:underline" href="/leads/settings">Tags &amp; custom fields</a>.</p>
        ) : null}
      </section>
    </div>
  );
}

/** Deletes after a confirmation, then goes back to the table, where the banner offers "Undo". */
export function DeleteLeadButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="flex flex-col items-end gap-2">
      <Button
        variant="outline"
        disabled={pending}
        aria-busy={pending}
        onClick={() => {
          if (!window.confirm(`Delete ${name}? The lead leaves the table, its lists and exports. You can undo this from the leads table during this session.`)) return;
          start(async () => {
            const r = await deleteLeadAction(null, { id });
            if (!r.ok) return setError(r.error.message);
            const d = r.data as { undoToken: string | null };
            if (d.undoToken) rememberDeletion({ token: d.undoToken, count: 1, what: `Deleted ${name}.` });
            router.push('/leads');
          });
        }}
      >
        <Trash2 className="h-4 w-4" aria-hidden /> {pending ? 'Deleting…' : 'Delete'}
      </Button>
      {error ? <Alert variant="error">{error}</Alert> : null}
    </div>
  );
}
