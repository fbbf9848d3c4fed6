/**
 * The step machine: given an enrollment, its pinned steps and what has happened so far, what to do now
 * and where the enrollment stands afterwards. Pure; the advance job reads the facts, calls this and
 * writes the actions in bulk. Steps are walked forward only, so every step runs at most once per
 * enrollment (S15); instant steps (task, webhook, a decided condition) run in the same pass.
 */
import type { TMessageStatus, TStopReason, TWaitingReason } from '@/db/schema';
import { waitUntil } from './schedule';
import { conditionRef, targetIndex, type TStep } from './steps';

export type TEventKind = 'open' | 'click' | 'reply';

export type TMachineFacts = {
  now: Date;
  /** The zone waits are counted in (the lead's, else the campaign's): "wait 2 days" keeps the wall time. */
  timezone: string;
  lead: { suppressed: boolean; meetingBooked: boolean; hasEmail: boolean };
  stopOnMeetingBooked: boolean;
  /** This enrollment's messages by step id. */
  messages: Record<string, { status: TMessageStatus; sentAt: Date | null }>;
  /** First human events of this enrollment's messages, by the message's step id. */
  events: Record<string, Partial<Record<TEventKind, Date>>>;
  /** This enrollment's tasks by step id. */
  tasks: Record<string, 'open' | 'done' | 'skipped'>;
  /** Step ids whose webhook already ran (or is queued). */
  webhooks: ReadonlySet<string>;
};

export type TEnrollmentPosition = { currentStepIndex: number; stepStartedAt: Date | null };

export type TMachineAction =
  | { type: 'create_email'; stepIndex: number; stepId: string; notBefore: Date }
  | { type: 'create_task'; stepIndex: number; stepId: string; dueAt: Date }
  | { type: 'create_webhook'; stepIndex: number; stepId: string }
  | { type: 'skip_channel'; stepIndex: number; stepId: string; channel: 'whatsapp' | 'sms' }
  | { type: 'branch'; stepIndex: number; stepId: string; result: boolean; to: string };

export type TMachineState = {
  status: 'active' | 'completed' | 'stopped';
  stopReason?: TStopReason;
  currentStepIndex: number;
  currentStepId: string | null;
  stepStartedAt: Date | null;
  /** When to look again; null when an event (a send, an approval, a task) wakes it. */
  nextStepAt: Date | null;
  waitingReason: TWaitingReason | null;
  waitingDetail: Record<string, unknown>;
};

export type TDecision = { actions: TMachineAction[]; state: TMachineState };

const EVENT_OF = { opened: 'open', clicked: 'click', replied: 'reply' } as const;

const WAITING_OF: Partial<Record<TMessageStatus, TWaitingReason>> = {
  pending_approval: 'approval_pending',
  blocked: 'missing_variable',
  scheduled: 'scheduled',
  sending: 'sending',
  uncertain: 'uncertain_review',
};

export function decide(steps: TStep[], pos: TEnrollmentPosition, f: TMachineFacts): TDecision {
  const actions: TMachineAction[] = [];
  let i = pos.currentStepIndex;
  let started = pos.stepStartedAt ?? f.now;
  const state = (s: Partial<TMachineState> & Pick<TMachineState, 'status'>): TDecision => ({
    actions,
    state: {
      currentStepIndex: i,
      currentStepId: steps[i]?.id ?? null,
      stepStartedAt: started,
      nextStepAt: null,
      waitingReason: null,
      waitingDetail: {},
      ...s,
    },
  });
  const stop = (reason: TStopReason) => state({ status: 'stopped', stopReason: reason });

  if (f.lead.suppressed) return stop('suppressed');
  if (f.lead.meetingBooked && f.stopOnMeetingBooked) return stop('meeting_booked');

  for (let guard = 0; guard <= steps.length + 1; guard++) {
    const step = steps[i];
    if (!step) return state({ status: 'completed', currentStepIndex: steps.length, stepStartedAt: null });
    switch (step.type) {
      case 'wait': {
        const due = waitUntil(started, step.days, step.hours, f.timezone);
        if (f.now < due) return state({ status: 'active', nextStepAt: due, waitingReason: 'waiting_for_delay', waitingDetail: { until: due.toISOString() } });
        i++;
        started = due;
        continue;
      }
      case 'email': {
        if (!f.lead.hasEmail) return stop('no_email');
        const m = f.messages[step.id];
        if (!m) {
          actions.push({ type: 'create_email', stepIndex: i, stepId: step.id, notBefore: started });
          return state({ status: 'active', waitingReason: 'scheduled' });
        }
        if (m.status === 'sent' || m.status === 'bounced') {
          i++;
          started = m.sentAt ?? f.now;
          continue;
        }
        if (m.status === 'cancelled') {
          i++;
          started = f.now;
          continue;
        }
        if (m.status === 'failed') return stop('send_failed');
        return state({ status: 'active', waitingReason: WAITING_OF[m.status] ?? 'scheduled' });
      }
      case 'task': {
        const t = f.tasks[step.id];
        if (!t) actions.push({ type: 'create_task', stepIndex: i, stepId: step.id, dueAt: new Date(f.now.getTime() + step.dueInDays * 86_400_000) });
        if (step.waitForCompletion && (t === undefined || t === 'open')) {
          return state({ status: 'active', waitingReason: 'waiting_for_task', waitingDetail: { title: step.title } });
        }
        i++;
        started = f.now;
        continue;
      }
      case 'conditional': {
        const ref = conditionRef(steps, i)!;
        const m = f.messages[ref];
        let happened = false;
        if (m && (m.status === 'sent' || m.status === 'bounced') && m.sentAt) {
          const deadline = new Date(m.sentAt.getTime() + step.withinDays * 86_400_000);
          const ev = f.events[ref]?.[EVENT_OF[step.condition]];
          if (ev && ev <= deadline) happened = true;
          else if (f.now < deadline) {
            return state({
              status: 'active', nextStepAt: deadline, waitingReason: 'waiting_for_condition',
              waitingDetail: { condition: step.condition, negate: step.negate, withinDays: step.withinDays, until: deadline.toISOString() },
            });
          }
        }
        const result = step.negate ? !happened : happened;
        const to = result ? step.onTrue : step.onFalse;
        actions.push({ type: 'branch', stepIndex: i, stepId: step.id, result, to });
        i = targetIndex(steps, i, to);
        started = f.now;
        continue;
      }
      case 'webhook': {
        if (!f.webhooks.has(step.id)) actions.push({ type: 'create_webhook', stepIndex: i, stepId: step.id });
        i++;
        started = f.now;
        continue;
      }
      case 'whatsapp':
      case 'sms': {
        actions.push({ type: 'skip_channel', stepIndex: i, stepId: step.id, channel: step.type });
        i++;
        continue;
      }
    }
  }
  return state({ status: 'completed', currentStepIndex: steps.length, stepStartedAt: null });
}

/**
 * Where an enrollment moved to a new version continues: at the step with the same id if the new
 * version has it, else at the first step after the last step (by id) it already passed.
 */
export function mapPosition(oldSteps: TStep[], newSteps: TStep[], currentStepIndex: number): number | undefined {
  const current = oldSteps[currentStepIndex];
  if (!current) return newSteps.length;
  const same = newSteps.findIndex((s) => s.id === current.id);
  if (same >= 0) return same;
  for (let k = currentStepIndex - 1; k >= 0; k--) {
    const j = newSteps.findIndex((s) => s.id === oldSteps[k]!.id);
    if (j >= 0) return j + 1;
  }
  return undefined;
}
