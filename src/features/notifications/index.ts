export { notify, type TNotifyInput } from './notify';
export { sendNotificationEmail } from './send-email';
export { sendNotificationEmailTask } from './tasks';
export { findNotifications, countUnread, markNotificationsRead, getPreferences, updatePreferences } from './queries';
export { NOTIFICATION_SETTINGS, ZPrefs, channelsFor, type TPrefs } from './types';
export { renderEmail, InvitationEmail, PasswordResetEmail, WelcomeEmail, NotificationEmail, type TRenderedEmail } from './emails/templates';

import { sendNotificationEmailTask } from './tasks';
export const notificationTasks = [sendNotificationEmailTask];
