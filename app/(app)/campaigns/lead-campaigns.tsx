/**
 * The lead page's "Campaigns" card: the lead's enrollments (campaign, status, next send, why it waits)
 * and the "Meeting booked" button. Loads its own data so the lead page only places it.
 */
import Link from 'next/link';
import { requireUser, asUser } from '@/lib/auth';
import { Card, CardContent, CardDescription, CardHeader, CardTitle, formatDateTime } from '@/components/ui';
import { getOrganization } from '@/features/accounts';
import { getLead } from '@/features/leads';
import { findEnrollments } from '@/features/sequences';
import { EnrollmentStatusBadge, WaitingBadge } from '@/components/sequences/badges';
import { EnrollmentButtons, YourTime } from './[id]/campaign-ui';
import { MeetingBookedButton } from './lead-campaigns-ui';

export async function LeadCampaigns({ leadId }: { leadId: string }) {
  const user = await requireUser();
  const { enrollments, lead, tz } = await asUser(user, async (db) => {
    const org = await getOrganization(db, user.orgId);
    const [page, lead] = await Promise.all([findEnrollments(db, user.orgId, { leadId, tz: org.timezone, limit: 20 }), getLead(db, user.orgId, leadId)]);
    return { enrollments: page.enrollments, lead, tz: org.timezone };
  });
  const running = enrollments.filter((e) => e.status === 'active' || e.status === 'paused').length;
  return (
    <Card data-testid="lead-campaigns">
      <CardHeader>
        <CardTitle>Campaigns</CardTitle>
        <CardDescription>
          {enrollments.length ? 'Where this lead is in each campaign, and why nothing is going out when it waits.' : 'Not in any campaign yet. Enroll it from a campaign’s Audience tab.'}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {enrollments.length ? (
          <ul className="flex flex-col gap-3">
            {enrollments.map((e) => (
              <li key={e.id} className="flex flex-col gap-1 border-b pb-3 last:border-0 last:pb-0" data-testid="lead-enrollment">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <Link href={`/campaigns/${e.campaignId}?tab=enrollments`} className="font-medium hover:text-primary hover:underline">{e.campaignName}</Link>
                  <EnrollmentStatusBadge status={e.status} />
                </div>
                <p className="text-xs text-muted-foreground">Step {Math.min(e.currentStep.index + 1, e.currentStep.total)} of {e.currentStep.total}</p>
                {e.nextSendAt ? (
                  <p className="text-xs">
                    Next: {e.nextSendAtLeadTime} lead&apos;s time · <YourTime iso={e.nextSendAt} fallback={e.nextSendAtYourTime} /> yours
                  </p>
                ) : null}
                <div className="text-xs">
                  <WaitingBadge reason={e.waiting.reason} /> <span className="text-muted-foreground">{e.waiting.message}</span>
                </div>
                <EnrollmentButtons id={e.id} status={e.status} blocked={e.waiting.reason === 'missing_variable'} />
              </li>
            ))}
          </ul>
        ) : null}
        <MeetingBookedButton leadId={leadId} bookedAt={lead.meetingBookedAt ? formatDateTime(lead.meetingBookedAt, tz) : null} running={running} />
      </CardContent>
    </Card>
  );
}
