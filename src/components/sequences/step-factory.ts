/** New steps with sensible defaults, ids, and one-line summaries for the builder. Pure. */
import type { TStep, TStepType } from '@/features/sequences';
import { STEP_TYPE_LABELS, TASK_TYPE_LABELS } from './labels';

/** A step id unique within the list: the type's letter and a short random part. */
export function newStepId(type: TStepType, taken: Set<string>): string {
  for (;;) {
    const id = `${type[0]}${Math.random().toString(36).slice(2, 7)}`;
    if (!taken.has(id)) return id;
  }
}

export function newStep(type: TStepType, steps: TStep[]): TStep {
  const id = newStepId(type, new Set(steps.map((s) => s.id)));
  const hasEmail = steps.some((s) => s.type === 'email');
  switch (type) {
    case 'email':
      return {
        id, type, thread: hasEmail,
        variants: [{ key: 'A', weight: 100, subject: hasEmail ? '' : 'Quick question, {{first_name|there}}', html: '<p>Hi {{first_name|there}},</p><p></p><p>{{sender_name}}</p>' }],
      };
    case 'wait':
      return { id, type, days: 2, hours: 0 };
    case 'task':
      return { id, type, title: 'Call {{first_name|the lead}} at {{company|their company}}', taskType: 'call', assignee: 'campaign_owner', dueInDays: 1, waitForCompletion: false };
    case 'conditional':
      return { id, type, condition: 'opened', negate: false, withinDays: 3, onTrue: 'next', onFalse: 'end' };
    case 'webhook':
      return { id, type, url: 'https://', includeLead: true };
    case 'whatsapp':
    case 'sms':
      return { id, type, body: 'Hi {{first_name|there}}, ' };
  }
}

const plainSubject = (s: string) => s.replace(/\s+/g, ' ').trim();

/** What a step does, in one line (the collapsed card). */
export function stepSummary(s: TStep, steps: TStep[]): string {
  const name = (id: string) => {
    if (id === 'next') return 'the next step';
    if (id === 'end') return 'the end';
    const i = steps.findIndex((x) => x.id === id);
    return i >= 0 ? `step ${i + 1}` : `“${id}”`;
  };
  switch (s.type) {
    case 'email': {
      const v = s.variants[0];
      const what = s.thread ? 'Reply in the same thread' : v?.subject ? `“${plainSubject(v.subject)}”` : 'No subject yet';
      return `${what}${s.variants.length > 1 ? ` · ${s.variants.length} variants (A/B)` : ''}`;
    }
    case 'wait':
      return `Wait ${[s.days ? `${s.days} day${s.days === 1 ? '' : 's'}` : '', s.hours ? `${s.hours} hour${s.hours === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ') || '0 hours'}`;
    case 'task':
      return `${TASK_TYPE_LABELS[s.taskType] ?? 'Task'}: ${s.title || 'no title'} · due after ${s.dueInDays} day${s.dueInDays === 1 ? '' : 's'}${s.waitForCompletion ? ' · waits until done' : ''}`;
    case 'conditional':
      return `If ${s.negate ? 'not ' : ''}${s.condition} within ${s.withinDays} day${s.withinDays === 1 ? '' : 's'} → ${name(s.onTrue)}, else → ${name(s.onFalse)}`;
    case 'webhook':
      return `POST to ${s.url}`;
    case 'whatsapp':
    case 'sms':
      return `${STEP_TYPE_LABELS[s.type]}: ${s.body.slice(0, 80)}`;
  }
}

/** The next free variant key (A, B, … E). */
export function nextVariantKey(keys: string[]): string | undefined {
  return ['A', 'B', 'C', 'D', 'E'].find((k) => !keys.includes(k));
}
