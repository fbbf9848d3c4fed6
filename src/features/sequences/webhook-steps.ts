/**
 * Webhook steps (S2): a signed JSON POST to the step's URL through the SSRF-safe fetcher, run as a job
 * (3 attempts with backoff), recorded in webhook_executions. The signature header is
 * `X-LeadPilot-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with the
 * sequence's signing secret; `X-LeadPilot-Event-Id` lets the receiver drop repeats.
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { asService, one, sql, type Db } from '@/db';
import { decryptSecret } from '@/lib/crypto';
import { AppError } from '@/lib/errors';
import { defineTask } from '@/lib/jobs';
import { safeFetch, type TAllowList } from '@/lib/safe-fetch';
import type { TStep } from './steps';

export const WEBHOOK_SIGNATURE_HEADER = 'X-LeadPilot-Signature';

/** The signature of a payload, as a receiver recomputes it. */
export function signWebhookPayload(secret: string, body: string, t: number): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

type TExecFacts = {
  id: string; org_id: string; enrollment_id: string; campaign_id: string | null; lead_id: string | null; step_id: string; url: string; status: string; attempts: number;
  webhook_secret: string | null; steps: TStep[]; campaign_name: string | null;
  lead: Record<string, unknown> | null;
};

export type TWebhookDeps = { db: Db; now?: () => Date; allowForTests?: TAllowList; timeoutMs?: number };

/** Sends one webhook execution (idempotent: a succeeded one is not sent again). */
export async function runWebhookExecution(deps: TWebhookDeps, input: { executionId: string }): Promise<{ status: 'succeeded' | 'skipped'; responseStatus?: number }> {
  const x = await asService(deps.db, (tx) =>
    one<TExecFacts>(
      tx,
      sql`update public.webhook_executions w set attempts = w.attempts + 1 where w.id = ${input.executionId}::uuid
          returning w.id, w.org_id, w.enrollment_id, w.campaign_id, w.lead_id, w.step_id, w.url, w.status, w.attempts,
            (select s.webhook_secret from public.enrollments e join public.sequence_versions v on v.id = e.sequence_version_id
               join public.sequences s on s.id = v.sequence_id where e.id = w.enrollment_id) as webhook_secret,
            (select v.steps from public.enrollments e join public.sequence_versions v on v.id = e.sequence_version_id where e.id = w.enrollment_id) as steps,
            (select c.name from public.campaigns c where c.id = w.campaign_id) as campaign_name,
            (select jsonb_build_object('id', l.id, 'email', l.email, 'firstName', l.first_name, 'lastName', l.last_name, 'title', l.title,
                                       'companyName', l.company_name, 'phone', l.phone, 'linkedinUrl', l.linkedin_url, 'customFields', l.custom_fields)
               from public.leads l where l.id = w.lead_id) as lead`,
    ),
  );
  if (!x) throw new AppError('NOT_FOUND', 'That webhook execution does not exist.');
  if (x.status === 'succeeded') return { status: 'skipped' };
  const step = (x.steps ?? []).find((s) => s.id === x.step_id);
  const includeLead = step?.type === 'webhook' ? step.includeLead : true;
  const now = deps.now?.() ?? new Date();
  const payload = {
    id: x.id,
    type: 'sequence.step.webhook',
    createdAt: now.toISOString(),
    organizationId: x.org_id,
    campaign: x.campaign_id ? { id: x.campaign_id, name: x.campaign_name } : null,
    enrollmentId: x.enrollment_id,
    stepId: x.step_id,
    lead: includeLead ? x.lead : x.lead ? { id: x.lead.id } : null,
  };
  const body = JSON.stringify(payload);
  const t = Math.floor(now.getTime() / 1000);
  const secret = x.webhook_secret ? decryptSecret(x.webhook_secret) : '';
  try {
    const res = await safeFetch(x.url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', [WEBHOOK_SIGNATURE_HEADER]: signWebhookPayload(secret, body, t), 'X-LeadPilot-Event-Id': x.id },
      timeoutMs: deps.timeoutMs ?? 10_000,
      maxBytes: 64_000,
      allowForTests: deps.allowForTests,
    });
    const excerpt = res.body.toString('utf8').slice(0, 500);
    if (res.status >= 200 && res.status < 300) {
      await asService(deps.db, (tx) =>
        tx.execute(sql`update public.webhook_executions set status = 'succeeded', response_status = ${res.status}, response_excerpt = ${excerpt}, error = null, finished_at = now()
                       where id = ${x.id}::uuid`),
      );
      return { status: 'succeeded', responseStatus: res.status };
    }
    throw new AppError('UPSTREAM', `The webhook answered HTTP ${res.status}.`, { details: { status: res.status, excerpt } });
  } catch (e) {
    const err = e as AppError;
    const refused = err.code === 'INVALID_INPUT'; // a private address: retrying cannot help
    const finalAttempt = refused || x.attempts >= 3;
    await asService(deps.db, (tx) =>
      tx.execute(sql`update public.webhook_executions set status = ${finalAttempt ? 'failed' : 'pending'}, error = ${String(err.message).slice(0, 2000)},
                       response_status = ${(err.details?.status as number | undefined) ?? null}, finished_at = ${finalAttempt ? sql`now()` : sql`null`}
                     where id = ${x.id}::uuid`),
    );
    throw e;
  }
}

export const runWebhookTask = defineTask({
  id: 'sequences.run-webhook',
  schema: z.object({ executionId: z.uuid() }),
  queue: { name: 'sequence-webhooks', concurrencyLimit: 5 },
  run: (payload, { db }) => runWebhookExecution({ db }, payload),
});
