import { route } from '@/lib/http/route';
import { calendlyWebhookEndpoint, handleMeetingWebhook } from '@/features/sequences';

/** Verifies the signature over the raw body before reading anything else; idempotent by event id. */
export const POST = route(calendlyWebhookEndpoint, async ({ db, req }) => ({ ok: true as const, ...(await handleMeetingWebhook(db, 'calendly', req)) }));
