/**
 * /api/v1 contracts of the leads feature (L1–L10): leads, companies, imports, lists, tags, custom fields,
 * suppressions, exports, intent and fit. Route files under app/api/v1 are `route(contract, handler)`;
 * /api/openapi.json is built from these objects.
 */
import { z } from 'zod';
import { CUSTOM_FIELD_TYPES, INTENT_STRENGTHS, LEAD_STATUSES, type ROLES } from '@/db/schema';
import { endpoint, type TEndpoint } from '@/lib/http/endpoint';
import { ZListCompaniesQuery } from './companies';
import { ZLeadFilter, ZListLeadsQuery } from './filters';
import {
  ZAddIntentSignals, ZBulkLeads, ZConfirmImport, ZCreateCompany, ZCreateLead, ZCustomFieldInput, ZCustomFieldPatch, ZExportRequest, ZListInput,
  ZListPatch, ZMappingInput, ZQualifyCompany, ZRestoreLeads, ZSuppressionInput, ZSuppressionQuery, ZTagInput, ZTagPatch, ZUpdateCompany, ZUpdateLead,
} from './schemas';

const ADMINS = ['owner', 'admin'] as const satisfies (typeof ROLES)[number][];
const TAGS = {
  leads: ['Leads'], companies: ['Companies'], imports: ['Imports'], lists: ['Lists'], tags: ['Tags'], fields: ['Custom fields'],
  suppressions: ['Suppressions'], exports: ['Exports'], intent: ['Intent and fit'],
};
/** Timestamps are ISO-8601 with the offset, to the microsecond. */
const zTs = z.string();
const zId = z.uuid();
const idParams = z.object({ id: z.uuid() });
const companySignalParams = z.object({ id: z.uuid(), signalId: z.uuid() });
const intentTier = z.enum(['hot', 'warm', 'cold']);
const fitTier = z.enum(['hot', 'review', 'rejected']);
const MULTIPART_LIMIT = 64 * 1024 * 1024;

// ---- response schemas --------------------------------------------------------------------------
const ZTagRef = z.object({ id: zId, name: z.string(), color: z.string().nullable() });
const ZListRef = z.object({ id: zId, name: z.string() });
const ZCustomValues = z.record(z.string(), z.union([z.string(), z.number()]));

export const ZLeadOut = z.object({
  id: zId, orgId: zId, companyId: zId.nullable(), email: z.string().nullable(), phone: z.string().nullable(), whatsapp: z.string().nullable(),
  firstName: z.string().nullable(), lastName: z.string().nullable(), fullName: z.string().nullable(), title: z.string().nullable(),
  seniority: z.string().nullable(), department: z.string().nullable(), linkedinUrl: z.string().nullable(), companyName: z.string().nullable(),
  website: z.string().nullable(), city: z.string().nullable(), state: z.string().nullable(),
  /** ISO 3166-1 alpha-2 when recognised, else as written. */
  country: z.string().nullable(),
  timezone: z.string().nullable(), status: z.enum(LEAD_STATUSES), source: z.string(), sourceRef: z.string().nullable(), customFields: ZCustomValues,
  /** Set when the address or its domain is on the suppression list: never contacted. */
  suppressedAt: zTs.nullable(),
  suppressedReason: z.string().nullable(), meetingBookedAt: zTs.nullable(), platformUploaded: z.boolean(), platformUploadedAt: zTs.nullable(),
  platformName: z.string().nullable(), importId: zId.nullable(), createdAt: zTs, updatedAt: zTs, deletedAt: zTs.nullable(),
});
export const ZLeadRowOut = ZLeadOut.extend({
  companyDomain: z.string().nullable(), intentTier, fitScore: z.number().int().nullable(), fitTier: fitTier.nullable(), tags: z.array(ZTagRef),
});
export const ZLeadPageOut = z.object({ items: z.array(ZLeadRowOut), nextCursor: z.string().nullable(), total: z.number().int().optional() });

