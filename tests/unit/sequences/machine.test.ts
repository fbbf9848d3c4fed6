import { describe, expect, it } from 'vitest';
import { decide, mapPosition, type TMachineFacts } from '../../../src/features/sequences/machine';
import { ZSteps, type TStep } from '../../../src/features/sequences/steps';

const steps = ZSteps.parse([
  { id: 's1', type: 'email', variants: [{ key: 'A', subject: 'Hi', html: '<p>x</p>' }] },
  { id: 'w1', type: 'wait', days: 2 },
  { id: 'c1', type: 'conditional', condition: 'opened', withinDays: 3, onTrue: 't1', onFalse: 's2' },
  { id: 't1', type: 'task', title: 'Call', dueInDays: 1, waitForCompletion: true },
  { id: 'h1', type: 'webhook', url: 'https://example.com/hook' },
  { id: 's2', type: 'email', thread: true, variants: [{ key: 'A', subject: '', html: '<p>y</p>' }] },
  { id: 'wa', type: 'whatsapp', body: 'Hi' },
]) as TStep[];

const now = new Date('2026-06-10T12:00:00Z');
const base = (over: Partial<TMachineFacts> = {}): TMachineFacts => ({
  now, timezone: 'UTC', lead: { suppressed: false, meetingBooked: false, hasEmail: true }, stopOnMeetingBooked: true,
  messages: {}, events: {}, tasks: {}, webhooks: new Set(), ...over,
});
const pos = (currentStepIndex: number, stepStartedAt: Date | null = null) => ({ currentStepIndex, stepStartedAt });
const sent = (iso: string) => ({ status: 'sent' as const, sentAt: new Date(iso) });

