import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db';
import { EmptyState, PageHeader, Table, Td, Th, formatDateTime } from '@/components/ui';
import { findDevMail } from '@/features/dev-mailbox';
import { ClearMailboxButton } from './clear-button';

export const metadata: Metadata = { title: 'Dev mailbox' };
export const dynamic = 'force-dynamic';

export default async function DevMailboxPage() {
  const mails = await findDevMail(await getDb(), { limit: 500 });
  return (
    <>
      <PageHeader
        title="Dev mailbox"
        description="In local mode every email the app sends (invitations, password resets, notifications, outreach through the dev-mailbox account) lands here instead of leaving this machine. Times in UTC."
        actions={<ClearMailboxButton disabled={mails.length === 0} />}
      />
      {mails.length === 0 ? (
        <EmptyState
          title="No emails yet"
          description={
            <>
              Emails appear here as the app sends them. Try inviting someone in <Link className="text-primary hover:underline" href="/settings/members">Settings → Members</Link>{' '}
              or requesting a <Link className="text-primary hover:underline" href="/forgot-password">password reset</Link>.
            </>
          }
        />
      ) : (
        <Table className="bg-background">
          <thead>
            <tr>
              <Th>To</Th>
              <Th>Subject</Th>
              <Th>Feature</Th>
              <Th>Time</Th>
            </tr>
          </thead>
          <tbody>
            {mails.map((m) => (
              <tr key={m.id} data-testid="mail-row">
                <Td className="max-w-56 truncate">{m.toAddresses.join(', ')}</Td>
                <Td>
                  <Link className="text-primary hover:underline" href={`/dev/mailbox/${m.id}`}>{m.subject || '(no subject)'}</Link>
                </Td>
                <Td><code className="text-xs">{m.feature}</code></Td>
                <Td className="whitespace-nowrap text-muted-foreground">
                  <time dateTime={m.createdAt.toISOString()}>{formatDateTime(m.createdAt, 'UTC')}</time>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
