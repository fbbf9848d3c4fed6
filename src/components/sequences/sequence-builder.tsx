'use client';
/**
 * The sequence builder (S2, S3, S12, S14), used for templates and campaign sequences: a sortable list
 * of steps (drag with the mouse, or focus a handle and use space + arrow keys), an editor per step, a
 * variable picker, the server's validation next to each step, and a live preview against a real lead.
 * The page around it owns saving; this component edits `state.steps`.
 */
import { useRef, useState, useTransition, type CSSProperties, type ReactNode } from 'react';
import {
  DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type Announcements, type DragEndEvent,
} from '@dnd-kit/core';
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import {
  ChevronDown, ChevronUp, Clock, GitBranch, GripVertical, ListTodo, Mail, MessageCircle, MessageSquare, ShieldCheck, Trash2, Webhook,
} from 'lucide-react';
import { Alert, Badge, Button, Card, CardContent, CardDescription, CardHeader, CardTitle, cn } from '@/components/ui';
import type { TStep, TStepType } from '@/features/sequences';
import type { TBuilderContext, TBuilderServices, TStepErrors, TStepNotes } from './builder-types';
import { STEP_TYPE_LABELS } from './labels';
import { PreviewPanel } from './preview-panel';
import { newStep, stepSummary } from './step-factory';
import {
  ConditionEditor, EmailEditor, TaskEditor, TextMessageEditor, WaitEditor, WebhookEditor, type TEditorProps, type TFocusTarget,
} from './step-editors';
import { VariablePicker } from './variable-picker';

export type TBuilderState = {
  steps: TStep[];
  setSteps: (s: TStep[]) => void;
  errors: TStepErrors;
  setErrors: (e: TStepErrors) => void;
  notes: TStepNotes;
  setNotes: (n: TStepNotes) => void;
};

const NO_NOTES: TStepNotes = { warnings: [], removed: [] };

/** The builder's state; the page keeps it so its save button can send the steps and show the answer. */
export function useBuilderState(initial: TStep[]): TBuilderState {
  const [steps, setStepsRaw] = useState<TStep[]>(initial);
  const [errors, setErrors] = useState<TStepErrors>({});
  const [notes, setNotes] = useState<TStepNotes>(NO_NOTES);
  return { steps, setSteps: setStepsRaw, errors, setErrors, notes, setNotes };
}

const ICONS: Record<TStepType, typeof Mail> = {
  email: Mail, wait: Clock, task: ListTodo, conditional: GitBranch, webhook: Webhook, whatsapp: MessageCircle, sms: MessageSquare,
};

const ADDABLE: { type: TStepType; hint?: string }[] = [
  { type: 'email' }, { type: 'wait' }, { type: 'task' }, { type: 'conditional' }, { type: 'webhook' },
  { type: 'whatsapp', hint: 'sent once a messaging number is connected' }, { type: 'sms', hint: 'sent once a messaging number is connected' },
];

/** Sets a value at a dotted path ("variants.0.subject") of a step, returning a new step. */
function setPath(step: TStep, path: string, value: string): TStep {
  const copy = structuredClone(step) as unknown as Record<string, unknown>;
  const parts = path.split('.');
  let cur: Record<string, unknown> | unknown[] = copy;
  for (const p of parts.slice(0, -1)) {
    const next = (cur as Record<string, unknown>)[p];
    if (!next || typeof next !== 'object') return step; // the field no longer exists (a variant was removed)
    cur = next as Record<string, unknown>;
  }
  (cur as Record<string, unknown>)[parts[parts.length - 1]!] = value;
  return copy as unknown as TStep;
}

