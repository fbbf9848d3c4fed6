/** Drizzle mirror of supabase/migrations/*_platform.sql (checked against the database by a test). */
import { sql } from 'drizzle-orm';
import {
  boolean, integer, jsonb, pgSchema, pgTable, primaryKey, smallint, text, time, timestamp, uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const authSchema = pgSchema('auth');
export const authUsers = authSchema.table('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email'),
  encryptedPassword: text('encrypted_password'),
  emailConfirmedAt: ts('email_confirmed_at'),
  rawUserMetaData: jsonb('raw_user_meta_data').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export type TBusinessContext = {
  company_name?: string;
  industry?: string;
  target_audience?: string;
  value_proposition?: string;
  tone?: string;
  key_pain_points?: string[];
  case_studies?: string[];
  cta?: string;
  sender_name?: string;
  sender_title?: string;
};

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  timezone: text('timezone').notNull().default('UTC'),
  sendWindowStart: time('send_window_start').notNull().default('09:00'),
  sendWindowEnd: time('send_window_end').notNull().default('17:00'),
  sendDays: smallint('send_days').array().notNull().default(sql`'{1,2,3,4,5}'`),
  businessContext: jsonb('business_context').$type<TBusinessContext>().notNull().default({}),
  postalAddress: text('postal_address'),
  plan: text('plan', { enum: ['free', 'pro', 'enterprise'] }).notNull().default('free'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  email: text('email').notNull(),
  fullName: text('full_name'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const ROLES = ['owner', 'admin', 'member'] as const;
export type TRole = (typeof ROLES)[number];

export const memberships = pgTable(
  'memberships',
  {
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] })],
);

export const invitations = pgTable('invitations', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  email: text('email').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
  expiresAt: ts('expires_at').notNull(),
  acceptedAt: ts('accepted_at'),
  acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
  revokedAt: ts('revoked_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  prefix: text('prefix').notNull().unique(),
  keyHash: text('key_hash').notNull().unique(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastUsedAt: ts('last_used_at'),
  revokedAt: ts('revoked_at'),
});

export const NOTIFICATION_TYPES = [
  'welcome', 'pipeline_complete', 'scheduled_run', 'requalification', 'reply', 'approval_needed', 'weekly_digest', 'system',
] as const;
export type TNotificationType = (typeof NOTIFICATION_TYPES)[number];

export const notifications = pgTable('notifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  type: text('type', { enum: NOTIFICATION_TYPES }).notNull(),
  title: text('title').notNull(),
  body: text('body'),
  actionUrl: text('action_url'),
  inApp: boolean('in_app').notNull().default(true),
  readAt: ts('read_at'),
  emailedAt: ts('emailed_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    prefs: jsonb('prefs').$type<Record<string, { email?: boolean; in_app?: boolean }>>().notNull().default({}),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] })],
);

export const auditLog = pgTable('audit_log', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
  actorType: text('actor_type', { enum: ['user', 'api_key', 'system'] }).notNull().default('user'),
  action: text('action').notNull(),
  targetType: text('target_type'),
  targetId: text('target_id'),
  metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
  ip: text('ip'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const JOB_STATUSES = ['queued', 'running', 'retrying', 'succeeded', 'failed', 'cancelled'] as const;
export type TJobStatus = (typeof JOB_STATUSES)[number];

export const jobRuns = pgTable('job_runs', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').references(() => organizations.id, { onDelete: 'cascade' }),
  taskId: text('task_id').notNull(),
  payload: jsonb('payload').$type<unknown>().notNull().default({}),
  idempotencyKey: text('idempotency_key'),
  externalId: text('external_id').unique(),
  status: text('status', { enum: JOB_STATUSES }).notNull().default('queued'),
  attempts: integer('attempts').notNull().default(0),
  maxAttempts: integer('max_attempts').notNull().default(3),
  runAt: ts('run_at').notNull().defaultNow(),
  startedAt: ts('started_at'),
  finishedAt: ts('finished_at'),
  durationMs: integer('duration_ms'),
  error: text('error'),
  output: jsonb('output').$type<unknown>(),
  lockedBy: text('locked_by'),
  lockedUntil: ts('locked_until'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const appPrivate = pgSchema('app_private');

export const rateLimits = appPrivate.table(
  'rate_limits',
  {
    bucket: text('bucket').notNull(),
    windowStart: ts('window_start').notNull(),
    hits: integer('hits').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })],
);

export const devMailbox = appPrivate.table('dev_mailbox', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').references(() => organizations.id, { onDelete: 'cascade' }),
  feature: text('feature').notNull(),
  fromAddress: text('from_address').notNull(),
  toAddresses: text('to_addresses').array().notNull(),
  subject: text('subject').notNull().default(''),
  html: text('html'),
  text: text('text'),
  headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
  raw: text('raw'),
  messageId: text('message_id'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

