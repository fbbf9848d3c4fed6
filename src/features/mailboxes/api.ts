/**
 * /api contracts of the mailboxes feature (M1–M3). Route files: app/api/v1/mailboxes/**, app/api/oauth/**.
 * Responses never carry a password or token: `hasPassword` / `oauth.connected` say whether one is stored.
 */
import { z } from 'zod';
import { MAILBOX_PAUSE_REASONS, MAILBOX_PROVIDERS, MAILBOX_SECURITY, MAILBOX_STATUSES } from '@/db/schema';
import { endpoint, type TEndpoint } from '@/lib/http/endpoint';
import { ZCreateMailbox, ZMailboxProviderParam, ZTestSettings, ZUpdateMailbox } from './schemas';

const zIso = z.iso.datetime({ offset: true });
const zServer = z.object({ host: z.string(), port: z.number().int(), security: z.enum(MAILBOX_SECURITY), username: z.string(), hasPassword: z.boolean() });
const zRate = z.number().nullable();

export const ZMailbox = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string().nullable(),
  provider: z.enum(MAILBOX_PROVIDERS),
  ownerId: z.uuid().nullable(),
  smtp: zServer.nullable(),
  imap: zServer.nullable(),
  oauth: z.object({ connected: z.boolean(), expiresAt: zIso.nullable() }).nullable(),
  timezone: z.string(),
  dailyLimit: z.number().int(),
  minGapSeconds: z.number().int(),
  gapJitterSeconds: z.number().int(),
  warmup: z.object({ enabled: z.boolean(), start: z.number().int(), increment: z.number().int(), startedOn: z.string().nullable() }),
  today: z.object({ date: z.string(), cap: z.number().int(), sent: z.number().int(), remaining: z.number().int() }),
  thresholds: z.object({ bounce: z.number(), complaint: z.number(), minSample: z.number().int(), windowDays: z.number().int() }),
  health: z.object({ sent: z.number().int(), bounced: z.number().int(), complaints: z.number().int(), bounceRate: zRate, complaintRate: zRate, windowDays: z.number().int() }),
  status: z.enum(MAILBOX_STATUSES),
  pausedReason: z.enum(MAILBOX_PAUSE_REASONS).nullable(),
  /** The numbers behind an automatic pause, or the server's answer to a refused login. */
  pausedDetail: z.record(z.string(), z.unknown()),
  pausedAt: zIso.nullable(),
  lastTest: z.object({ at: zIso, ok: z.boolean(), result: z.record(z.string(), z.unknown()).nullable() }).nullable(),
  lastSentAt: zIso.nullable(),
  createdAt: zIso,
  updatedAt: zIso,
});

const zSmtpTest = z.object({
  ok: z.boolean(),
  stage: z.enum(['connect', 'greeting', 'tls', 'auth', 'done']),
  transcript: z.array(z.string()),
  error: z.object({ code: z.string().optional(), responseCode: z.number().optional(), message: z.string() }).optional(),
});
const zImapTest = z.object({
  ok: z.boolean(),
  stage: z.enum(['connect', 'auth', 'done']),
  greeting: z.string().optional(),
  capabilities: z.array(z.string()).optional(),
  folders: z.number().int().optional(),
  error: z.object({ code: z.string().optional(), message: z.string(), response: z.string().optional() }).optional(),
});
export const ZConnectionTestResponse = z.object({ ok: z.boolean(), smtp: zSmtpTest, imap: zImapTest.nullable(), summary: z.string(), testedAt: zIso });

const TAGS = ['Mailboxes'];
const zId = z.object({ id: z.uuid() });
const one = z.object({ mailbox: ZMailbox });

