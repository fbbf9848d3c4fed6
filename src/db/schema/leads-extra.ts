/**
 * Drizzle mirror of supabase/migrations/20261121000210_leads.sql (the new tables; new columns are in leads.ts)
 * and 20261121000220_leads_import_speed.sql (imports.batch_size, import_batches).
 */
import { customType, integer, bigint, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations, users } from './platform';
import { companies, leads } from './leads';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const lists = pgTable('lists', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  description: text('description'),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const listMembers = pgTable(
  'list_members',
  {
    listId: uuid('list_id').notNull().references(() => lists.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id').notNull().references(() => leads.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    addedAt: ts('added_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.listId, t.leadId] })],
);

export const tags = pgTable('tags', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  color: text('color'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const leadTags = pgTable(
  'lead_tags',
  {
    tagId: uuid('tag_id').notNull().references(() => tags.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id').notNull().references(() => leads.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tagId, t.leadId] })],
);

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'url'] as const;
export type TCustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export const customFieldDefinitions = pgTable('custom_field_definitions', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  key: text('key').notNull(),
  label: text('label').notNull(),
  type: text('type', { enum: CUSTOM_FIELD_TYPES }).notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const IMPORT_STATUSES = ['uploaded', 'queued', 'running', 'completed', 'failed'] as const;
export type TImportStatus = (typeof IMPORT_STATUSES)[number];

export const imports = pgTable('imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  status: text('status', { enum: IMPORT_STATUSES }).notNull().default('uploaded'),
  fileName: text('file_name').notNull(),
  fileType: text('file_type', { enum: ['csv', 'xlsx'] }).notNull(),
  fileSize: bigint('file_size', { mode: 'number' }).notNull(),
  encoding: text('encoding'),
  delimiter: text('delimiter'),
  layout: text('layout'),
  headers: jsonb('headers').$type<string[]>().notNull().default([]),
  mapping: jsonb('mapping').$type<Record<string, unknown>>().notNull().default({}),
  options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
  totalRows: integer('total_rows').notNull().default(0),
  processedRows: integer('processed_rows').notNull().default(0),
  createdCount: integer('created_count').notNull().default(0),
  updatedCount: integer('updated_count').notNull().default(0),
  skippedDuplicateCount: integer('skipped_duplicate_count').notNull().default(0),
  rejectedCount: integer('rejected_count').notNull().default(0),
  suppressedCount: integer('suppressed_count').notNull().default(0),
  error: text('error'),
  jobRunId: uuid('job_run_id'),
  attempts: integer('attempts').notNull().default(0),
  /** Data rows per batch, fixed by the first run so that batch boundaries are the same on every attempt. */
  batchSize: integer('batch_size'),
  startedAt: ts('started_at'),
  finishedAt: ts('finished_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const importFiles = pgTable('import_files', {
  importId: uuid('import_id').primaryKey().references(() => imports.id, { onDelete: 'cascade' }),
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  content: bytea('content').notNull(),
  contentEncoding: text('content_encoding', { enum: ['gzip', 'identity'] }).notNull().default('gzip'),
  sha256: text('sha256').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const importRejections = pgTable(
  'import_rejections',
  {
    importId: uuid('import_id').notNull().references(() => imports.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    rowNumber: integer('row_number').notNull(),
    reason: text('reason').notNull(),
    raw: jsonb('raw').$type<string[]>().notNull().default([]),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.rowNumber] })],
);

/** One committed batch of an import: data rows [startRow, startRow + rowCount) and what they did (the resume checkpoint). */
export const importBatches = pgTable(
  'import_batches',
  {
    importId: uuid('import_id').notNull().references(() => imports.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    startRow: integer('start_row').notNull(),
    rowCount: integer('row_count').notNull(),
    createdCount: integer('created_count').notNull().default(0),
    updatedCount: integer('updated_count').notNull().default(0),
    skippedDuplicateCount: integer('skipped_duplicate_count').notNull().default(0),
    rejectedCount: integer('rejected_count').notNull().default(0),
    suppressedCount: integer('suppressed_count').notNull().default(0),
    committedAt: ts('committed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.startRow] })],
);

export const INTENT_STRENGTHS = ['high', 'medium', 'low'] as const;
export type TIntentStrength = (typeof INTENT_STRENGTHS)[number];

export const intentSignals = pgTable('intent_signals', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  companyId: uuid('company_id').notNull().references(() => companies.id, { onDelete: 'cascade' }),
  signalType: text('signal_type').notNull(),
  strength: text('strength', { enum: INTENT_STRENGTHS }).notNull(),
  detectedAt: ts('detected_at').notNull().defaultNow(),
  source: text('source'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const companySnapshots = pgTable('company_snapshots', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  companyId: uuid('company_id').notNull().references(() => companies.id, { onDelete: 'cascade' }),
  score: smallint('score').notNull(),
  tier: text('tier', { enum: ['hot', 'review', 'rejected'] }).notNull(),
  signals: jsonb('signals').$type<unknown[]>().notNull().default([]),
  reasoning: text('reasoning'),
  createdAt: ts('created_at').notNull().defaultNow(),
});
