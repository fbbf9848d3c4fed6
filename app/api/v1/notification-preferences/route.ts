import { route } from '@/lib/http/route';
import {
  effectivePreferences, getNotificationPreferencesEndpoint, getPreferences, putNotificationPreferencesEndpoint, updatePreferences,
} from '@/features/notifications';

export const GET = route(getNotificationPreferencesEndpoint, async ({ db, ctx }) => ({
  preferences: effectivePreferences(await getPreferences(db, ctx)),
}));

export const PUT = route(putNotificationPreferencesEndpoint, async ({ db, ctx, body }) => ({
  preferences: effectivePreferences(await updatePreferences(db, ctx, body!.preferences)),
}));