export const ZCompanyOut = z.object({
  id: zId, orgId: zId, name: z.string(), domain: z.string().nullable(), website: z.string().nullable(), industry: z.string().nullable(),
  sizeRange: z.string().nullable(), employeeCount: z.number().int().nullable(), revenue: z.number().nullable(), linkedinUrl: z.string().nullable(),
  phone: z.string().nullable(), city: z.string().nullable(), state: z.string().nullable(), country: z.string().nullable(),
  description: z.string().nullable(), customFields: z.record(z.string(), z.unknown()), intentTier, intentUpdatedAt: zTs.nullable(),
  fitScore: z.number().int().min(1).max(10).nullable(), fitTier: fitTier.nullable(), fitReasoning: z.string().nullable(), fitScoredAt: zTs.nullable(),
  createdAt: zTs, updatedAt: zTs, deletedAt: zTs.nullable(),
});
const ZTrend = z.enum(['up', 'down', 'stable']).nullable();
export const ZCompanyRowOut = ZCompanyOut.extend({ leadCount: z.number().int(), trend: ZTrend });
export const ZCompanyPageOut = z.object({ items: z.array(ZCompanyOut.extend({ leadCount: z.number().int() })), nextCursor: z.string().nullable() });

export const ZIntentSignalOut = z.object({
  id: zId, companyId: zId, signalType: z.string(), strength: z.enum(INTENT_STRENGTHS), detectedAt: zTs, source: z.string().nullable(), createdAt: zTs,
});
export const ZSnapshotOut = z.object({ id: zId, score: z.number().int(), tier: fitTier, signals: z.array(z.unknown()), reasoning: z.string().nullable(), createdAt: zTs });
const ZCustomFieldOut = z.object({ id: zId, key: z.string(), label: z.string(), type: z.enum(CUSTOM_FIELD_TYPES), createdAt: zTs, updatedAt: zTs });
const ZTimelineEvent = z.object({ id: zId, type: z.string(), summary: z.string(), data: z.record(z.string(), z.unknown()), actorId: zId.nullable(), occurredAt: zTs });

export const ZLeadDetailOut = z.object({
  lead: ZLeadOut.extend({ lists: z.array(ZListRef), tags: z.array(ZTagRef) }),
  customFieldDefinitions: z.array(ZCustomFieldOut),
  company: ZCompanyRowOut.extend({ signals: z.array(ZIntentSignalOut) }).nullable(),
  contacts: z.array(z.object({ id: zId, fullName: z.string().nullable(), email: z.string().nullable(), title: z.string().nullable(), status: z.string() })),
  timeline: z.array(ZTimelineEvent),
  /** Oldest first, for the score chart. */
  scoreHistory: z.array(ZSnapshotOut),
});

const ZListOut = z.object({ id: zId, name: z.string(), description: z.string().nullable(), leadCount: z.number().int(), createdAt: zTs, updatedAt: zTs });
const ZTagOut = z.object({ id: zId, name: z.string(), color: z.string().nullable(), leadCount: z.number().int(), createdAt: zTs });
const ZSuppressionOut = z.object({ id: zId, kind: z.enum(['email', 'domain']), value: z.string(), reason: z.string(), source: z.string().nullable(), createdAt: zTs });
const ZAddSuppressionsOut = z.object({
  added: z.number().int(), alreadyListed: z.number().int(), leadsMarked: z.number().int(),
  invalid: z.array(z.object({ value: z.string(), reason: z.string() })),
});
const ZDeleted = z.object({ id: zId, deleted: z.literal(true) });

