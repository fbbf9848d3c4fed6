/**
 * Fake Resend API: POST /emails with `Authorization: Bearer re_…`, answering { id } like the real one,
 * and its error shapes ({ statusCode, name, message }) for a validation error (422) or an outage (500).
 * `Idempotency-Key` repeats return the first email's id.
 */
import { randomUUID } from 'node:crypto';
import { bearer, startRecordingServer, type TFake, type TReply } from './http';

export type TResendEmail = {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html?: string;
  text?: string;
  reply_to?: string | string[];
  headers?: Record<string, string>;
  tags?: { name: string; value: string }[];
  idempotencyKey?: string;
};

export const RESEND_ERRORS = {
  validation: { status: 422, body: { statusCode: 422, name: 'validation_error', message: 'The `to` field must be a valid email address.' } },
  outage: { status: 500, body: { statusCode: 500, name: 'internal_server_error', message: 'An unexpected error occurred.' } },
  rateLimited: { status: 429, body: { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests.' } },
} satisfies Record<string, TReply>;

export async function startFakeResend(opts: { apiKey: string }): Promise<TFake<{ emails: TResendEmail[]; fail(reply?: TReply): void }>> {
  const emails: TResendEmail[] = [];
  const byKey = new Map<string, string>();
  let failWith: TReply | undefined;
  const fake = await startRecordingServer((req) => {
    if (bearer(req) !== opts.apiKey) return { status: 401, body: { statusCode: 401, name: 'validation_error', message: 'API key is invalid' } };
    if (req.method !== 'POST' || req.path !== '/emails') return { status: 404, body: { statusCode: 404, name: 'not_found', message: 'Not found' } };
    if (failWith) return failWith;
    const b = req.json as Partial<TResendEmail> | undefined;
    const to = b?.to === undefined ? [] : Array.isArray(b.to) ? b.to : [b.to];
    if (!b?.from || !b.subject || to.length === 0) {
      return { status: 422, body: { statusCode: 422, name: 'missing_required_field', message: 'Missing `from`, `to` or `subject`.' } };
    }
    const key = req.headers['idempotency-key'] as string | undefined;
    const known = key ? byKey.get(key) : undefined;
    if (known) return { status: 200, body: { id: known } };
    const id = randomUUID();
    emails.push({ ...(b as TResendEmail), to, id, idempotencyKey: key });
    if (key) byKey.set(key, id);
    return { status: 200, body: { id } };
  });
  return Object.assign(fake, { emails, fail: (reply?: TReply) => void (failWith = reply) });
}
