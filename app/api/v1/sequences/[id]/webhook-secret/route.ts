import { route } from '@/lib/http/route';
import { revealWebhookSecret, webhookSecretEndpoint, WEBHOOK_SIGNATURE_HEADER } from '@/features/sequences';

export const GET = route(webhookSecretEndpoint, async ({ db, ctx, params }) => ({
  secret: await revealWebhookSecret(db, ctx.orgId, params.id),
  header: WEBHOOK_SIGNATURE_HEADER,
  scheme: 't=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">',
}));
