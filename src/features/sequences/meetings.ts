/**
 * "Meeting booked" (S10): set by a user on a lead, or by a signed webhook from Cal.com or Calendly
 * matched to the lead by the attendee's email. Webhooks verify their signature over the raw body before
 * anything is read, are idempotent by the provider's event id, and name the organization through a
 * signed `org` token in the URL each organization copies from its settings.
 *
 *   Cal.com:  X-Cal-Signature-256 = hex HMAC-SHA256(rawBody) with CALCOM_WEBHOOK_SECRET
 *   Calendly: Calendly-Webhook-Signature = "t=<unix>,v1=<hex HMAC-SHA256(`${t}.${rawBody}`)>" with
 *             CALENDLY_WEBHOOK_SIGNING_KEY, accepted within 5 minutes of t
 */
import { createHmac } from 'node:crypto';
import { asService, rows, sql, type Db } from '@/db';
import { addLeadEvent } from '@/features/leads';
import { safeEqual, signToken, verifyToken } from '@/lib/crypto';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { readBodyText } from '@/lib/http/body';
import { linkBase } from './common';
import { stopEnrollmentsFor } from './stop';

const ORG_PURPOSE = 'meeting-webhook';
export const CALENDLY_TOLERANCE_SECONDS = 300;

/** Marks a lead's meeting as booked and stops its enrollments (where the campaign says so). */
export async function markMeetingBooked(db: Db, input: { orgId: string; leadId: string; at?: Date; source: string; actorId?: string | null }): Promise<{ stopped: number }> {
  const at = (input.at ?? new Date()).toISOString();
  const r = await rows<{ id: string }>(
    db,
    sql`update public.leads set meeting_booked_at = ${at}::timestamptz where id = ${input.leadId}::uuid and org_id = ${input.orgId}::uuid and deleted_at is null returning id`,
  );
  if (!r.length) throw new AppError('NOT_FOUND', 'That lead does not exist.');
  await addLeadEvent(db, { orgId: input.orgId, leadId: input.leadId, type: 'meeting_booked', summary: `Meeting booked (${input.source})`, data: { source: input.source, at }, actorId: input.actorId ?? null });
  const s = await stopEnrollmentsFor(db, { orgId: input.orgId, leadId: input.leadId, reason: 'meeting_booked', actorId: input.actorId });
  return { stopped: s.stopped };
}

/** The URLs an organization gives Cal.com and Calendly (with its signed org token). */
export function meetingWebhookUrls(orgId: string) {
  const token = signToken({ o: orgId }, ORG_PURPOSE);
  const e = env();
  return {
    calcom: { url: `${linkBase()}/api/webhooks/calcom?org=${token}`, configured: Boolean(e.CALCOM_WEBHOOK_SECRET) },
    calendly: { url: `${linkBase()}/api/webhooks/calendly?org=${token}`, configured: Boolean(e.CALENDLY_WEBHOOK_SIGNING_KEY) },
  };
}

const hmacHex = (key: string, data: string) => createHmac('sha256', key).update(data).digest('hex');

export function verifyCalcomSignature(raw: string, header: string | null, secret: string): boolean {
  if (!header) return false;
  return safeEqual(header.trim().toLowerCase(), hmacHex(secret, raw));
}

export function verifyCalendlySignature(raw: string, header: string | null, key: string, now = new Date()): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(header.split(',').map((p) => p.trim().split('=') as [string, string]));
  const t = Number(parts.t);
  if (!Number.isFinite(t) || !parts.v1) return false;
  if (Math.abs(now.getTime() / 1000 - t) > CALENDLY_TOLERANCE_SECONDS) return false;
  return safeEqual(parts.v1.toLowerCase(), hmacHex(key, `${t}.${raw}`));
}

type TMeetingEvent = { eventId: string; eventType: string; emails: string[]; at: Date | undefined; books: boolean };

function parseCalcom(body: unknown): TMeetingEvent {
  const b = body as { triggerEvent?: string; payload?: { uid?: string; bookingId?: number | string; attendees?: { email?: string }[]; startTime?: string } };
  const type = String(b?.triggerEvent ?? '');
  const id = b?.payload?.uid ?? b?.payload?.bookingId;
  if (!type || id === undefined) throw new AppError('INVALID_INPUT', 'Not a Cal.com booking event.');
  return {
    eventId: `${type}:${id}`, eventType: type,
    emails: (b.payload?.attendees ?? []).map((a) => String(a.email ?? '').toLowerCase()).filter((e) => e.includes('@')),
    at: b.payload?.startTime ? new Date(b.payload.startTime) : undefined,
    books: type === 'BOOKING_CREATED' || type === 'BOOKING_RESCHEDULED',
  };
}

