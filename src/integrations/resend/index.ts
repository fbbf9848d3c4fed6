/** Resend (cloud mode product email). Base URL configurable so tests talk to a local fake. */
import { Resend } from 'resend';
import { AppError } from '@/lib/errors';

export type TResendMessage = {
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  replyTo?: string;
  headers?: Record<string, string>;
  tags?: { name: string; value: string }[];
  idempotencyKey?: string;
};

export function resendClient(opts: { apiKey: string; baseUrl?: string }) {
  const client = new Resend(opts.apiKey, opts.baseUrl ? { baseUrl: opts.baseUrl } : undefined);
  return {
    async send(m: TResendMessage): Promise<{ id: string }> {
      const { data, error } = await client.emails.send(
        { from: m.from, to: m.to, subject: m.subject, html: m.html, text: m.text, replyTo: m.replyTo, headers: m.headers, tags: m.tags },
        m.idempotencyKey ? { idempotencyKey: m.idempotencyKey } : undefined,
      );
      if (error || !data) {
        const status = (error as { statusCode?: number } | null)?.statusCode ?? 0;
        throw new AppError(status >= 400 && status < 500 && status !== 429 ? 'INVALID_INPUT' : 'UPSTREAM', `Resend refused the email: ${error?.message ?? 'no response'}`, {
          details: { status },
        });
      }
      return { id: data.id };
    },
  };
}
