/**
 * Product email in cloud mode goes through Resend's official SDK (here: a fake speaking its wire format):
 * what we send, the id we get back, and how Resend's errors become ours.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asService, one, rows, sql } from '../../../src/db';
import { productMailer, resendMailer, type TMail } from '../../../src/lib/mail';
import { AppError } from '../../../src/lib/errors';
import { sendNotificationEmail } from '../../../src/features/notifications';
import { testDb, type TTestDb } from '../../support/db';
import { createPerson } from '../../support/world';
import { RESEND_ERRORS, startFakeResend } from '../../support/fakes/resend';
import { startFakeTrigger } from '../../support/fakes/trigger';
import { CLOUD_ENV, useCloudEnv } from './support';

let h: TTestDb;
let fake: Awaited<ReturnType<typeof startFakeResend>>;
let trigger: Awaited<ReturnType<typeof startFakeTrigger>>; // sign-up queues the welcome email there
let restore: () => void;

beforeAll(async () => {
  fake = await startFakeResend({ apiKey: CLOUD_ENV.RESEND_API_KEY });
  trigger = await startFakeTrigger({ secretKey: CLOUD_ENV.TRIGGER_SECRET_KEY });
  restore = useCloudEnv({ RESEND_BASE_URL: fake.url, TRIGGER_API_URL: trigger.url });
  h = await testDb();
});
afterAll(async () => {
  restore?.();
  await fake?.close();
  await trigger?.close();
  await h?.close();
});
beforeEach(() => fake.fail(undefined));

const mail: TMail = {
  to: 'ada@example.com',
  subject: 'You are invited',
  html: '<p>Join us</p>',
  text: 'Join us',
  feature: 'notification:welcome',
  replyTo: 'owner@example.com',
  headers: { 'X-Entity-Ref-ID': 'inv-1' },
  idempotencyKey: 'invitation-123',
};

async function appErrorOf(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('Resend mailer (cloud mode)', () => {
  it('sends the message with the API key and returns Resend’s id', async () => {
    const sent = await resendMailer().send(mail);
    const req = fake.requests.at(-1)!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/emails');
    expect(req.headers.authorization).toBe(`Bearer ${CLOUD_ENV.RESEND_API_KEY}`);
    expect(req.headers['idempotency-key']).toBe('invitation-123');
    const email = fake.emails.at(-1)!;
    expect(sent.id).toBe(email.id);
    expect(email).toMatchObject({
      from: CLOUD_ENV.MAIL_FROM,
      to: ['ada@example.com'],
      subject: 'You are invited',
      html: '<p>Join us</p>',
      text: 'Join us',
      reply_to: 'owner@example.com',
      headers: { 'X-Entity-Ref-ID': 'inv-1' },
      tags: [{ name: 'feature', value: 'notification_welcome' }], // Resend allows only [A-Za-z0-9_-] in tags
    });
  });

  it('returns the first id for a repeated idempotency key, so a retried job sends once', async () => {
    const a = await resendMailer().send({ ...mail, idempotencyKey: 'notification-42' });
    const b = await resendMailer().send({ ...mail, idempotencyKey: 'notification-42' });
    expect(b.id).toBe(a.id);
    expect(fake.emails.filter((e) => e.idempotencyKey === 'notification-42')).toHaveLength(1);
  });

  it('turns a validation error (422) into INVALID_INPUT with Resend’s message', async () => {
    fake.fail(RESEND_ERRORS.validation);
    const e = await appErrorOf(resendMailer().send(mail));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('Resend refused the email: The `to` field must be a valid email address.');
    expect(e.details).toEqual({ status: 422 });
  });

  it('turns an outage (500) and a rate limit (429) into UPSTREAM, which jobs retry', async () => {
    fake.fail(RESEND_ERRORS.outage);
    expect((await appErrorOf(resendMailer().send(mail))).code).toBe('UPSTREAM');
    fake.fail(RESEND_ERRORS.rateLimited);
    expect((await appErrorOf(resendMailer().send(mail))).code).toBe('UPSTREAM');
  });

  it('is the product mailer in cloud mode: notification emails go to Resend, not the dev mailbox', async () => {
    const person = await createPerson(h.db, { fullName: 'Grace Hopper' });
    expect(productMailer(h.db).kind).toBe('resend');
    const n = await asService(h.db, (tx) =>
      one<{ id: string }>(tx, sql`select id from public.notifications where user_id = ${person.userId}::uuid and type = 'welcome'`),
    );
    const result = await sendNotificationEmail({ db: h.db, mailer: productMailer(h.db) }, { notificationId: n!.id });
    const email = fake.emails.find((e) => e.to.includes(person.email))!;
    expect(result).toEqual({ sent: email.id });
    expect(trigger.runs.some((r) => r.taskId === 'notifications.send-email' && (r.payload as { notificationId: string }).notificationId === n!.id)).toBe(true);
    expect(email.subject).toBe('Welcome to LeadPilot');
    expect(email.html).toContain('Grace');
    expect(email.idempotencyKey).toBe(`notification-${n!.id}`);
    const stored = await asService(h.db, (tx) => rows(tx, sql`select id from app_private.dev_mailbox`));
    expect(stored).toEqual([]);
    // Sent once: a second run of the job skips it.
    expect(await sendNotificationEmail({ db: h.db, mailer: productMailer(h.db) }, { notificationId: n!.id })).toEqual({ skipped: 'already emailed' });
    expect(fake.emails.filter((e) => e.to.includes(person.email))).toHaveLength(1);
  });
});
