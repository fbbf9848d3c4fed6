// The leads feature's only door. Other features import from here.
export { suppress, isSuppressed, normaliseSuppression, type TSuppressInput } from './suppression';
export { addLeadEvent, addLeadEvents, findLeadEvents, leadTimeline, type TLeadEventInput } from './timeline';

// read models and inputs
export { LEAD_STATUSES, SUPPRESSION_REASONS, CUSTOM_FIELD_TYPES, INTENT_STRENGTHS, type TLeadStatus, type TCustomFieldType, type TIntentStrength } from '@/db/schema';
export * from './types';
export * from './schemas';
export {
  ZLeadFilter, ZListLeadsQuery, LEAD_SORTS, encodeCursor, decodeCursor, defaultDir,
  type TLeadFilter, type TLeadFilterInput, type TListLeadsQuery, type TListLeadsQueryInput, type TLeadSort,
} from './filters';

// pure logic
export { intentTier, intentTierFor, INTENT_TIERS, type TIntentTier } from './intent';
export { fitTier, scoreTrend, isSignificantChange, FIT_TIERS, type TFitTier, type TTrend } from './fit';
export { neutraliseCell, restoreCell, csvLine } from './csv-safety';
export { countryCode, countryName, normaliseCountry } from './countries';
export {
  normaliseEmail, normalisePhone, normaliseDomain, normaliseWebsite, normaliseLinkedinUrl, splitName, joinName, FREE_MAIL_DOMAINS,
} from './normalise';
export { LEAD_TARGETS, COMPANY_TARGETS, TARGET_LABELS, EXPORT_COLUMNS, isTarget, type TTarget } from './fields';
export { detectLayout, proposeMapping, mappingProblem, LAYOUT_NAMES, type TLayoutId, type TMapping, type TColumnMapping } from './layouts';
export type { TImportLead, TImportCompany } from './import-row';

// leads
export { createLead } from './create-lead';
export { getLead, findLead } from './get-lead';
export { updateLead } from './update-lead';
export { deleteLeads, restoreLeads, type TDeleteResult } from './delete-leads';
export { findLeads, countLeads, type TLeadPage } from './find-leads';
export { bulkLeadAction, type TBulkResult } from './bulk-leads';
export { getLeadDetail, type TLeadDetail, type TTimelineEvent, type TContact } from './get-lead-detail';
export { exportLeads, type TExport } from './export-leads';

// companies, intent, fit
export { createCompany, getCompany, updateCompany, deleteCompany, restoreCompany, findCompanies, ZListCompaniesQuery, type TListCompaniesQuery } from './companies';
export { resolveCompanies, type TCompanyCandidate } from './resolve-companies';
export { addIntentSignals, findIntentSignals, deleteIntentSignal, type TIntentSignal } from './intent-signals';
export { qualifyCompany, findCompanySnapshots, type TSnapshot, type TQualification } from './qualify-company';
export {
  getIntentBreakdown, findLeadsByIntentScore, findLeadsReadyForUpload, markLeadsUploaded, getPlatformUploadStats,
  type TIntentBreakdown, type TIntentLead, type TUploadLead,
} from './intent-views';

// lists, tags, custom fields, suppression list
export { findLists, getList, createList, updateList, deleteList, type TList } from './lists';
export { findTags, getTag, createTag, updateTag, deleteTag, type TTag } from './tags';
export { findCustomFields, createCustomField, updateCustomField, deleteCustomField, keyFromLabel, type TCustomField } from './custom-fields';
export {
  addSuppressions, addSuppressionsFromCsv, findSuppressions, removeSuppression, suppressionsCsv,
  type TSuppression, type TAddSuppressionsResult,
} from './suppression-list';

// imports
export {
  startImport, previewImport, confirmImport, retryImport, discardImport, getImport, findImports, importRejectionsCsv,
  type TImport, type TImportProposal, type TPreviewRow, type TImportLimits, type TImportStatus,
} from './imports';
export { runImport, type TBatchInfo, type TImportJobDeps, type TImportJobPayload, type TImportSummary } from './run-import';
export { importLeadsTask } from './tasks';
export { readUpload, download } from './upload';
export * from './api';
export { findLeadsPage, findCompanyTrends, findCompaniesPage, findSuppressionsPage, countLeadsByStatus, findImportSample, findLeadPickers, type TPageCursors } from './ui-pages';

import { importLeadsTask } from './tasks';
export const leadsTasks = [importLeadsTask];
