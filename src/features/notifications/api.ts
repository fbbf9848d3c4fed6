/** /api/v1 contracts of the notification centre and preferences (P7). */
import { z } from 'zod';
import { NOTIFICATION_TYPES } from '@/db/schema';
import { endpoint, type TEndpoint } from '@/lib/http/endpoint';
import { ZPrefs } from './types';

const zIso = z.iso.datetime({ offset: true });
const TAGS = ['Notifications'];

const ZNotification = z.object({
  id: z.uuid(),
  type: z.enum(NOTIFICATION_TYPES),
  title: z.string(),
  body: z.string().nullable(),
  actionUrl: z.string().nullable(),
  readAt: zIso.nullable(),
  createdAt: zIso,
});

export const ZNotificationsResponse = z.object({ notifications: z.array(ZNotification), unread: z.number().int() });

export const notificationDto = (n: {
  id: string; type: (typeof NOTIFICATION_TYPES)[number]; title: string; body: string | null; actionUrl: string | null; readAt: Date | null; createdAt: Date;
}) => ({
  id: n.id, type: n.type, title: n.title, body: n.body, actionUrl: n.actionUrl,
  readAt: n.readAt ? n.readAt.toISOString() : null, createdAt: n.createdAt.toISOString(),
});

export const ZMarkRead = z
  .object({ ids: z.array(z.uuid()).min(1).max(500).optional(), all: z.literal(true).optional() })
  .strict()
  .refine((v) => Boolean(v.ids) !== Boolean(v.all), { message: 'Send either "ids" (a list of notification ids) or "all": true.', path: ['ids'] });

const zQueryBool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const listNotificationsEndpoint = endpoint({
  method: 'GET', path: '/api/v1/notifications', auth: 'user', tags: TAGS,
  summary: "The caller's in-app notifications in the active organization, newest first",
  query: z.object({ unread: zQueryBool.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
  response: ZNotificationsResponse,
});

export const markNotificationsReadEndpoint = endpoint({
  method: 'POST', path: '/api/v1/notifications/read', auth: 'user', tags: TAGS,
  summary: 'Mark notifications read: some ({"ids": [...]}) or all ({"all": true})',
  body: ZMarkRead, bodyLimit: 32_000,
  response: z.object({ marked: z.number().int() }),
});

const ZPreferences = z.partialRecord(z.enum(NOTIFICATION_TYPES), z.object({ email: z.boolean(), in_app: z.boolean() }));
export const ZPreferencesResponse = z.object({ preferences: ZPreferences });

export const getNotificationPreferencesEndpoint = endpoint({
  method: 'GET', path: '/api/v1/notification-preferences', auth: 'user', tags: TAGS,
  summary: 'Which notifications the caller gets by email and in the app (defaults filled in)',
  response: ZPreferencesResponse,
});

export const putNotificationPreferencesEndpoint = endpoint({
  method: 'PUT', path: '/api/v1/notification-preferences', auth: 'user', tags: TAGS,
  summary: "Replace the caller's notification preferences (types left out take the defaults)",
  body: z.object({ preferences: ZPrefs }).strict(), bodyLimit: 16_000,
  response: ZPreferencesResponse,
});

export const notificationsApi: TEndpoint[] = [
  listNotificationsEndpoint, markNotificationsReadEndpoint, getNotificationPreferencesEndpoint, putNotificationPreferencesEndpoint,
];
