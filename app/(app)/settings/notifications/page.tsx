import type { Metadata } from 'next';
import { requireUser, asUser } from '@/lib/auth';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui';
import { NOTIFICATION_SETTINGS, effectivePreferences, getPreferences } from '@/features/notifications';
import { PreferencesForm } from './preferences-form';

export const metadata: Metadata = { title: 'Notification settings' };

export default async function NotificationSettingsPage() {
  const user = await requireUser();
  const prefs = effectivePreferences(await asUser(user, (db) => getPreferences(db, user)));
  return (
    <Card className="max-w-3xl">
      <CardHeader>
        <CardTitle>Notifications</CardTitle>
        <CardDescription>
          What you hear about in {user.orgName}, by email ({user.email}) and in the app. These choices are yours only and apply to this organization.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <PreferencesForm settings={NOTIFICATION_SETTINGS.map((s) => ({ type: s.type, label: s.label, description: s.description, ...prefs[s.type] }))} />
      </CardContent>
    </Card>
  );
}
