/** Product email templates. Each returns the element; render() turns it into HTML and plain text. */
import { Text } from '@react-email/components';
import { render } from '@react-email/render';
import type { ReactElement } from 'react';
import { EmailLayout } from './layout';

export type TRenderedEmail = { subject: string; html: string; text: string };

export async function renderEmail(subject: string, element: ReactElement): Promise<TRenderedEmail> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject, html, text };
}

export function WelcomeEmail({ name, appUrl }: { name: string; appUrl: string }) {
  return (
    <EmailLayout preview="Your LeadPilot workspace is ready" heading={`Welcome, ${name}!`} action={{ label: 'Open your dashboard', href: `${appUrl}/dashboard` }}>
      <Text>LeadPilot finds and qualifies leads, writes personalised outreach and sends it from your own mailboxes on a safe schedule.</Text>
      <Text>Start by importing a lead list or connecting a mailbox — the checklist on your dashboard walks you through it.</Text>
    </EmailLayout>
  );
}

export function NotificationEmail({ title, body, actionUrl, appUrl }: { title: string; body?: string | null; actionUrl?: string | null; appUrl: string }) {
  return (
    <EmailLayout preview={title} heading={title} action={actionUrl ? { label: 'Open in LeadPilot', href: `${appUrl}${actionUrl}` } : undefined}>
      {(body ?? '').split(/\n{2,}/).filter(Boolean).map((p, i) => (
        <Text key={i}>{p}</Text>
      ))}
    </EmailLayout>
  );
}

export function InvitationEmail({ orgName, inviterName, role, link, expiresDays }: { orgName: string; inviterName: string; role: string; link: string; expiresDays: number }) {
  return (
    <EmailLayout
      preview={`${inviterName} invited you to ${orgName} on LeadPilot`}
      heading={`Join ${orgName} on LeadPilot`}
      action={{ label: 'Accept invitation', href: link }}
      footer={`If you were not expecting this invitation you can ignore this email. The link expires in ${expiresDays} days.`}
    >
      <Text>
        {inviterName} invited you to join <strong>{orgName}</strong> as {role === 'admin' ? 'an admin' : `a ${role}`}.
      </Text>
    </EmailLayout>
  );
}

export function PasswordResetEmail({ link, minutes }: { link: string; minutes: number }) {
  return (
    <EmailLayout
      preview="Reset your LeadPilot password"
      heading="Reset your password"
      action={{ label: 'Choose a new password', href: link }}
      footer={`If you did not ask for this, ignore this email: your password stays the same. The link works once and expires in ${minutes} minutes.`}
    >
      <Text>Someone (hopefully you) asked to reset the password of your LeadPilot account.</Text>
    </EmailLayout>
  );
}