const ZImportLeadOut = z.object({
  email: z.string().nullable(), phone: z.string().nullable(), whatsapp: z.string().nullable(), firstName: z.string().nullable(),
  lastName: z.string().nullable(), title: z.string().nullable(), seniority: z.string().nullable(), department: z.string().nullable(),
  linkedinUrl: z.string().nullable(), website: z.string().nullable(), city: z.string().nullable(), state: z.string().nullable(),
  country: z.string().nullable(), timezone: z.string().nullable(), status: z.enum(LEAD_STATUSES).nullable(), source: z.string().nullable(),
  customFields: ZCustomValues, tags: z.array(z.string()), lists: z.array(z.string()),
  company: z.object({ name: z.string(), domain: z.string().nullable() }).catchall(z.unknown()).nullable(),
});
const ZPreviewRowOut = z.union([
  z.object({ rowNumber: z.number().int(), ok: z.literal(true), lead: ZImportLeadOut }),
  z.object({ rowNumber: z.number().int(), ok: z.literal(false), reason: z.string() }),
]);
const ZMappingOut = z.object({ columns: z.array(z.object({ index: z.number().int(), header: z.string(), target: z.string().nullable() })) });
export const ZImportOut = z.object({
  id: zId, status: z.enum(['uploaded', 'queued', 'running', 'completed', 'failed']), fileName: z.string(), fileType: z.enum(['csv', 'xlsx']),
  fileSize: z.number(), encoding: z.string().nullable(), delimiter: z.string().nullable(), layout: z.string().nullable(), layoutName: z.string().nullable(),
  headers: z.array(z.string()), mapping: ZMappingOut, options: z.record(z.string(), z.unknown()), totalRows: z.number().int(), processedRows: z.number().int(),
  progress: z.number().int().min(0).max(100),
  counts: z.object({ created: z.number().int(), updated: z.number().int(), skippedDuplicate: z.number().int(), rejected: z.number().int(), suppressed: z.number().int() }),
  error: z.string().nullable(), attempts: z.number().int(), createdAt: zTs, startedAt: zTs.nullable(), finishedAt: zTs.nullable(),
});
export const ZImportProposalOut = z.object({
  import: ZImportOut, layout: z.string(), layoutName: z.string(), encoding: z.string().nullable(), delimiter: z.string().nullable(),
  headers: z.array(z.string()), mapping: ZMappingOut, preview: z.array(ZPreviewRowOut), warnings: z.array(z.string()),
});

const ZIntentLeadOut = z.object({
  leadId: zId, email: z.string().nullable(), fullName: z.string().nullable(), title: z.string().nullable(), companyId: zId.nullable(),
  companyName: z.string().nullable(), domain: z.string().nullable(), industry: z.string().nullable(), intentTier, fitScore: z.number().int().nullable(), createdAt: zTs,
});

