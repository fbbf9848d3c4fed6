import { route } from '@/lib/http/route';
import { calcomWebhookEndpoint, handleMeetingWebhook } from '@/features/sequences';

/** Verifies the signature over the raw body before reading anything else; idempotent by event id. */
export const POST = route(calcomWebhookEndpoint, async ({ db, req }) => ({ ok: true as const, ...(await handleMeetingWebhook(db, 'calcom', req)) }));
