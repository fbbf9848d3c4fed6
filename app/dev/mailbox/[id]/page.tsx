import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { Card, CardContent, CardHeader, CardTitle, formatDateTime } from '@/components/ui';
import { getDevMail, mailHtmlForViewer } from '@/features/dev-mailbox';

export const metadata: Metadata = { title: 'Email · Dev mailbox' };
export const dynamic = 'force-dynamic';

export default async function DevMailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const mail = await getDevMail(await getDb(), id);
  if (!mail) notFound();
  const headers = Object.entries(mail.headers ?? {});
  return (
    <div className="flex flex-col gap-6">
      <Link href="/dev/mailbox" className="text-sm text-primary hover:underline">← All emails</Link>
      <Card>
        <CardHeader>
          <CardTitle data-testid="mail-subject">{mail.subject || '(no subject)'}</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted-foreground">From</dt>
            <dd>{mail.fromAddress}</dd>
            <dt className="text-muted-foreground">To</dt>
            <dd data-testid="mail-to">{mail.toAddresses.join(', ')}</dd>
            <dt className="text-muted-foreground">Time</dt>
            <dd><time dateTime={mail.createdAt.toISOString()}>{formatDateTime(mail.createdAt, 'UTC')} UTC</time></dd>
            <dt className="text-muted-foreground">Feature</dt>
            <dd><code className="text-xs">{mail.feature}</code></dd>
            {mail.messageId ? (
              <>
                <dt className="text-muted-foreground">Message-ID</dt>
                <dd className="break-all"><code className="text-xs">{mail.messageId}</code></dd>
              </>
            ) : null}
          </dl>
          {headers.length ? (
            <details className="mt-4">
              <summary className="cursor-pointer text-sm font-medium">Headers ({headers.length})</summary>
              <dl className="mt-2 grid grid-cols-[12rem_1fr] gap-x-4 gap-y-1 text-xs">
                {headers.map(([k, v]) => (
                  <div key={k} className="contents">
                    <dt className="font-mono text-muted-foreground">{k}</dt>
                    <dd className="break-all font-mono">{String(v)}</dd>
                  </div>
                ))}
              </dl>
            </details>
          ) : (
            <p className="mt-4 text-xs text-muted-foreground">No extra headers.</p>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>HTML part</CardTitle>
        </CardHeader>
        <CardContent>
          {mail.html ? (
            <iframe
              title="HTML part"
              data-testid="html-part"
              srcDoc={mailHtmlForViewer(mail.html)}
              sandbox="allow-popups allow-popups-to-escape-sandbox"
              className="h-[640px] w-full rounded-md border bg-white"
            />
          ) : (
            <p className="text-sm text-muted-foreground">This email has no HTML part.</p>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Text part</CardTitle>
        </CardHeader>
        <CardContent>
          {mail.text ? (
            <pre data-testid="text-part" className="max-h-[480px] overflow-auto whitespace-pre-wrap rounded-md bg-muted p-4 text-xs">{mail.text}</pre>
          ) : (
            <p className="text-sm text-muted-foreground">This email has no text part.</p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
