export { notify, type TNotifyInput } from './notify';
export { sendNotificationEmail } from './send-email';
export { sendNotificationEmailTask } from './tasks';
export {
  findNotifications, countUnread, markNotificationsRead, openNotification, getPreferences, updatePreferences, effectivePreferences,
} from './queries';
export { NOTIFICATION_SETTINGS, ZPrefs, ZPreferencesForm, channelsFor, type TPrefs } from './types';
export { renderEmail, InvitationEmail, PasswordResetEmail, WelcomeEmail, NotificationEmail, type TRenderedEmail } from './emails/templates';
export * from './api';

import { sendNotificationEmailTask } from './tasks';
export const notificationTasks = [sendNotificationEmailTask];
