'use client';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { Search, SlidersHorizontal } from 'lucide-react';
import { Button, Checkbox, Input, Label, Select } from '@/components/ui';
import { FIT_LABELS, INTENT_LABELS, LEAD_STATUS_LABELS, LEAD_STATUS_LIST } from '@/components/leads/labels';

type TOption = { id: string; name: string };

const MULTI = new Set(['status', 'intentTier', 'fitTier']);

/**
 * Search and filters. Applying them navigates to /leads?… (the URL is the state: shareable, and the
 * back button returns to the previous filter). Without JavaScript the form is a plain GET form.
 */
export function FilterBar({ values, custom, lists, tags, fields }: {
  values: Record<string, string>;
  custom: string[];
  lists: TOption[];
  tags: TOption[];
  fields: { key: string; label: string; type: string }[];
}) {
  const router = useRouter();
  const has = (k: string, v: string) => (values[k] ?? '').split(',').includes(v);
  const [firstCustom, ...otherCustom] = custom;
  const ci = firstCustom?.indexOf(':') ?? -1;
  const customKey = firstCustom && ci > 0 ? firstCustom.slice(0, ci) : '';
  const customValue = firstCustom && ci > 0 ? firstCustom.slice(ci + 1) : '';
  const active = Object.keys(values).filter((k) => !['q', 'sort', 'dir', 'limit'].includes(k)).length + custom.length;

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const out = new URLSearchParams();
    const multi = new Map<string, string[]>();
    for (const [k, raw] of fd) {
      const v = String(raw).trim();
      if (!v || k === 'customKey' || k === 'customValue') continue;
      if (MULTI.has(k)) multi.set(k, [...(multi.get(k) ?? []), v]);
      else if (k === 'custom') out.append(k, v);
      else out.set(k, v);
    }
    for (const [k, vs] of multi) out.set(k, vs.join(','));
    const ck = String(fd.get('customKey') ?? '').trim();
    const cv = String(fd.get('customValue') ?? '').trim();
    if (ck && cv) out.append('custom', `${ck}:${cv}`);
    const s = out.toString();
    router.push(s ? `/leads?${s}` : '/leads');
  };

  return (
    <form action="/leads" method="get" onSubmit={onSubmit} className="flex flex-col gap-3" role="search" aria-label="Search and filter leads">
      {['sort', 'dir', 'limit'].map((k) => (values[k] ? <input key={k} type="hidden" name={k} value={values[k]} /> : null))}
      {otherCustom.map((c) => <input key={c} type="hidden" name="custom" value={c} />)}
      <div className="flex flex-wrap items-center gap-2">
        <div className="relative min-w-64 flex-1">
          <Search className="pointer-events-none absolute left-2.5 top-2.5 h-4 w-4 text-muted-foreground" aria-hidden />
          <Input name="q" type="search" defaultValue={values.q ?? ''} placeholder="Search name, email, company or title" aria-label="Search leads" className="pl-8" maxLength={200} />
        </div>
        <Button type="submit">Search</Button>
      </div>
      <details className="rounded-lg border" open={active > 0}>
        <summary className="flex cursor-pointer items-center gap-2 px-4 py-2 text-sm font-medium">
          <SlidersHorizontal className="h-4 w-4" aria-hidden /> Filters{active ? ` (${active})` : ''}
        </summary>
        <div className="grid gap-4 border-t p-4 md:grid-cols-2 xl:grid-cols-4">
          <fieldset className="flex flex-col gap-1.5">
            <legend className="mb-1 text-sm font-medium">Status</legend>
            <div className="grid grid-cols-2 gap-1">
              {LEAD_STATUS_LIST.map((s) => (
                <label key={s} className="flex items-center gap-2 text-sm">
                  <Checkbox name="status" value={s} defaultChecked={has('status', s)} /> {LEAD_STATUS_LABELS[s]}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="flex flex-col gap-4">
            <fieldset>
              <legend className="mb-1 text-sm font-medium">Intent tier</legend>
              <div className="flex flex-wrap gap-3">
                {(['hot', 'warm', 'cold'] as const).map((t) => (
                  <label key={t} className="flex items-center gap-2 text-sm">
                    <Checkbox name="intentTier" value={t} defaultChecked={has('intentTier', t)} /> {INTENT_LABELS[t]}
                  </label>
                ))}
              </div>
            </fieldset>
            <fieldset>
              <legend className="mb-1 text-sm font-medium">Fit tier</legend>
              <div className="flex flex-wrap gap-3">
                {(['hot', 'review', 'rejected', 'unscored'] as const).map((t) => (
                  <label key={t} className="flex items-center gap-2 text-sm">
                    <Checkbox name="fitTier" value={t} defaultChecked={has('fitTier', t)} /> {FIT_LABELS[t]}
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="grid grid-cols-2 gap-2">
              <FilterSelect label="Has email" name="hasEmail" value={values.hasEmail} />
              <FilterSelect label="Has phone" name="hasPhone" value={values.hasPhone} />
            </div>
          </div>
          <div className="flex flex-col gap-3">
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="f-list">List</Label>
              <Select id="f-list" name="listId" defaultValue={values.listId ?? ''}>
                <option value="">Any list</option>
                {lists.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
              </Select>
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="f-tag">Tag</Label>
              <Select id="f-tag" name="tagId" defaultValue={values.tagId ?? ''}>
                <option value="">Any tag</option>
                {tags.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
              </Select>
            </div>
            <div className="grid grid-cols-2 gap-2">
              <div className="flex flex-col gap-1.5">
                <Label htmlFor="f-country">Country</Label>
                <Input id="f-country" name="country" defaultValue={values.country ?? ''} placeholder="e.g. DE, France" />
              </div>
              <div className="flex flex-col gap-1.5">
                <Label htmlFor="f-source">Source</Label>
                <Input id="f-source" name="source" defaultValue={values.source ?? ''} placeholder="e.g. import" />
              </div>
            </div>
            <FilterSelect label="Suppressed" name="suppressed" value={values.suppressed} />
          </div>
          <div className="flex flex-col gap-3">
            <div className="grid grid-cols-2 gap-2">
              <div className="flex flex-col gap-1.5">
                <Label htmlFor="f-from">Created from</Label>
                <Input id="f-from" name="createdFrom" type="date" defaultValue={values.createdFrom?.slice(0, 10) ?? ''} />
              </div>
              <div className="flex flex-col gap-1.5">
                <Label htmlFor="f-to">Created until</Label>
                <Input id="f-to" name="createdTo" type="date" defaultValue={values.createdTo?.slice(0, 10) ?? ''} />
              </div>
            </div>
            <fieldset className="flex flex-col gap-1.5">
              <legend className="mb-1 text-sm font-medium">Custom field equals</legend>
              {fields.length ? (
                <div className="grid grid-cols-2 gap-2">
                  <Select name="customKey" defaultValue={customKey} aria-label="Custom field">
                    <option value="">Choose a field</option>
                    {fields.map((f) => <option key={f.key} value={f.key}>{f.label}</option>)}
                  </Select>
                  <Input name="customValue" defaultValue={customValue} aria-label="Custom field value" placeholder="value" />
                </div>
              ) : (
                <p className="text-xs text-muted-foreground">No custom fields yet. Create them under Tags &amp; custom fields.</p>
              )}
            </fieldset>
            {values.importId ? <input type="hidden" name="importId" value={values.importId} /> : null}
            {values.companyId ? <input type="hidden" name="companyId" value={values.companyId} /> : null}
            <div className="mt-auto flex gap-2">
              <Button type="submit">Apply filters</Button>
              <Button type="button" variant="ghost" onClick={() => router.push(values.sort ? `/leads?sort=${values.sort}${values.dir ? `&dir=${values.dir}` : ''}` : '/leads')}>
                Reset
              </Button>
            </div>
          </div>
        </div>
      </details>
    </form>
  );
}

function FilterSelect({ label, name, value }: { label: string; name: string; value?: string }) {
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={`f-${name}`}>{label}</Label>
      <Select id={`f-${name}`} name={name} defaultValue={value ?? ''}>
        <option value="">Either</option>
        <option value="true">Yes</option>
        <option value="false">No</option>
      </Select>
    </div>
  );
}