// ---- leads ---------------------------------------------------------------------------------------
export const listLeadsEndpoint = endpoint({
  method: 'GET', path: '/api/v1/leads', auth: 'user', tags: TAGS.leads,
  summary: 'Search, filter, sort and page through leads',
  description: 'Keyset pagination: pass `nextCursor` back as `cursor`. Lists accept comma-separated values or repeated parameters; custom fields filter as `custom=key:value`.',
  query: ZListLeadsQuery, response: ZLeadPageOut,
});
export const createLeadEndpoint = endpoint({
  method: 'POST', path: '/api/v1/leads', auth: 'user', tags: TAGS.leads, status: 201,
  summary: 'Create a lead (normalised; its company found or created by domain, then name)',
  body: ZCreateLead, bodyLimit: 64_000, response: z.object({ lead: ZLeadOut }),
});
export const getLeadEndpoint = endpoint({
  method: 'GET', path: '/api/v1/leads/{id}', auth: 'user', tags: TAGS.leads,
  summary: 'A lead with its company, other contacts, timeline and score history',
  params: idParams, response: ZLeadDetailOut,
});
export const updateLeadEndpoint = endpoint({
  method: 'PATCH', path: '/api/v1/leads/{id}', auth: 'user', tags: TAGS.leads,
  summary: 'Edit a lead (send only the fields to change; null clears)',
  params: idParams, body: ZUpdateLead, bodyLimit: 64_000, response: z.object({ lead: ZLeadOut }),
});
export const deleteLeadEndpoint = endpoint({
  method: 'DELETE', path: '/api/v1/leads/{id}', auth: 'user', tags: TAGS.leads,
  summary: 'Delete a lead (soft: restore it with the undo token)',
  params: idParams, response: z.object({ deleted: z.number().int(), undoToken: z.string().nullable() }),
});
export const bulkLeadsEndpoint = endpoint({
  method: 'POST', path: '/api/v1/leads/bulk', auth: 'user', tags: TAGS.leads,
  summary: 'Add to a list, tag, untag, set status or delete: selected ids or every lead matching a filter',
  body: ZBulkLeads, bodyLimit: 1_000_000,
  response: z.object({ action: z.string(), affected: z.number().int(), undoToken: z.string().nullable().optional() }),
});
export const restoreLeadsEndpoint = endpoint({
  method: 'POST', path: '/api/v1/leads/restore', auth: 'user', tags: TAGS.leads,
  summary: 'Undo a deletion (by its undo token) or restore leads from the trash by id',
  body: ZRestoreLeads, bodyLimit: 1_000_000, response: z.object({ restored: z.number().int(), conflicts: z.number().int() }),
});
export const leadTimelineEndpoint = endpoint({
  method: 'GET', path: '/api/v1/leads/{id}/timeline', auth: 'user', tags: TAGS.leads,
  summary: 'The activity timeline of a lead, newest first',
  params: idParams, query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
  response: z.object({ events: z.array(ZTimelineEvent) }),
});
export const intentBreakdownEndpoint = endpoint({
  method: 'GET', path: '/api/v1/leads/intent-breakdown', auth: 'user', tags: TAGS.intent,
  summary: 'Hot / warm / cold lead counts (seed 001 view lead_intent_breakdown)',
  response: z.object({
    hotCount: z.number().int(), warmCount: z.number().int(), coldCount: z.number().int(), totalCount: z.number().int(),
    hotPercentage: z.number(), warmPercentage: z.number(),
  }),
});
export const leadsByIntentEndpoint = endpoint({
  method: 'GET', path: '/api/v1/leads/by-intent', auth: 'user', tags: TAGS.intent,
  summary: 'Leads whose company has this intent tier (seed 001 get_leads_by_intent_score)',
  query: z.object({ score: intentTier, limit: z.coerce.number().int().min(1).max(5000).default(500) }),
  response: z.object({ leads: z.array(ZIntentLeadOut) }),
});
export const leadsReadyForUploadEndpoint = endpoint({
  method: 'GET', path: '/api/v1/leads/ready-for-upload', auth: 'user', tags: TAGS.intent,
  summary: 'Leads at or above an intent tier not yet uploaded to a platform (seed 001 get_leads_ready_for_upload)',
  query: z.object({ minScore: intentTier.default('warm'), limit: z.coerce.number().int().min(1).max(5000).default(500) }),
  response: z.object({ leads: z.array(ZIntentLeadOut.extend({ platform: z.string() }).catchall(z.unknown())) }),
});
export const markUploadedEndpoint = endpoint({
  method: 'POST', path: '/api/v1/leads/platform-uploads', auth: 'user', tags: TAGS.intent,
  summary: 'Record that leads were uploaded to a platform',
  body: z.object({ leadIds: z.array(z.uuid()).min(1).max(10_000), platformName: z.string().trim().min(1).max(100) }), bodyLimit: 1_000_000,
  response: z.object({ marked: z.number().int() }),
});