describe('the step machine', () => {
  it('asks for the first email and waits for it', () => {
    const d = decide(steps, pos(0), base());
    expect(d.actions).toEqual([{ type: 'create_email', stepIndex: 0, stepId: 's1', notBefore: now }]);
    expect(d.state).toMatchObject({ status: 'active', currentStepId: 's1', waitingReason: 'scheduled', nextStepAt: null });
  });

  it('reports the state of a pending message without making another one', () => {
    for (const [status, reason] of [['pending_approval', 'approval_pending'], ['blocked', 'missing_variable'], ['scheduled', 'scheduled'], ['sending', 'sending'], ['uncertain', 'uncertain_review']] as const) {
      const d = decide(steps, pos(0), base({ messages: { s1: { status, sentAt: null } } }));
      expect(d.actions).toEqual([]);
      expect(d.state.waitingReason).toBe(reason);
    }
  });

  it('counts a wait from the send, keeping the wall time', () => {
    const d = decide(steps, pos(0), base({ messages: { s1: sent('2026-06-10T09:30:00Z') } }));
    expect(d.state).toMatchObject({ currentStepId: 'w1', waitingReason: 'waiting_for_delay', nextStepAt: new Date('2026-06-12T09:30:00Z') });
  });

  it('waits for the condition window, then takes the false branch', () => {
    const facts = base({ now: new Date('2026-06-12T10:00:00Z'), messages: { s1: sent('2026-06-10T09:30:00Z') } });
    const waiting = decide(steps, pos(0), facts);
    expect(waiting.state).toMatchObject({ currentStepId: 'c1', waitingReason: 'waiting_for_condition', nextStepAt: new Date('2026-06-13T09:30:00Z') });
    const later = decide(steps, pos(2, new Date('2026-06-12T09:30:00Z')), { ...facts, now: new Date('2026-06-13T10:00:00Z') });
    expect(later.actions).toEqual([
      { type: 'branch', stepIndex: 2, stepId: 'c1', result: false, to: 's2' },
      { type: 'create_email', stepIndex: 5, stepId: 's2', notBefore: new Date('2026-06-13T10:00:00Z') },
    ]);
  });

  it('takes the true branch as soon as a human open is known, creating the task and holding for it', () => {
    const d = decide(steps, pos(2), base({ messages: { s1: sent('2026-06-09T09:00:00Z') }, events: { s1: { open: new Date('2026-06-09T15:00:00Z') } } }));
    expect(d.actions.map((a) => a.type)).toEqual(['branch', 'create_task']);
    expect(d.state).toMatchObject({ currentStepId: 't1', waitingReason: 'waiting_for_task', nextStepAt: null });
  });

  it('ignores an open after the window', () => {
    const d = decide(steps, pos(2), base({ now: new Date('2026-06-20T00:00:00Z'), messages: { s1: sent('2026-06-09T09:00:00Z') }, events: { s1: { open: new Date('2026-06-15T00:00:00Z') } } }));
    expect(d.actions[0]).toMatchObject({ type: 'branch', result: false, to: 's2' });
  });

  it('moves on when the task is done, queues the webhook once, then the threaded email', () => {
    const d = decide(steps, pos(3), base({ messages: { s1: sent('2026-06-09T09:00:00Z') }, tasks: { t1: 'done' } }));
    expect(d.actions.map((a) => a.type)).toEqual(['create_webhook', 'create_email']);
    const again = decide(steps, pos(3), base({ messages: { s1: sent('2026-06-09T09:00:00Z') }, tasks: { t1: 'done' }, webhooks: new Set(['h1']) }));
    expect(again.actions.map((a) => a.type)).toEqual(['create_email']);
  });

  it('skips WhatsApp steps (no number connected yet) and completes', () => {
    const d = decide(steps, pos(5), base({ messages: { s1: sent('2026-06-09T09:00:00Z'), s2: sent('2026-06-10T09:00:00Z') } }));
    expect(d.actions).toEqual([{ type: 'skip_channel', stepIndex: 6, stepId: 'wa', channel: 'whatsapp' }]);
    expect(d.state).toMatchObject({ status: 'completed', currentStepId: null, currentStepIndex: 7 });
  });

  it('stops for suppression, a booked meeting, no email address, or a refused send', () => {
    expect(decide(steps, pos(0), base({ lead: { suppressed: true, meetingBooked: false, hasEmail: true } })).state).toMatchObject({ status: 'stopped', stopReason: 'suppressed' });
    expect(decide(steps, pos(0), base({ lead: { suppressed: false, meetingBooked: true, hasEmail: true } })).state).toMatchObject({ status: 'stopped', stopReason: 'meeting_booked' });
    expect(decide(steps, pos(0), base({ lead: { suppressed: false, meetingBooked: true, hasEmail: true }, stopOnMeetingBooked: false })).state.status).toBe('active');
    expect(decide(steps, pos(0), base({ lead: { suppressed: false, meetingBooked: false, hasEmail: false } })).state).toMatchObject({ status: 'stopped', stopReason: 'no_email' });
    expect(decide(steps, pos(0), base({ messages: { s1: { status: 'failed', sentAt: null } } })).state).toMatchObject({ status: 'stopped', stopReason: 'send_failed' });
  });

  it('skips a rejected (cancelled) email and goes on', () => {
    const d = decide(steps, pos(0), base({ messages: { s1: { status: 'cancelled', sentAt: null } } }));
    expect(d.state).toMatchObject({ currentStepId: 'w1', waitingReason: 'waiting_for_delay' });
  });

  it('never creates a step twice: a decided step is not asked for again', () => {
    const facts = base({ messages: { s1: sent('2026-06-01T09:00:00Z') }, events: {}, tasks: { t1: 'done' }, webhooks: new Set(['h1']) });
    const all = decide(steps, pos(0), { ...facts, now: new Date('2026-06-30T00:00:00Z') });
    expect(all.actions.filter((a) => a.type === 'create_email').map((a) => a.stepId)).toEqual(['s2']);
  });
});

describe('moving an enrollment to a new version', () => {
  const v1 = ZSteps.parse([
    { id: 's1', type: 'email', variants: [{ key: 'A', subject: 'a', html: 'a' }] },
    { id: 'w1', type: 'wait', days: 1 },
    { id: 's2', type: 'email', variants: [{ key: 'A', subject: 'b', html: 'b' }] },
  ]) as TStep[];
  const v2 = ZSteps.parse([
    { id: 's1', type: 'email', variants: [{ key: 'A', subject: 'a', html: 'a' }] },
    { id: 'w9', type: 'wait', days: 3 },
    { id: 's3', type: 'email', variants: [{ key: 'A', subject: 'c', html: 'c' }] },
    { id: 's2', type: 'email', variants: [{ key: 'A', subject: 'b', html: 'b' }] },
  ]) as TStep[];
  it('keeps the same step when it exists, else continues after the last step it passed', () => {
    expect(mapPosition(v1, v2, 2)).toBe(3); // s2 → s2
    expect(mapPosition(v1, v2, 1)).toBe(1); // w1 gone → after s1
    expect(mapPosition(v1, v2, 3)).toBe(4); // finished stays finished
    expect(mapPosition(v1, [v2[2]!], 1)).toBeUndefined();
  });
});
