import { route } from '@/lib/http/route';
import { testMailboxSettings, testMailboxSettingsEndpoint } from '@/features/mailboxes';

// No transaction: the servers are contacted outside the database.
export const POST = route(testMailboxSettingsEndpoint, ({ body }) => testMailboxSettings(body));