export function SequenceBuilder({ state, ctx, services, readOnly, campaignId, mailboxId, toolbar }: {
  state: TBuilderState;
  ctx: TBuilderContext;
  services: TBuilderServices;
  readOnly?: boolean;
  campaignId?: string;
  mailboxId?: string;
  /** The page's own buttons (Save…), shown beside "Check for problems". */
  toolbar?: ReactNode;
}) {
  const { steps, setSteps, errors, setErrors, notes, setNotes } = state;
  const [open, setOpen] = useState<string | null>(steps[0]?.id ?? null);
  const [previewId, setPreviewId] = useState<string | null>(steps[0]?.id ?? null);
  const [focusLabel, setFocusLabel] = useState<string | null>(null);
  const focus = useRef<TFocusTarget | null>(null);
  const [checkMsg, setCheckMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [checking, start] = useTransition();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));

  const position = (id: string | number) => steps.findIndex((s) => s.id === id) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up step ${position(active.id)}. Use the arrow keys to move it, space to drop it, escape to cancel.`,
    onDragOver: ({ active, over }) => (over ? `Step ${position(active.id)} is over position ${position(over.id)}.` : `Step ${position(active.id)} is no longer over a position.`),
    onDragEnd: ({ active, over }) => (over ? `Step ${position(active.id)} was dropped at position ${position(over.id)}.` : `Step ${position(active.id)} was dropped.`),
    onDragCancel: ({ active }) => `Moving step ${position(active.id)} was cancelled.`,
  };

  const change = (next: TStep[]) => {
    setSteps(next);
    setCheckMsg(null);
  };
  const update = (s: TStep) => change(steps.map((x) => (x.id === s.id ? s : x)));
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    change(arrayMove(steps, steps.findIndex((s) => s.id === active.id), steps.findIndex((s) => s.id === over.id)));
  };
  const add = (type: TStepType) => {
    const s = newStep(type, steps);
    change([...steps, s]);
    setOpen(s.id);
    setPreviewId(s.id);
  };
  const remove = (id: string) => {
    const i = position(id);
    if (!window.confirm(`Remove step ${i} (${STEP_TYPE_LABELS[steps[i - 1]!.type]})? Leads already past it are not affected until you save.`)) return;
    change(steps.filter((s) => s.id !== id));
  };
  const onFocusField = (t: TFocusTarget) => {
    focus.current = t;
    setFocusLabel(`${t.label} (step ${position(t.stepId)})`);
    setPreviewId(t.stepId);
  };
  const insert = (token: string) => {
    const t = focus.current;
    const step = t && steps.find((s) => s.id === t.stepId);
    if (!t || !step || !t.el.isConnected) {
      // The field is gone (its step was closed, or another variant is shown): ask for a click into one.
      focus.current = null;
      setFocusLabel(null);
      return;
    }
    const el = t.el;
    const from = el.selectionStart ?? el.value.length;
    const to = el.selectionEnd ?? from;
    update(setPath(step, t.path, el.value.slice(0, from) + token + el.value.slice(to)));
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(from + token.length, from + token.length);
    });
  };
  const check = () =>
    start(async () => {
      const r = await services.check(null, { steps });
      if (r.ok) {
        setErrors({});
        setNotes(r.data ?? NO_NOTES);
        setCheckMsg({ ok: true, text: r.message ?? 'No problems found.' });
      } else {
        setErrors(r.error.fields ?? {});
        setCheckMsg({ ok: false, text: r.error.message });
      }
    });

  const listErrors = errors._ ?? [];
  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]" data-testid="sequence-builder">
      <div className="flex min-w-0 flex-col gap-4">
        {!readOnly ? <VariablePicker variables={ctx.variables} target={focusLabel} onInsert={insert} /> : null}
        {listErrors.map((m) => <Alert key={m} variant="error">{m}</Alert>)}
        <DndContext id="sequence-builder" sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={{ announcements }}>
          <SortableContext items={steps.map((s) => s.id)} strategy={verticalListSortingStrategy}>
            <ol className="flex flex-col gap-3" aria-label="Steps">
              {steps.map((s, i) => (
                <StepCard
                  key={s.id}
                  step={s}
                  index={i}
                  steps={steps}
                  open={open === s.id}
                  readOnly={readOnly}
                  onToggle={() => {
                    setOpen(open === s.id ? null : s.id);
                    setPreviewId(s.id);
                  }}
                  onRemove={() => remove(s.id)}
                  editor={{ step: s, steps, index: i, errors, notes, ctx, readOnly, onChange: update, onFocusField }}
                />
              ))}
            </ol>
          </SortableContext>
        </DndContext>
        {steps.length === 0 ? <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">No steps yet. Add the first email below.</p> : null}
        {!readOnly ? (
          <div className="flex flex-wrap items-center gap-2 rounded-lg border border-dashed p-3" data-testid="add-step">
            <span className="text-sm font-medium">Add a step:</span>
            {ADDABLE.map(({ type, hint }) => {
              const Icon = ICONS[type];
              return (
                <Button key={type} type="button" variant="outline" size="sm" onClick={() => add(type)} title={hint} disabled={steps.length >= 50}>
                  <Icon className="h-3.5 w-3.5" aria-hidden /> {STEP_TYPE_LABELS[type]}{hint ? '*' : ''}
                </Button>
              );
            })}
            <p className="w-full text-xs text-muted-foreground">* WhatsApp and SMS steps are sent once a messaging number is connected; until then they are skipped.</p>
          </div>
        ) : null}
        <div className="flex flex-wrap items-center gap-2">
          {toolbar}
          {!readOnly ? (
            <Button type="button" variant="outline" onClick={check} disabled={checking}>
              <ShieldCheck className="h-4 w-4" aria-hidden /> {checking ? 'Checking…' : 'Check for problems'}
            </Button>
          ) : null}
        </div>
        {checkMsg ? <Alert variant={checkMsg.ok ? 'success' : 'error'} data-testid="check-result">{checkMsg.text}</Alert> : null}
      </div>
      <Card className="h-fit xl:sticky xl:top-4">
        <CardHeader>
          <CardTitle>Preview with a real lead</CardTitle>
          <CardDescription>See exactly what a lead would get, or why their email would be held back.</CardDescription>
        </CardHeader>
        <CardContent>
          <PreviewPanel steps={steps} stepId={previewId} onStepChange={setPreviewId} services={services} campaignId={campaignId} mailboxes={ctx.mailboxes} mailboxId={mailboxId} />
        </CardContent>
      </Card>
    </div>
  );
}

function StepCard({ step, index, steps, open, readOnly, onToggle, onRemove, editor }: {
  step: TStep;
  index: number;
  steps: TStep[];
  open: boolean;
  readOnly?: boolean;
  onToggle: () => void;
  onRemove: () => void;
  editor: TEditorProps<TStep>;
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: step.id, disabled: readOnly });
  const style: CSSProperties = { transform: CSS.Transform.toString(transform), transition };
  const Icon = ICONS[step.type];
  const mine = Object.entries(editor.errors).filter(([k]) => k === step.id || k.startsWith(`${step.id}.`));
  const problemCount = mine.reduce((n, [, v]) => n + v.length, 0);
  const warnings = editor.notes.warnings.filter((w) => w.key === step.id || w.key.startsWith(`${step.id}.`));
  return (
    <li ref={setNodeRef} style={style} className={cn('rounded-lg border bg-background shadow-sm', isDragging && 'relative z-10 shadow-lg', problemCount && 'border-destructive/60')} data-testid="step-card" data-step-type={step.type}>
      <div className="flex items-center gap-2 p-3">
        {!readOnly ? (
          <button
            type="button"
            ref={setActivatorNodeRef}
            {...attributes}
            {...listeners}
            aria-label={`Move step ${index + 1}`}
            className="cursor-grab touch-none rounded p-1 text-muted-foreground hover:bg-muted active:cursor-grabbing"
          >
            <GripVertical className="h-4 w-4" aria-hidden />
          </button>
        ) : null}
        <span className="flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-secondary text-xs font-semibold">{index + 1}</span>
        <Icon className="h-4 w-4 shrink-0 text-muted-foreground" aria-hidden />
        <button type="button" onClick={onToggle} className="flex min-w-0 flex-1 cursor-pointer items-baseline gap-2 text-left" aria-expanded={open}>
          <span className="text-sm font-medium">{step.name || STEP_TYPE_LABELS[step.type]}</span>
          <span className="truncate text-sm text-muted-foreground" data-testid="step-summary">{stepSummary(step, steps)}</span>
        </button>
        {problemCount ? <Badge variant="danger">{problemCount} problem{problemCount === 1 ? '' : 's'}</Badge> : null}
        {warnings.length ? <Badge variant="warning">{warnings.length} warning{warnings.length === 1 ? '' : 's'}</Badge> : null}
        <Button type="button" variant="ghost" size="sm" onClick={onToggle} aria-label={`${open ? 'Close' : 'Edit'} step ${index + 1}`}>
          {open ? <ChevronUp className="h-4 w-4" aria-hidden /> : <ChevronDown className="h-4 w-4" aria-hidden />}
          {open ? 'Close' : readOnly ? 'View' : 'Edit'}
        </Button>
        {!readOnly ? (
          <Button type="button" variant="ghost" size="sm" onClick={onRemove} aria-label={`Remove step ${index + 1}`}>
            <Trash2 className="h-4 w-4" aria-hidden />
          </Button>
        ) : null}
      </div>
      {mine.length && !open ? (
        <ul className="px-12 pb-3 text-xs text-destructive" data-testid="step-errors">
          {mine.flatMap(([, v]) => v).map((m) => <li key={m}>{m}</li>)}
        </ul>
      ) : null}
      {open ? (
        <div className="flex flex-col gap-4 border-t p-4">
          {(editor.errors[step.id] ?? []).map((m) => <Alert key={m} variant="error" data-testid="step-errors">{m}</Alert>)}
          {warnings.length ? (
            <Alert variant="warning">
              <ul className="list-disc pl-4">{warnings.map((w) => <li key={`${w.key}${w.message}`}>{w.message}</li>)}</ul>
            </Alert>
          ) : null}
          <Editor {...editor} />
        </div>
      ) : null}
    </li>
  );
}

function Editor(p: TEditorProps<TStep>) {
  const s = p.step;
  switch (s.type) {
    case 'email':
      return <EmailEditor {...p} step={s} />;
    case 'wait':
      return <WaitEditor {...p} step={s} />;
    case 'task':
      return <TaskEditor {...p} step={s} />;
    case 'conditional':
      return <ConditionEditor {...p} step={s} />;
    case 'webhook':
      return <WebhookEditor {...p} step={s} />;
    case 'whatsapp':
    case 'sms':
      return <TextMessageEditor {...p} step={s} />;
  }
}
