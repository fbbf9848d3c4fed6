'use client';
import { useRouter } from 'next/navigation';
import { useRef, useState, useSyncExternalStore, useTransition } from 'react';
import { AlertTriangle } from 'lucide-react';
import { Alert, Badge, Button, Input, Label, Select, Table, Td, Th, cn } from '@/components/ui';
import { CUSTOM_TYPE_LABELS, DEDUPE_LABELS } from '@/components/leads/labels';
import { confirmImportAction, discardImportAction, previewImportAction } from '../actions';

export type TTargetGroup = { label: string; options: { value: string; label: string }[] };
export type TColumnRow = { index: number; header: string; target: string; samples: string[] };

type TPreviewLead = {
  email: string | null; phone: string | null; firstName: string | null; lastName: string | null; title: string | null;
  city: string | null; state: string | null; country: string | null; status: string | null; linkedinUrl: string | null;
  customFields: Record<string, string | number>; tags: string[]; lists: string[];
  company: { name: string; domain: string | null; industry: string | null } | null;
};
export type TPreviewRow = { rowNumber: number; ok: true; lead: TPreviewLead } | { rowNumber: number; ok: false; reason: string };

type TChoice = { target: string; newLabel: string; newType: 'text' | 'number' | 'date' | 'url' };
type TCustomType = TChoice['newType'];

const noopSubscribe = () => () => {};