export const listMailboxesEndpoint = endpoint({
  method: 'GET', path: '/api/v1/mailboxes', auth: 'user', tags: TAGS,
  summary: 'Mailboxes of the organization, with today’s cap, health and pause reason',
  description: 'In local mode the built-in Dev mailbox is created on first use.',
  response: z.object({ mailboxes: z.array(ZMailbox) }),
});
export const createMailboxEndpoint = endpoint({
  method: 'POST', path: '/api/v1/mailboxes', auth: 'user', tags: TAGS, status: 201,
  summary: 'Connect an SMTP (+ IMAP) mailbox; the password is stored encrypted and never returned',
  body: ZCreateMailbox, bodyLimit: 16_000, response: one,
});
export const testMailboxSettingsEndpoint = endpoint({
  method: 'POST', path: '/api/v1/mailboxes/test', auth: 'user', tags: TAGS, transaction: false,
  summary: 'Test SMTP/IMAP settings before saving: logs in and returns the servers’ answers',
  body: ZTestSettings, bodyLimit: 16_000, response: ZConnectionTestResponse,
});
export const getMailboxEndpoint = endpoint({ method: 'GET', path: '/api/v1/mailboxes/{id}', auth: 'user', tags: TAGS, summary: 'One mailbox', params: zId, response: one });
export const updateMailboxEndpoint = endpoint({
  method: 'PATCH', path: '/api/v1/mailboxes/{id}', auth: 'user', tags: TAGS,
  summary: 'Change a mailbox: servers, password (omit to keep), limits, warm-up, thresholds',
  params: zId, body: ZUpdateMailbox, bodyLimit: 16_000, response: one,
});
export const deleteMailboxEndpoint = endpoint({
  method: 'DELETE', path: '/api/v1/mailboxes/{id}', auth: 'user', tags: TAGS,
  summary: 'Remove a mailbox (its unsent emails move to the campaign’s other mailboxes)',
  params: zId, response: z.object({ id: z.uuid(), deleted: z.literal(true) }),
});
export const testMailboxEndpoint = endpoint({
  method: 'POST', path: '/api/v1/mailboxes/{id}/test', auth: 'user', tags: TAGS, transaction: false,
  summary: 'Test a saved mailbox: logs in to SMTP and IMAP with the stored credentials',
  params: zId, response: ZConnectionTestResponse,
});
export const pauseMailboxEndpoint = endpoint({ method: 'POST', path: '/api/v1/mailboxes/{id}/pause', auth: 'user', tags: TAGS, summary: 'Pause sending from a mailbox', params: zId, response: one });
export const resumeMailboxEndpoint = endpoint({
  method: 'POST', path: '/api/v1/mailboxes/{id}/resume', auth: 'user', tags: TAGS,
  summary: 'Resume a paused mailbox (also after an automatic pause)', params: zId, response: one,
});
export const startMailboxOAuthEndpoint = endpoint({
  method: 'GET', path: '/api/oauth/{provider}/start', auth: 'session', tags: TAGS,
  summary: 'Cloud mode: start connecting a Gmail or Outlook mailbox (redirects to the provider)',
  params: ZMailboxProviderParam, produces: 'text/html',
});
export const mailboxOAuthCallbackEndpoint = endpoint({
  method: 'GET', path: '/api/oauth/{provider}/callback', auth: 'session', tags: TAGS,
  summary: 'Cloud mode: the provider’s redirect back; stores the mailbox and returns to the mailboxes page',
  params: ZMailboxProviderParam, query: z.object({ code: z.string().max(4000).optional(), state: z.string().max(4000).optional(), error: z.string().max(500).optional() }),
  produces: 'text/html',
});

export const mailboxesApi: TEndpoint[] = [
  listMailboxesEndpoint, createMailboxEndpoint, testMailboxSettingsEndpoint, getMailboxEndpoint, updateMailboxEndpoint, deleteMailboxEndpoint,
  testMailboxEndpoint, pauseMailboxEndpoint, resumeMailboxEndpoint, startMailboxOAuthEndpoint, mailboxOAuthCallbackEndpoint,
] as TEndpoint[];
