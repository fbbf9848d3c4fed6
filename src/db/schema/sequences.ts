/** Drizzle mirror of supabase/migrations/*_sequences.sql (sending: mailboxes, templates, campaigns, messages). */
import { boolean, date, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { organizations, users } from './platform';
import { leads } from './leads';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const MAILBOX_PROVIDERS = ['smtp', 'gmail', 'outlook', 'dev'] as const;
export type TMailboxProvider = (typeof MAILBOX_PROVIDERS)[number];
export const MAILBOX_SECURITY = ['tls', 'starttls', 'none'] as const;
export type TMailboxSecurity = (typeof MAILBOX_SECURITY)[number];
export const MAILBOX_STATUSES = ['active', 'paused', 'error'] as const;
export type TMailboxStatus = (typeof MAILBOX_STATUSES)[number];
export const MAILBOX_PAUSE_REASONS = ['manual', 'bounce_rate', 'complaint_rate', 'auth_failed'] as const;
export type TMailboxPauseReason = (typeof MAILBOX_PAUSE_REASONS)[number];

export const mailboxes = pgTable('mailboxes', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
  provider: text('provider', { enum: MAILBOX_PROVIDERS }).notNull().default('smtp'),
  email: text('email').notNull(),
  displayName: text('display_name'),
  smtpHost: text('smtp_host'),
  smtpPort: integer('smtp_port'),
  smtpSecurity: text('smtp_security', { enum: MAILBOX_SECURITY }),
  smtpUsername: text('smtp_username'),
  imapHost: text('imap_host'),
  imapPort: integer('imap_port'),
  imapSecurity: text('imap_security', { enum: MAILBOX_SECURITY }),
  imapUsername: text('imap_username'),
  timezone: text('timezone').notNull().default('UTC'),
  dailyLimit: integer('daily_limit').notNull().default(50),
  minGapSeconds: integer('min_gap_seconds').notNull().default(60),
  gapJitterSeconds: integer('gap_jitter_seconds').notNull().default(60),
  warmupEnabled: boolean('warmup_enabled').notNull().default(false),
  warmupStart: integer('warmup_start').notNull().default(10),
  warmupIncrement: integer('warmup_increment').notNull().default(5),
  warmupStartedOn: date('warmup_started_on', { mode: 'string' }),
  bouncePauseThreshold: numeric('bounce_pause_threshold', { precision: 6, scale: 5, mode: 'number' }).notNull().default(0.05),
  complaintPauseThreshold: numeric('complaint_pause_threshold', { precision: 6, scale: 5, mode: 'number' }).notNull().default(0.003),
  healthMinSample: integer('health_min_sample').notNull().default(50),
  healthWindowDays: integer('health_window_days').notNull().default(7),
  status: text('status', { enum: MAILBOX_STATUSES }).notNull().default('active'),
  pausedReason: text('paused_reason', { enum: MAILBOX_PAUSE_REASONS }),
  pausedDetail: jsonb('paused_detail').$type<Record<string, unknown>>().notNull().default({}),
  pausedAt: ts('paused_at'),
  oauthExpiresAt: ts('oauth_expires_at'),
  lastTestAt: ts('last_test_at'),
  lastTestOk: boolean('last_test_ok'),
  lastTestResult: jsonb('last_test_result').$type<Record<string, unknown>>(),
  lastSentAt: ts('last_sent_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const mailboxSecrets = pgTable('mailbox_secrets', {
  mailboxId: uuid('mailbox_id').primaryKey().references(() => mailboxes.id, { onDelete: 'cascade' }),
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  smtpPassword: text('smtp_password'),
  imapPassword: text('imap_password'),
  oauthAccessToken: text('oauth_access_token'),
  oauthRefreshToken: text('oauth_refresh_token'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const TEMPLATE_CATEGORIES = ['cold_outreach', 'nurture', 'follow_up', 'win_back', 'custom'] as const;
export type TTemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];
export const CHANNELS = ['email', 'whatsapp', 'sms'] as const;
export type TChannel = (typeof CHANNELS)[number];

export const sequenceTemplates = pgTable('sequence_templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').references(() => organizations.id, { onDelete: 'cascade' }),
  isSystem: boolean('is_system').notNull().default(false),
  name: text('name').notNull(),
  description: text('description'),
  category: text('category', { enum: TEMPLATE_CATEGORIES }).notNull().default('custom'),
  industry: text('industry'),
  useCase: text('use_case'),
  channels: text('channels').array().notNull().default(['email']),
  steps: jsonb('steps').$type<unknown[]>().notNull().default([]),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  usageCount: integer('usage_count').notNull().default(0),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const sequences = pgTable('sequences', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  description: text('description'),
  templateId: uuid('template_id').references(() => sequenceTemplates.id, { onDelete: 'set null' }),
  webhookSecret: text('webhook_secret'),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const sequenceVersions = pgTable(
  'sequence_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    sequenceId: uuid('sequence_id').notNull().references(() => sequences.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    steps: jsonb('steps').$type<unknown[]>().notNull().default([]),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.sequenceId, t.version)],
);

export const CAMPAIGN_STATUSES = ['draft', 'active', 'paused', 'completed', 'archived'] as const;
export type TCampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const campaigns = pgTable('campaigns', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  description: text('description'),
  status: text('status', { enum: CAMPAIGN_STATUSES }).notNull().default('draft'),
  sequenceId: uuid('sequence_id').notNull().references(() => sequences.id, { onDelete: 'restrict' }),
  templateId: uuid('template_id').references(() => sequenceTemplates.id, { onDelete: 'set null' }),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
  startedAt: ts('started_at'),
  pausedAt: ts('paused_at'),
  completedAt: ts('completed_at'),
  archivedAt: ts('archived_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const campaignMailboxes = pgTable(
  'campaign_mailboxes',
  {
    campaignId: uuid('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    mailboxId: uuid('mailbox_id').notNull().references(() => mailboxes.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.mailboxId] })],
);

export const ENROLLMENT_STATUSES = ['active', 'paused', 'completed', 'stopped'] as const;
export type TEnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];
export const STOP_REASONS = [
  'reply', 'bounce', 'unsubscribe', 'meeting_booked', 'manual', 'suppressed', 'no_email', 'send_failed', 'campaign_ended',
] as const;
export type TStopReason = (typeof STOP_REASONS)[number];
export const WAITING_REASONS = [
  'waiting_for_delay', 'outside_window', 'daily_cap_reached', 'campaign_daily_cap', 'mailbox_gap', 'mailbox_paused',
  'no_mailbox', 'approval_pending', 'missing_variable', 'suppressed', 'waiting_for_condition', 'waiting_for_task',
  'scheduled', 'sending', 'retrying', 'uncertain_review',
] as const;
export type TWaitingReason = (typeof WAITING_REASONS)[number];

export const enrollments = pgTable(
  'enrollments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id').notNull().references(() => leads.id, { onDelete: 'cascade' }),
    sequenceVersionId: uuid('sequence_version_id').notNull().references(() => sequenceVersions.id, { onDelete: 'restrict' }),
    mailboxId: uuid('mailbox_id').references(() => mailboxes.id, { onDelete: 'set null' }),
    status: text('status', { enum: ENROLLMENT_STATUSES }).notNull().default('active'),
    stopReason: text('stop_reason', { enum: STOP_REASONS }),
    currentStepId: text('current_step_id'),
    currentStepIndex: integer('current_step_index').notNull().default(0),
    stepStartedAt: ts('step_started_at'),
    nextStepAt: ts('next_step_at'),
    waitingReason: text('waiting_reason', { enum: WAITING_REASONS }),
    waitingDetail: jsonb('waiting_detail').$type<Record<string, unknown>>().notNull().default({}),
    startedAt: ts('started_at'),
    pausedAt: ts('paused_at'),
    completedAt: ts('completed_at'),
    stoppedAt: ts('stopped_at'),
    enrolledBy: uuid('enrolled_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.campaignId, t.leadId)],
);

export const MESSAGE_STATUSES = [
  'pending_approval', 'blocked', 'scheduled', 'sending', 'sent', 'failed', 'uncertain', 'cancelled', 'bounced',
] as const;
export type TMessageStatus = (typeof MESSAGE_STATUSES)[number];

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    enrollmentId: uuid('enrollment_id').notNull().references(() => enrollments.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id').notNull().references(() => leads.id, { onDelete: 'cascade' }),
    mailboxId: uuid('mailbox_id').references(() => mailboxes.id, { onDelete: 'set null' }),
    stepId: text('step_id').notNull(),
    stepIndex: integer('step_index').notNull().default(0),
    channel: text('channel', { enum: CHANNELS }).notNull().default('email'),
    variant: text('variant'),
    status: text('status', { enum: MESSAGE_STATUSES }).notNull().default('scheduled'),
    notBefore: ts('not_before').notNull().defaultNow(),
    scheduledFor: ts('scheduled_for'),
    slotRetryAt: ts('slot_retry_at'),
    toEmail: text('to_email').notNull(),
    fromEmail: text('from_email'),
    fromName: text('from_name'),
    subject: text('subject').notNull().default(''),
    html: text('html').notNull().default(''),
    text: text('text').notNull().default(''),
    problems: jsonb('problems').$type<unknown[]>().notNull().default([]),
    messageIdHeader: text('message_id_header'),
    inReplyTo: text('in_reply_to'),
    referencesHeader: text('references_header'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    lastErrorCode: text('last_error_code'),
    claimedBy: text('claimed_by'),
    claimedAt: ts('claimed_at'),
    claimExpiresAt: ts('claim_expires_at'),
    sentAt: ts('sent_at'),
    smtpResponse: text('smtp_response'),
    approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'set null' }),
    approvedAt: ts('approved_at'),
    editedAt: ts('edited_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.enrollmentId, t.stepId)],
);

export const MESSAGE_EVENT_KINDS = ['open', 'click', 'reply', 'bounce', 'unsubscribe', 'complaint'] as const;
export type TMessageEventKind = (typeof MESSAGE_EVENT_KINDS)[number];

export const messageEvents = pgTable('message_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  messageId: uuid('message_id').notNull().references(() => messages.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: MESSAGE_EVENT_KINDS }).notNull(),
  isFirst: boolean('is_first').notNull().default(false),
  isBot: boolean('is_bot').notNull().default(false),
  botReason: text('bot_reason'),
  url: text('url'),
  ip: text('ip'),
  userAgent: text('user_agent'),
  detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  occurredAt: ts('occurred_at').notNull().defaultNow(),
});

export const TASK_TYPES = ['todo', 'call', 'linkedin', 'email', 'other'] as const;
export type TTaskType = (typeof TASK_TYPES)[number];
export const TASK_STATUSES = ['open', 'done', 'skipped'] as const;
export type TTaskStatus = (typeof TASK_STATUSES)[number];

export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    enrollmentId: uuid('enrollment_id').references(() => enrollments.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id').references(() => leads.id, { onDelete: 'cascade' }),
    stepId: text('step_id'),
    title: text('title').notNull(),
    description: text('description'),
    taskType: text('task_type', { enum: TASK_TYPES }).notNull().default('todo'),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    dueAt: ts('due_at'),
    status: text('status', { enum: TASK_STATUSES }).notNull().default('open'),
    completedAt: ts('completed_at'),
    completedBy: uuid('completed_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.enrollmentId, t.stepId)],
);

export const webhookExecutions = pgTable(
  'webhook_executions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    enrollmentId: uuid('enrollment_id').notNull().references(() => enrollments.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id').references(() => leads.id, { onDelete: 'cascade' }),
    stepId: text('step_id').notNull(),
    url: text('url').notNull(),
    status: text('status', { enum: ['pending', 'succeeded', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    responseStatus: integer('response_status'),
    responseExcerpt: text('response_excerpt'),
    error: text('error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [unique().on(t.enrollmentId, t.stepId)],
);

export const schedulingWebhookEvents = pgTable(
  'scheduling_webhook_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    provider: text('provider', { enum: ['calcom', 'calendly'] }).notNull(),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    attendeeEmail: text('attendee_email'),
    leadId: uuid('lead_id').references(() => leads.id, { onDelete: 'set null' }),
    outcome: text('outcome', { enum: ['received', 'meeting_booked', 'no_matching_lead', 'ignored'] }).notNull().default('received'),
    receivedAt: ts('received_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.orgId, t.provider, t.eventId)],
);