function parseCalendly(body: unknown): TMeetingEvent {
  const b = body as { event?: string; payload?: { uri?: string; email?: string; scheduled_event?: { start_time?: string } } };
  const type = String(b?.event ?? '');
  if (!type || !b.payload?.uri) throw new AppError('INVALID_INPUT', 'Not a Calendly invitee event.');
  return {
    eventId: `${type}:${b.payload.uri}`, eventType: type,
    emails: b.payload.email ? [b.payload.email.toLowerCase()] : [],
    at: b.payload.scheduled_event?.start_time ? new Date(b.payload.scheduled_event.start_time) : undefined,
    books: type === 'invitee.created',
  };
}

export type TMeetingWebhookResult = { duplicate: boolean; outcome: 'meeting_booked' | 'no_matching_lead' | 'ignored'; leads: number };

/**
 * Handles one delivery. Order: read the raw body (size-limited) → verify the signature → read the org
 * token → parse → record the event id once → mark the attendees' leads.
 */
export async function handleMeetingWebhook(db: Db, provider: 'calcom' | 'calendly', req: Request, now = new Date()): Promise<TMeetingWebhookResult> {
  const e = env();
  const secret = provider === 'calcom' ? e.CALCOM_WEBHOOK_SECRET : e.CALENDLY_WEBHOOK_SIGNING_KEY;
  if (!secret) throw new AppError('FORBIDDEN', `${provider === 'calcom' ? 'Cal.com' : 'Calendly'} webhooks are not set up on this server.`);
  const raw = await readBodyText(req, 256_000);
  const ok = provider === 'calcom'
    ? verifyCalcomSignature(raw, req.headers.get('x-cal-signature-256'), secret)
    : verifyCalendlySignature(raw, req.headers.get('calendly-webhook-signature'), secret, now);
  if (!ok) throw new AppError('UNAUTHORIZED', 'The webhook signature does not match.');
  const org = verifyToken<{ o: string }>(new URL(req.url).searchParams.get('org') ?? '', ORG_PURPOSE);
  if (!org?.o) throw new AppError('FORBIDDEN', 'The webhook URL has no valid organization; copy it again from the settings.');
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new AppError('INVALID_JSON', 'The webhook body is not JSON.');
  }
  const ev = provider === 'calcom' ? parseCalcom(body) : parseCalendly(body);
  return asService(db, async (tx) => {
    const fresh = await rows<{ id: string }>(
      tx,
      sql`insert into public.scheduling_webhook_events (org_id, provider, event_id, event_type, attendee_email)
          select ${org.o}::uuid, ${provider}, ${ev.eventId.slice(0, 500)}, ${ev.eventType.slice(0, 100)}, ${ev.emails[0] ?? null}
          where exists (select 1 from public.organizations where id = ${org.o}::uuid)
          on conflict (org_id, provider, event_id) do nothing returning id`,
    );
    if (!fresh.length) return { duplicate: true, outcome: 'ignored' as const, leads: 0 };
    let outcome: TMeetingWebhookResult['outcome'] = 'ignored';
    let count = 0;
    if (ev.books && ev.emails.length) {
      const leads = await rows<{ id: string }>(tx, sql`select id from public.leads where org_id = ${org.o}::uuid and deleted_at is null and email = any(${sql.param(ev.emails)}::text[])`);
      for (const l of leads) await markMeetingBooked(tx, { orgId: org.o, leadId: l.id, at: now, source: provider === 'calcom' ? 'Cal.com' : 'Calendly' });
      count = leads.length;
      outcome = leads.length ? 'meeting_booked' : 'no_matching_lead';
      await tx.execute(sql`update public.scheduling_webhook_events set outcome = ${outcome}, lead_id = ${leads[0]?.id ?? null}::uuid where id = ${fresh[0]!.id}::uuid`);
    } else {
      await tx.execute(sql`update public.scheduling_webhook_events set outcome = 'ignored' where id = ${fresh[0]!.id}::uuid`);
    }
    return { duplicate: false, outcome, leads: count };
  });
}