// ---- companies -----------------------------------------------------------------------------------
export const listCompaniesEndpoint = endpoint({
  method: 'GET', path: '/api/v1/companies', auth: 'user', tags: TAGS.companies,
  summary: 'Search and page through companies', query: ZListCompaniesQuery, response: ZCompanyPageOut,
});
export const createCompanyEndpoint = endpoint({
  method: 'POST', path: '/api/v1/companies', auth: 'user', tags: TAGS.companies, status: 201,
  summary: 'Create a company (one live company per domain)', body: ZCreateCompany, bodyLimit: 64_000, response: z.object({ company: ZCompanyRowOut }),
});
export const getCompanyEndpoint = endpoint({
  method: 'GET', path: '/api/v1/companies/{id}', auth: 'user', tags: TAGS.companies,
  summary: 'A company with its lead count and score trend', params: idParams, response: z.object({ company: ZCompanyRowOut }),
});
export const updateCompanyEndpoint = endpoint({
  method: 'PATCH', path: '/api/v1/companies/{id}', auth: 'user', tags: TAGS.companies,
  summary: 'Edit a company', params: idParams, body: ZUpdateCompany, bodyLimit: 64_000, response: z.object({ company: ZCompanyRowOut }),
});
export const deleteCompanyEndpoint = endpoint({
  method: 'DELETE', path: '/api/v1/companies/{id}', auth: 'user', tags: TAGS.companies,
  summary: 'Delete a company (soft; its leads keep it)', params: idParams, response: ZDeleted,
});
export const restoreCompanyEndpoint = endpoint({
  method: 'POST', path: '/api/v1/companies/{id}/restore', auth: 'user', tags: TAGS.companies,
  summary: 'Restore a deleted company', params: idParams, response: z.object({ company: ZCompanyRowOut }),
});
export const listSignalsEndpoint = endpoint({
  method: 'GET', path: '/api/v1/companies/{id}/intent-signals', auth: 'user', tags: TAGS.intent,
  summary: 'Intent signals of a company, newest first', params: idParams, response: z.object({ signals: z.array(ZIntentSignalOut) }),
});
export const addSignalsEndpoint = endpoint({
  method: 'POST', path: '/api/v1/companies/{id}/intent-signals', auth: 'user', tags: TAGS.intent, status: 201,
  summary: "Add intent signals; the company's intent tier follows the seed 001 rule",
  params: idParams, body: ZAddIntentSignals, bodyLimit: 256_000,
  response: z.object({ signals: z.array(ZIntentSignalOut), intentTier }),
});
export const deleteSignalEndpoint = endpoint({
  method: 'DELETE', path: '/api/v1/companies/{id}/intent-signals/{signalId}', auth: 'user', tags: TAGS.intent,
  summary: 'Remove an intent signal', params: companySignalParams, response: ZDeleted.extend({ intentTier }),
});
export const qualifyCompanyEndpoint = endpoint({
  method: 'POST', path: '/api/v1/companies/{id}/qualifications', auth: 'user', tags: TAGS.intent, status: 201,
  summary: 'Record a fit (re)qualification: score 1–10, reasoning, signals; writes a snapshot',
  params: idParams, body: ZQualifyCompany, bodyLimit: 256_000,
  response: z.object({ snapshot: ZSnapshotOut, previousScore: z.number().int().nullable(), changed: z.boolean(), trend: ZTrend }),
});
export const listSnapshotsEndpoint = endpoint({
  method: 'GET', path: '/api/v1/companies/{id}/snapshots', auth: 'user', tags: TAGS.intent,
  summary: 'Score history of a company, newest first', params: idParams, response: z.object({ snapshots: z.array(ZSnapshotOut) }),
});

// ---- imports -------------------------------------------------------------------------------------
export const startImportEndpoint = endpoint({
  method: 'POST', path: '/api/v1/imports', auth: 'user', tags: TAGS.imports, status: 201,
  summary: 'Upload a CSV or XLSX (multipart field "file"): proposed mapping, detected layout and encoding, preview',
  description: 'Files over IMPORT_MAX_BYTES are refused with 413 before they are read; more than IMPORT_MAX_ROWS rows with 422.',
  bodyKind: 'multipart', bodyLimit: MULTIPART_LIMIT, response: ZImportProposalOut,
});
export const listImportsEndpoint = endpoint({
  method: 'GET', path: '/api/v1/imports', auth: 'user', tags: TAGS.imports,
  summary: 'Recent imports', query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
  response: z.object({ imports: z.array(ZImportOut) }),
});
export const getImportEndpoint = endpoint({
  method: 'GET', path: '/api/v1/imports/{id}', auth: 'user', tags: TAGS.imports,
  summary: 'An import: status, progress and counts (poll this while it runs)', params: idParams, response: ZImportOut,
});
export const previewImportEndpoint = endpoint({
  method: 'POST', path: '/api/v1/imports/{id}/preview', auth: 'user', tags: TAGS.imports,
  summary: 'The first rows as another mapping would store them', params: idParams, body: ZMappingInput, bodyLimit: 256_000,
  response: z.object({ rows: z.array(ZPreviewRowOut) }),
});
export const confirmImportEndpoint = endpoint({
  method: 'POST', path: '/api/v1/imports/{id}/confirm', auth: 'user', tags: TAGS.imports, status: 202,
  summary: 'Confirm the mapping and options (dedupe skip / fill_empty / overwrite, list, tags) and start the import job',
  params: idParams, body: ZConfirmImport, bodyLimit: 256_000, response: ZImportOut,
});
export const retryImportEndpoint = endpoint({
  method: 'POST', path: '/api/v1/imports/{id}/retry', auth: 'user', tags: TAGS.imports, status: 202,
  summary: 'Retry a failed import; it continues after the last stored row', params: idParams, response: ZImportOut,
});
export const discardImportEndpoint = endpoint({
  method: 'DELETE', path: '/api/v1/imports/{id}', auth: 'user', tags: TAGS.imports,
  summary: 'Discard an upload that was never confirmed (409 once the import has started)', params: idParams, response: ZDeleted,
});
export const importRejectionsEndpoint = endpoint({
  method: 'GET', path: '/api/v1/imports/{id}/rejections', auth: 'user', tags: TAGS.imports, transaction: false,
  summary: 'Rejected rows as CSV: row number, reason, and the row as it was', params: idParams, produces: 'text/csv',
});

