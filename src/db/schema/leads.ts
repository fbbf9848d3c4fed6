/** Drizzle mirror of supabase/migrations/*_leads_core.sql. */
import { sql } from 'drizzle-orm';
import { bigint, boolean, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations, users } from './platform';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const companies = pgTable('companies', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  domain: text('domain'),
  website: text('website'),
  industry: text('industry'),
  sizeRange: text('size_range'),
  employeeCount: integer('employee_count'),
  revenue: bigint('revenue', { mode: 'number' }),
  linkedinUrl: text('linkedin_url'),
  phone: text('phone'),
  city: text('city'),
  state: text('state'),
  country: text('country'),
  description: text('description'),
  customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  deletedAt: ts('deleted_at'),
  // 20261121000210_leads.sql: intent tier (seed 001 rule, kept by a trigger) and fit score (L8)
  intentTier: text('intent_tier', { enum: ['hot', 'warm', 'cold'] }).notNull().default('cold'),
  intentUpdatedAt: ts('intent_updated_at'),
  fitScore: smallint('fit_score'),
  fitTier: text('fit_tier', { enum: ['hot', 'review', 'rejected'] }).generatedAlwaysAs(
    sql`case when fit_score >= 8 then 'hot' when fit_score >= 5 then 'review' when fit_score >= 1 then 'rejected' end`,
  ),
  fitReasoning: text('fit_reasoning'),
  fitScoredAt: ts('fit_scored_at'),
});

export const LEAD_STATUSES = ['new', 'contacted', 'replied', 'interested', 'not_interested', 'bounced', 'unsubscribed', 'converted'] as const;
export type TLeadStatus = (typeof LEAD_STATUSES)[number];

export const leads = pgTable('leads', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  companyId: uuid('company_id').references(() => companies.id, { onDelete: 'set null' }),
  email: text('email'),
  phone: text('phone'),
  whatsapp: text('whatsapp'),
  firstName: text('first_name'),
  lastName: text('last_name'),
  fullName: text('full_name'),
  title: text('title'),
  seniority: text('seniority'),
  department: text('department'),
  linkedinUrl: text('linkedin_url'),
  companyName: text('company_name'),
  website: text('website'),
  city: text('city'),
  state: text('state'),
  country: text('country'),
  timezone: text('timezone'),
  status: text('status', { enum: LEAD_STATUSES }).notNull().default('new'),
  source: text('source').notNull().default('manual'),
  sourceRef: text('source_ref'),
  customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
  suppressedAt: ts('suppressed_at'),
  suppressedReason: text('suppressed_reason'),
  meetingBookedAt: ts('meeting_booked_at'),
  searchText: text('search_text'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  deletedAt: ts('deleted_at'),
  // 20261121000210_leads.sql: platform upload (seed 001) and the import that created the lead
  platformUploaded: boolean('platform_uploaded').notNull().default(false),
  platformUploadedAt: ts('platform_uploaded_at'),
  platformName: text('platform_name'),
  importId: uuid('import_id'),
});

export const SUPPRESSION_REASONS = ['manual', 'import', 'unsubscribe', 'hard_bounce', 'complaint', 'opt_out'] as const;
export type TSuppressionReason = (typeof SUPPRESSION_REASONS)[number];

export const suppressions = pgTable('suppressions', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['email', 'domain'] }).notNull(),
  value: text('value').notNull(),
  reason: text('reason', { enum: SUPPRESSION_REASONS }).notNull(),
  source: text('source'),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const leadEvents = pgTable('lead_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  leadId: uuid('lead_id').notNull().references(() => leads.id, { onDelete: 'cascade' }),
  type: text('type').notNull(),
  summary: text('summary').notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
  occurredAt: ts('occurred_at').notNull().defaultNow(),
});