export function MappingScreen({ id, columns, groups, customLabels, initialPreview, initialProblem, lists }: {
  id: string;
  columns: TColumnRow[];
  groups: TTargetGroup[];
  customLabels: Record<string, string>;
  initialPreview: TPreviewRow[];
  initialProblem: string | null;
  lists: { id: string; name: string }[];
}) {
  const router = useRouter();
  const [choices, setChoices] = useState<TChoice[]>(() => columns.map((c) => ({ target: c.target, newLabel: c.header, newType: 'text' })));
  const [preview, setPreview] = useState(initialPreview);
  const [newKeys, setNewKeys] = useState<Record<number, string>>({});
  const [problem, setProblem] = useState(initialProblem);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [dedupe, setDedupe] = useState<keyof typeof DEDUPE_LABELS>('skip');
  const [listChoice, setListChoice] = useState('');
  const [newListName, setNewListName] = useState('');
  const [tags, setTags] = useState('');
  const [confirmError, setConfirmError] = useState<{ message: string; fields?: Record<string, string[]> } | null>(null);
  const [previewing, startPreview] = useTransition();
  const [confirming, startConfirm] = useTransition();
  const seq = useRef(0);
  // Warnings from the upload (rows that cannot be read reliably), kept for this tab by the upload step.
  const uploadWarnings = useSyncExternalStore(noopSubscribe, () => sessionStorage.getItem(`leadpilot.import-warnings.${id}`), () => null);

  const payload = (cs: TChoice[]) =>
    columns.map((c, i) => ({
      index: c.index,
      header: c.header,
      target: cs[i]!.target,
      ...(cs[i]!.target === 'new' ? { newLabel: cs[i]!.newLabel, newType: cs[i]!.newType } : {}),
    }));

  const refresh = (cs: TChoice[]) => {
    const n = ++seq.current;
    startPreview(async () => {
      const r = await previewImportAction(null, { id, columns: payload(cs) });
      if (n !== seq.current) return; // a newer mapping is on its way
      if (r.ok) {
        const d = r.data as { rows: TPreviewRow[]; problem: string | null; newKeys: Record<number, string> };
        setPreview(d.rows);
        setNewKeys(d.newKeys);
        setProblem(d.problem);
        setPreviewError(null);
      } else setPreviewError(r.error.message);
    });
  };

  const change = (i: number, patch: Partial<TChoice>, recompute = true) => {
    const next = choices.map((c, j) => (j === i ? { ...c, ...patch } : c));
    setChoices(next);
    if (recompute) refresh(next);
  };

  const [discarding, startDiscard] = useTransition();
  const discard = () => {
    if (!window.confirm('Discard this upload? The file is deleted and nothing is imported.')) return;
    startDiscard(async () => {
      setConfirmError(null);
      const r = await discardImportAction(null, { id });
      if (!r.ok) return setConfirmError({ message: r.error.message });
      router.push('/leads/import');
    });
  };
  const confirm = () =>
    startConfirm(async () => {
      setConfirmError(null);
      const r = await confirmImportAction(null, { id, columns: payload(choices), dedupe, listChoice, newListName: newListName || undefined, tags });
      if (!r.ok) return setConfirmError({ message: r.error.message, fields: r.error.fields });
      sessionStorage.removeItem(`leadpilot.import-warnings.${id}`);
      router.refresh();
    });

  const used = new Map<string, number>();
  for (const c of choices) if (c.target && c.target !== 'new') used.set(c.target, (used.get(c.target) ?? 0) + 1);
  // Custom fields in the preview: existing ones by key, new ones by the key the server derived from the label.
  const customInPreview = [
    ...new Set(choices.flatMap((c, i) => (c.target.startsWith('custom.') ? [c.target.slice(7)] : c.target === 'new' && newKeys[columns[i]!.index] ? [newKeys[columns[i]!.index]!] : []))),
  ];
  const labelOf = (key: string) =>
    customLabels[key] ?? choices.find((c, i) => c.target === 'new' && newKeys[columns[i]!.index] === key)?.newLabel ?? key;
  const okRows = preview.filter((p) => p.ok).length;
  let warnings: string[] = [];
  try {
    warnings = uploadWarnings ? (JSON.parse(uploadWarnings) as string[]).filter((w) => !w.startsWith('No column is mapped')) : [];
  } catch {
    warnings = [];
  }

  return (
    <div className="flex flex-col gap-6">
      {warnings.map((w) => (
        <Alert key={w} variant="warning">{w}</Alert>
      ))}
      <section className="flex flex-col gap-3">
        <h2 className="text-base font-semibold">Columns</h2>
        <p className="text-sm text-muted-foreground">
          Choose where each column goes. “New custom field…” creates the field when you confirm; “Ignore” leaves the column out. When several
          columns go to the same field, the first non-empty value wins.
        </p>
        <Table data-testid="mapping-table">
          <thead>
            <tr>
              <Th>Column in the file</Th>
              <Th>Sample values</Th>
              <Th className="w-80">Import as</Th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c, i) => {
              const ch = choices[i]!;
              const dup = ch.target && ch.target !== 'new' && (used.get(ch.target) ?? 0) > 1;
              const err = confirmError?.fields?.[`columns.${c.index}`]?.[0];
              return (
                <tr key={c.index} data-testid="mapping-row" data-header={c.header}>
                  <Td className="font-medium">{c.header}</Td>
                  <Td className="max-w-72">
                    <div className="flex flex-col gap-0.5">
                      {c.samples.filter(Boolean).length ? (
                        c.samples.filter(Boolean).map((s, k) => (
                          <span key={k} className="truncate text-xs text-muted-foreground" title={s}>{s}</span>
                        ))
                      ) : (
                        <span className="text-xs italic text-muted-foreground">empty in the first rows</span>
                      )}
                    </div>
                  </Td>
                  <Td>
                    <div className="flex flex-col gap-2">
                      <Select
                        aria-label={`Import “${c.header}” as`}
                        value={ch.target}
                        onChange={(e) => change(i, { target: e.target.value })}
                        className={cn(!ch.target && 'text-muted-foreground')}
                      >
                        <option value="">Ignore this column</option>
                        {groups.map((g) => (
                          <optgroup key={g.label} label={g.label}>
                            {g.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                          </optgroup>
                        ))}
                        <option value="new">New custom field…</option>
                      </Select>
                      {ch.target === 'new' ? (
                        <div className="grid grid-cols-[1fr_7rem] gap-2">
                          <Input
                            aria-label={`Label of the new custom field for “${c.header}”`}
                            value={ch.newLabel}
                            maxLength={100}
                            onChange={(e) => change(i, { newLabel: e.target.value }, false)}
                          />
                          <Select aria-label={`Type of the new custom field for “${c.header}”`} value={ch.newType} onChange={(e) => change(i, { newType: e.target.value as TCustomType })}>
                            {(Object.keys(CUSTOM_TYPE_LABELS) as TCustomType[]).map((t) => <option key={t} value={t}>{CUSTOM_TYPE_LABELS[t]}</option>)}
                          </Select>
                        </div>
                      ) : null}
                      {dup ? <span className="text-xs text-amber-700">Another column goes to this field too; the first non-empty value wins.</span> : null}
                      {err ? <span className="text-xs text-destructive">{err}</span> : null}
                    </div>
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      </section>

      <section className="flex flex-col gap-3" aria-busy={previewing}>
        <div className="flex items-center justify-between">
          <h2 className="text-base font-semibold">Preview</h2>
          <span className="text-xs text-muted-foreground" data-testid="preview-status">
            {previewing ? 'Updating…' : `First ${preview.length} rows as they will be stored: ${okRows} ready, ${preview.length - okRows} rejected.`}
          </span>
        </div>
        {problem ? (
          <Alert variant="error" className="flex gap-2" data-testid="mapping-problem">
            <AlertTriangle className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
            {problem}
          </Alert>
        ) : null}
        {previewError ? <Alert variant="error">{previewError}</Alert> : null}
        <div className={cn('transition-opacity', previewing && 'opacity-60')}>
          <Table data-testid="preview-table">
            <thead>
              <tr>
                <Th>Row</Th>
                <Th>Name</Th>
                <Th>Email</Th>
                <Th>Title</Th>
                <Th>Company</Th>
                <Th>Phone</Th>
                <Th>Location</Th>
                {customInPreview.map((k) => (
                  <Th key={k}>{labelOf(k)}</Th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.map((p) =>
                p.ok ? (
                  <tr key={p.rowNumber} data-testid="preview-row">
                    <Td className="text-xs text-muted-foreground">{p.rowNumber}</Td>
                    <Td>{[p.lead.firstName, p.lead.lastName].filter(Boolean).join(' ') || '—'}</Td>
                    <Td className="text-xs">{p.lead.email ?? '—'}</Td>
                    <Td className="max-w-40 truncate">{p.lead.title ?? '—'}</Td>
                    <Td>
                      {p.lead.company ? (
                        <>
                          {p.lead.company.name}
                          {p.lead.company.domain ? <span className="block text-xs text-muted-foreground">{p.lead.company.domain}</span> : null}
                        </>
                      ) : '—'}
                    </Td>
                    <Td className="whitespace-nowrap text-xs">{p.lead.phone ?? '—'}</Td>
                    <Td className="text-xs">{[p.lead.city, p.lead.state, p.lead.country].filter(Boolean).join(', ') || '—'}</Td>
                    {customInPreview.map((k) => (
                      <Td key={k} className="text-xs">{p.lead.customFields[k] === undefined ? '—' : String(p.lead.customFields[k])}</Td>
                    ))}
                  </tr>
                ) : (
                  <tr key={p.rowNumber} data-testid="preview-row" className="bg-red-50/60">
                    <Td className="text-xs text-muted-foreground">{p.rowNumber}</Td>
                    <Td colSpan={6 + customInPreview.length}>
                      <Badge variant="danger" className="mr-2">Rejected</Badge>
                      <span className="text-sm">{p.reason}</span>
                    </Td>
                  </tr>
                ),
              )}
            </tbody>
          </Table>
        </div>
      </section>

      <section className="grid gap-6 rounded-lg border p-5 md:grid-cols-3">
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-semibold">When a row matches an existing lead</legend>
          <p className="-mt-1 mb-1 text-xs text-muted-foreground">Matched by email, then by LinkedIn URL.</p>
          {(Object.keys(DEDUPE_LABELS) as (keyof typeof DEDUPE_LABELS)[]).map((m) => (
            <label key={m} className="flex items-start gap-2 text-sm">
              <input type="radio" name="dedupe" value={m} checked={dedupe === m} onChange={() => setDedupe(m)} className="mt-0.5 accent-primary" />
              <span>
                <span className="font-medium">{DEDUPE_LABELS[m].label}</span>
                <span className="block text-xs text-muted-foreground">{DEDUPE_LABELS[m].hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="flex flex-col gap-2">
          <Label htmlFor="import-list">Add every imported lead to a list</Label>
          <Select id="import-list" value={listChoice} onChange={(e) => setListChoice(e.target.value)}>
            <option value="">No list</option>
            {lists.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
            <option value="new">New list…</option>
          </Select>
          {listChoice === 'new' ? (
            <>
              <Input aria-label="Name of the new list" placeholder="e.g. Trade show March" value={newListName} maxLength={200} onChange={(e) => setNewListName(e.target.value)} aria-invalid={confirmError?.fields?.newListName ? true : undefined} />
              {confirmError?.fields?.newListName ? <span className="text-xs text-destructive">{confirmError.fields.newListName[0]}</span> : null}
            </>
          ) : null}
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor="import-tags">Tag every imported lead</Label>
          <Input id="import-tags" placeholder="e.g. webinar, 2026" value={tags} maxLength={2000} onChange={(e) => setTags(e.target.value)} />
          <span className="text-xs text-muted-foreground">Separate tags with commas. Missing tags are created.</span>
        </div>
      </section>

      {confirmError ? <Alert variant="error" data-testid="confirm-error">{confirmError.message}</Alert> : null}
      <div className="flex items-center gap-3">
        <Button onClick={confirm} disabled={confirming || previewing || Boolean(problem)} aria-busy={confirming} size="lg">
          {confirming ? 'Starting…' : 'Import'}
        </Button>
        <Button variant="ghost" onClick={discard} disabled={confirming || discarding} aria-busy={discarding}>
          {discarding ? 'Discarding…' : 'Discard upload'}
        </Button>
        {problem ? <span className="text-sm text-muted-foreground">Map a column to Email, a name or a LinkedIn URL to continue.</span> : null}
      </div>
    </div>
  );
}
