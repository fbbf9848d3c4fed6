'use client';
import { useId, useState } from 'react';
import { Braces } from 'lucide-react';
import { Button, Input, Select } from '@/components/ui';
import type { TVariable } from './builder-types';

/** `{{name}}` or `{{name|fallback}}` (braces cannot appear in a fallback, so they are left out). */
export function variableToken(name: string, fallback: string): string {
  const f = fallback.trim().replace(/[{}]/g, '');
  return f ? `{{${name}|${f}}}` : `{{${name}}}`;
}

/**
 * Picks a variable (lead, company, sender, custom fields) and inserts it, with an optional fallback,
 * at the cursor of the field the user was last in.
 */
export function VariablePicker({ variables, target, onInsert, disabled }: {
  variables: TVariable[];
  /** What the insertion goes into ("the subject of variant A"), or null when no field was focused yet. */
  target: string | null;
  onInsert: (token: string) => void;
  disabled?: boolean;
}) {
  const id = useId();
  const [name, setName] = useState(variables[0]?.name ?? 'first_name');
  const [fallback, setFallback] = useState('');
  const groups = [...new Set(variables.map((v) => v.group))];
  return (
    <div className="flex flex-col gap-2 rounded-md border bg-muted/30 p-3" data-testid="variable-picker">
      <p className="flex items-center gap-1.5 text-xs font-medium">
        <Braces className="h-3.5 w-3.5" aria-hidden /> Insert a variable {target ? <span className="font-normal text-muted-foreground">into {target}</span> : <span className="font-normal text-muted-foreground">— click into a field first</span>}
      </p>
      <div className="flex flex-wrap items-end gap-2">
        <div className="flex min-w-48 flex-1 flex-col gap-1">
          <label htmlFor={`${id}-var`} className="text-xs text-muted-foreground">Variable</label>
          <Select id={`${id}-var`} className="h-8" value={name} onChange={(e) => setName(e.target.value)} disabled={disabled}>
            {groups.map((g) => (
              <optgroup key={g} label={g}>
                {variables.filter((v) => v.group === g).map((v) => <option key={v.name} value={v.name}>{`{{${v.name}}} — ${v.label}`}</option>)}
              </optgroup>
            ))}
          </Select>
        </div>
        <div className="flex w-40 flex-col gap-1">
          <label htmlFor={`${id}-fb`} className="text-xs text-muted-foreground">Fallback (when empty)</label>
          <Input id={`${id}-fb`} className="h-8" value={fallback} onChange={(e) => setFallback(e.target.value)} placeholder="e.g. there" disabled={disabled} />
        </div>
        <Button
          type="button"
          size="sm"
          variant="outline"
          disabled={disabled || !target}
          onMouseDown={(e) => e.preventDefault() /* keep the caret where it is */}
          onClick={() => onInsert(variableToken(name, fallback))}
        >
          Insert {variableToken(name, fallback)}
        </Button>
      </div>
      <p className="text-xs text-muted-foreground">
        A variable with no value and no fallback holds that lead&apos;s email back (it never sends a raw {'{{…}}'}). Spintax: {'{Hi|Hello}'} picks one per lead.
      </p>
    </div>
  );
}
