/** Inputs of the mailboxes feature (M1–M3), shared by the API, server actions and forms. */
import { z } from 'zod';
import { MAILBOX_SECURITY } from '@/db/schema';
import { isTimezone } from './pacing';

const hostname = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Enter the server name, e.g. smtp.example.com.')
  .max(255)
  .refine((h) => /^(?=.{1,255}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/.test(h) || /^\d{1,3}(\.\d{1,3}){3}$/.test(h) || /^\[?[0-9a-f:]+\]?$/.test(h), {
    message: 'Enter a server name only (like smtp.example.com), without https:// or a path.',
  });
const port = z.coerce.number().int('The port is a whole number.').min(1, 'Ports go from 1 to 65535.').max(65535, 'Ports go from 1 to 65535.');
const security = z.enum(MAILBOX_SECURITY);
const username = z.string().trim().min(1, 'Enter the user name (often the email address).').max(320);
const password = z.string().min(1, 'Enter the password (or an app password).').max(1000);

export const ZServer = z.object({ host: hostname, port, security, username, password });
/** On update the password may be left out to keep the stored one. */
export const ZServerPatch = z.object({ host: hostname, port, security, username, password: password.optional() });

const tz = z.string().refine(isTimezone, 'Not an IANA timezone (e.g. Europe/London).');

export const ZPacing = z.object({
  timezone: tz,
  dailyLimit: z.number().int().min(1).max(100_000),
  minGapSeconds: z.number().int().min(0).max(86_400),
  gapJitterSeconds: z.number().int().min(0).max(86_400),
  warmup: z.object({
    enabled: z.boolean(),
    start: z.number().int().min(1).max(100_000).optional(),
    increment: z.number().int().min(0).max(100_000).optional(),
    /** Defaults to today (in the mailbox's timezone) when warm-up is switched on. */
    startedOn: z.iso.date().nullable().optional(),
  }),
  bouncePauseThreshold: z.number().gt(0).max(1),
  complaintPauseThreshold: z.number().gt(0).max(1),
  healthMinSample: z.number().int().min(1).max(100_000),
  healthWindowDays: z.number().int().min(1).max(90),
}).partial();

export const ZCreateMailbox = ZPacing.extend({
  email: z.email('Enter a valid email address.').max(320).transform((e) => e.trim().toLowerCase()),
  displayName: z.string().trim().max(200).optional(),
  smtp: ZServer,
  imap: ZServer.optional(),
}).strict();
export type TCreateMailbox = z.infer<typeof ZCreateMailbox>;

export const ZUpdateMailbox = ZPacing.extend({
  displayName: z.string().trim().max(200).nullable().optional(),
  smtp: ZServerPatch.optional(),
  imap: ZServerPatch.nullable().optional(),
}).strict();
export type TUpdateMailbox = z.infer<typeof ZUpdateMailbox>;

/** "Test connection" before saving: the settings themselves. */
export const ZTestSettings = z.object({ email: z.email().optional(), smtp: ZServer, imap: ZServer.optional() }).strict();
export type TTestSettings = z.infer<typeof ZTestSettings>;

export const ZMailboxProviderParam = z.object({ provider: z.enum(['gmail', 'outlook']) });
