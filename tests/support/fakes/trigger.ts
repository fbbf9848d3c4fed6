/**
 * Fake Trigger.dev API: POST /api/v1/tasks/{taskId}/trigger, as the SDK's apiClient.triggerTask sends it.
 * Validates the body with the SDK's own TriggerTaskRequestBody schema, decodes the payload packet, keeps
 * idempotency keys (a repeat returns the same run, isCached), and answers { id: 'run_…' }.
 */
import { randomBytes } from 'node:crypto';
import { TriggerTaskRequestBody } from '@trigger.dev/core/v3/schemas';
import { parsePacket } from '@trigger.dev/core/v3/utils/ioSerialization';
import { bearer, startRecordingServer, type TFake, type TReply } from './http';

export type TTriggeredRun = { id: string; taskId: string; payload: unknown; options: Record<string, unknown> };

export async function startFakeTrigger(opts: { secretKey: string; failWith?: TReply }): Promise<TFake<{ runs: TTriggeredRun[]; fail(reply?: TReply): void }>> {
  const runs: TTriggeredRun[] = [];
  const byKey = new Map<string, string>();
  let failWith = opts.failWith;
  const fake = await startRecordingServer(async (req) => {
    if (bearer(req) !== opts.secretKey) return { status: 401, body: { error: 'Invalid API Key' }, headers: { 'x-should-retry': 'false' } };
    const m = /^\/api\/v1\/tasks\/([^/]+)\/trigger$/.exec(req.path);
    if (req.method !== 'POST' || !m) return { status: 404, body: { error: 'Not found' } };
    if (failWith) return failWith;
    const parsed = TriggerTaskRequestBody.safeParse(req.json);
    if (!parsed.success) return { status: 400, body: { error: `Invalid request body: ${parsed.error.message}` }, headers: { 'x-should-retry': 'false' } };
    const taskId = decodeURIComponent(m[1]!);
    const options = (parsed.data.options ?? {}) as Record<string, unknown>;
    const key = typeof options.idempotencyKey === 'string' ? `${taskId}:${options.idempotencyKey}` : undefined;
    const cached = key ? byKey.get(key) : undefined;
    if (cached) return { status: 200, body: { id: cached, isCached: true }, headers: { 'x-trigger-jwt': 'fake.jwt.token' } };
    const payload = await parsePacket({ data: parsed.data.payload as string | undefined, dataType: String(options.payloadType ?? 'application/json') });
    const id = `run_${randomBytes(12).toString('hex')}`;
    runs.push({ id, taskId, payload, options });
    if (key) byKey.set(key, id);
    return { status: 200, body: { id }, headers: { 'x-trigger-jwt': 'fake.jwt.token' } };
  });
  return Object.assign(fake, { runs, fail: (reply?: TReply) => void (failWith = reply) });
}