// ---- lists, tags, custom fields ------------------------------------------------------------------
export const listListsEndpoint = endpoint({ method: 'GET', path: '/api/v1/lists', auth: 'user', tags: TAGS.lists, summary: 'Lists with lead counts', response: z.object({ lists: z.array(ZListOut) }) });
export const createListEndpoint = endpoint({ method: 'POST', path: '/api/v1/lists', auth: 'user', tags: TAGS.lists, status: 201, summary: 'Create a list', body: ZListInput, bodyLimit: 16_000, response: z.object({ list: ZListOut }) });
export const getListEndpoint = endpoint({ method: 'GET', path: '/api/v1/lists/{id}', auth: 'user', tags: TAGS.lists, summary: 'A list', params: idParams, response: z.object({ list: ZListOut }) });
export const updateListEndpoint = endpoint({ method: 'PATCH', path: '/api/v1/lists/{id}', auth: 'user', tags: TAGS.lists, summary: 'Rename or describe a list', params: idParams, body: ZListPatch, bodyLimit: 16_000, response: z.object({ list: ZListOut }) });
export const deleteListEndpoint = endpoint({ method: 'DELETE', path: '/api/v1/lists/{id}', auth: 'user', tags: TAGS.lists, summary: 'Delete a list (its leads stay)', params: idParams, response: ZDeleted });

export const listTagsEndpoint = endpoint({ method: 'GET', path: '/api/v1/tags', auth: 'user', tags: TAGS.tags, summary: 'Tags with lead counts', response: z.object({ tags: z.array(ZTagOut) }) });
export const createTagEndpoint = endpoint({ method: 'POST', path: '/api/v1/tags', auth: 'user', tags: TAGS.tags, status: 201, summary: 'Create a tag', body: ZTagInput, bodyLimit: 8_000, response: z.object({ tag: ZTagOut }) });
export const updateTagEndpoint = endpoint({ method: 'PATCH', path: '/api/v1/tags/{id}', auth: 'user', tags: TAGS.tags, summary: 'Rename or recolour a tag', params: idParams, body: ZTagPatch, bodyLimit: 8_000, response: z.object({ tag: ZTagOut }) });
export const deleteTagEndpoint = endpoint({ method: 'DELETE', path: '/api/v1/tags/{id}', auth: 'user', tags: TAGS.tags, summary: 'Delete a tag', params: idParams, response: ZDeleted });

export const listCustomFieldsEndpoint = endpoint({ method: 'GET', path: '/api/v1/custom-fields', auth: 'user', tags: TAGS.fields, summary: 'Custom field definitions', response: z.object({ customFields: z.array(ZCustomFieldOut) }) });
export const createCustomFieldEndpoint = endpoint({ method: 'POST', path: '/api/v1/custom-fields', auth: 'user', tags: TAGS.fields, status: 201, summary: 'Define a custom field (text, number, date or url)', body: ZCustomFieldInput, bodyLimit: 8_000, response: z.object({ customField: ZCustomFieldOut }) });
export const updateCustomFieldEndpoint = endpoint({ method: 'PATCH', path: '/api/v1/custom-fields/{id}', auth: 'user', tags: TAGS.fields, summary: 'Relabel a custom field', params: idParams, body: ZCustomFieldPatch, bodyLimit: 8_000, response: z.object({ customField: ZCustomFieldOut }) });
export const deleteCustomFieldEndpoint = endpoint({ method: 'DELETE', path: '/api/v1/custom-fields/{id}', auth: 'user', roles: [...ADMINS], tags: TAGS.fields, summary: 'Delete a custom field and its values (owners and admins)', params: idParams, response: ZDeleted });

