import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth';
import { env } from '@/lib/env';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui';
import { LeadsHeader } from '@/components/leads/leads-header';
import { ImportSteps } from '@/components/leads/import-steps';
import { UploadForm } from './upload-form';

export const metadata: Metadata = { title: 'Import leads' };

const mb = (n: number) => `${Math.round(n / 1_000_000)} MB`;

export default async function ImportPage() {
  await requireUser();
  const { IMPORT_MAX_BYTES: maxBytes, IMPORT_MAX_ROWS: maxRows } = env();
  return (
    <>
      <LeadsHeader />
      <ImportSteps current={1} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Upload a file</CardTitle>
            <CardDescription>
              Up to {maxRows.toLocaleString('en')} rows and {mb(maxBytes)} per file. Nothing is imported until you confirm the mapping on the next step.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <UploadForm maxBytes={maxBytes} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>What LeadPilot does with it</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="list-disc space-y-1.5 pl-5 text-sm text-muted-foreground">
              <li>Recognises exports from LinkedIn Sales Navigator, Apollo, HubSpot and Hunter, and proposes a column mapping you can change.</li>
              <li>Detects the delimiter and the encoding (UTF-8 with or without BOM, UTF-16, Windows-1252).</li>
              <li>Lower-cases and checks emails, stores phones in international format, reduces websites to a domain, and finds or creates each company.</li>
              <li>Merges duplicates by email, then LinkedIn URL — you choose to skip, fill empty fields or overwrite.</li>
              <li>Reports every rejected row with its reason; suppressed addresses are imported but never contacted.</li>
            </ul>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
