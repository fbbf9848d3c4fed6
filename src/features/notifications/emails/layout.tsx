/** The frame every product email shares (React Email). */
import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';

export function EmailLayout({ preview, heading, children, action, footer }: {
  preview: string;
  heading: string;
  children: ReactNode;
  action?: { label: string; href: string };
  footer?: ReactNode;
}) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: '#f8fafc', fontFamily: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif', margin: 0, padding: '24px 0' }}>
        <Container style={{ backgroundColor: '#ffffff', border: '1px solid #e2e8f0', borderRadius: 8, padding: 32, maxWidth: 560 }}>
          <Text style={{ color: '#4f46e5', fontWeight: 700, fontSize: 14, margin: 0 }}>LeadPilot</Text>
          <Heading as="h1" style={{ fontSize: 20, color: '#0f172a', margin: '16px 0' }}>{heading}</Heading>
          <Section style={{ color: '#334155', fontSize: 14, lineHeight: '22px' }}>{children}</Section>
          {action ? (
            <Section style={{ margin: '24px 0' }}>
              <Button href={action.href} style={{ backgroundColor: '#4f46e5', color: '#ffffff', borderRadius: 6, padding: '10px 18px', fontSize: 14, fontWeight: 600 }}>
                {action.label}
              </Button>
            </Section>
          ) : null}
          <Hr style={{ borderColor: '#e2e8f0', margin: '24px 0 12px' }} />
          <Text style={{ color: '#94a3b8', fontSize: 12, margin: 0 }}>
            {footer ?? 'You receive this email because you have a LeadPilot account. Manage notification emails in Settings → Notifications.'}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
