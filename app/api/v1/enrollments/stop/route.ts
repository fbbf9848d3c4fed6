import { route } from '@/lib/http/route';
import { markMeetingBooked, stopEnrollmentsEndpoint, stopEnrollmentsFor } from '@/features/sequences';

export const POST = route(stopEnrollmentsEndpoint, async ({ db, ctx, body }) => {
  if (body.reason === 'meeting_booked') {
    // Records the meeting on the lead, which stops its enrollments by the campaigns' rules.
    await markMeetingBooked(db, { orgId: ctx.orgId, leadId: body.leadId!, source: 'marked by a teammate', actorId: ctx.userId });
  }
  return stopEnrollmentsFor(db, { orgId: ctx.orgId, leadId: body.leadId, email: body.email, reason: body.reason, companyWide: body.companyWide, actorId: ctx.userId });
});