// ---- suppressions --------------------------------------------------------------------------------
export const listSuppressionsEndpoint = endpoint({
  method: 'GET', path: '/api/v1/suppressions', auth: 'user', tags: TAGS.suppressions,
  summary: 'Search the suppression list', query: ZSuppressionQuery, response: z.object({ items: z.array(ZSuppressionOut), nextCursor: z.string().nullable() }),
});
export const addSuppressionsEndpoint = endpoint({
  method: 'POST', path: '/api/v1/suppressions', auth: 'user', tags: TAGS.suppressions, status: 201,
  summary: 'Suppress email addresses or whole domains; matching leads are marked and never contacted',
  body: ZSuppressionInput, bodyLimit: 1_000_000, response: ZAddSuppressionsOut,
});
export const uploadSuppressionsEndpoint = endpoint({
  method: 'POST', path: '/api/v1/suppressions/upload', auth: 'user', tags: TAGS.suppressions, status: 201,
  summary: 'Suppress the addresses or domains of a CSV (multipart field "file")', bodyKind: 'multipart', bodyLimit: 5_000_000, response: ZAddSuppressionsOut,
});
export const deleteSuppressionEndpoint = endpoint({
  method: 'DELETE', path: '/api/v1/suppressions/{id}', auth: 'user', roles: [...ADMINS], tags: TAGS.suppressions,
  summary: 'Remove an entry (owners and admins); leads no other entry covers are contactable again',
  params: idParams, response: z.object({ id: zId, removed: z.literal(true), leadsUnmarked: z.number().int() }),
});
export const exportSuppressionsEndpoint = endpoint({
  method: 'GET', path: '/api/v1/suppressions/export', auth: 'user', tags: TAGS.suppressions, transaction: false,
  summary: 'The suppression list as CSV', produces: 'text/csv',
});

// ---- exports -------------------------------------------------------------------------------------
export const exportLeadsGetEndpoint = endpoint({
  method: 'GET', path: '/api/v1/exports/leads', auth: 'user', tags: TAGS.exports, transaction: false,
  summary: 'Export every lead matching the filter as CSV or XLSX (streamed; columns import back unchanged)',
  query: ZLeadFilter.extend({ format: z.enum(['csv', 'xlsx']).default('csv') }), produces: 'text/csv',
});
export const exportLeadsPostEndpoint = endpoint({
  method: 'POST', path: '/api/v1/exports/leads', auth: 'user', tags: TAGS.exports, transaction: false,
  summary: 'Export selected leads (ids) or a filter as CSV or XLSX (streamed)',
  body: ZExportRequest, bodyLimit: 1_000_000, produces: 'text/csv',
});

export const leadsApi: TEndpoint[] = [
  listLeadsEndpoint, createLeadEndpoint, getLeadEndpoint, updateLeadEndpoint, deleteLeadEndpoint, bulkLeadsEndpoint, restoreLeadsEndpoint,
  leadTimelineEndpoint, intentBreakdownEndpoint, leadsByIntentEndpoint, leadsReadyForUploadEndpoint, markUploadedEndpoint,
  listCompaniesEndpoint, createCompanyEndpoint, getCompanyEndpoint, updateCompanyEndpoint, deleteCompanyEndpoint, restoreCompanyEndpoint,
  listSignalsEndpoint, addSignalsEndpoint, deleteSignalEndpoint, qualifyCompanyEndpoint, listSnapshotsEndpoint,
  startImportEndpoint, listImportsEndpoint, getImportEndpoint, previewImportEndpoint, confirmImportEndpoint, retryImportEndpoint, importRejectionsEndpoint,
  listListsEndpoint, createListEndpoint, getListEndpoint, updateListEndpoint, deleteListEndpoint,
  listTagsEndpoint, createTagEndpoint, updateTagEndpoint, deleteTagEndpoint,
  listCustomFieldsEndpoint, createCustomFieldEndpoint, updateCustomFieldEndpoint, deleteCustomFieldEndpoint,
  listSuppressionsEndpoint, addSuppressionsEndpoint, uploadSuppressionsEndpoint, deleteSuppressionEndpoint, exportSuppressionsEndpoint,
  exportLeadsGetEndpoint, exportLeadsPostEndpoint,
] as TEndpoint[];
