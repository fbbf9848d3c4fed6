import { route } from '@/lib/http/route';
import { meetingWebhookUrls, meetingWebhooksEndpoint } from '@/features/sequences';

export const GET = route(meetingWebhooksEndpoint, async ({ ctx }) => meetingWebhookUrls(ctx.orgId));
