// The sequences feature's only door (S1–S15). Other features, app/ and trigger/ import from here.

// Template library (S1)
export {
  findTemplates, templateFacets, getTemplate, createTemplate, updateTemplate, deleteTemplate, duplicateTemplate,
  ZTemplateQuery, ZTemplateInput, ZTemplatePatch, type TTemplateView, type TSavedTemplate,
} from './templates';
// Sequences, versions, preview (S2, S3, S12)
export {
  createSequence, getSequence, findSequences, updateSequence, saveSequenceVersion, findSequenceVersions, revealWebhookSecret, previewStep,
  BLANK_STEPS, ZSequenceInput, ZPreviewInput, type TSequenceView, type TVersionView, type TPreview,
} from './sequences';
export { validateStepsForSave, PATHS, actorOf, type TActor, type TStepsValidation } from './common';
export { ZStep, ZSteps, ZEmailVariant, channelsOf, type TStep, type TEmailStep, type TStepType } from './steps';
export { variableCatalog, STANDARD_VARIABLES } from './variables';
// Campaigns and enrollment (S4, S5, S13)
export {
  createCampaign, getCampaign, findCampaigns, findOpenCampaigns, updateCampaign, deleteCampaign, transitionCampaign, campaignReadiness, setCampaignMailboxes,
  moveEnrollmentsToVersion, ZCreateCampaign, ZUpdateCampaign, ZCampaignQuery, ZMoveEnrollments, type TCampaignView, type TReadiness,
} from './campaigns';
export { ZCampaignSettings, ZCampaignSettingsPatch, CAMPAIGN_TRANSITIONS, type TCampaignSettings } from './settings';
export { enrollLeads, enrollLead, ZEnrollInput, MAX_ENROLL_PER_REQUEST, type TEnrollResult } from './enroll';
export {
  findEnrollments, getEnrollment, pauseEnrollment, resumeEnrollment, retryBlocked, ZEnrollmentQuery, type TEnrollmentView, type TEnrollmentDetail,
} from './enrollments';
export {
  findReviewQueue, getReviewItem, editPendingMessage, approveMessages, rejectMessage, resolveUncertain,
  ZReviewQuery, ZEditMessage, ZApproveMany, ZReject, ZResolveUncertain, type TReviewItem,
} from './approvals';
// The send engine (S6, S7, S15)
export { advanceEnrollments, slotMessages, STALE_AFTER_MINUTES, type TAdvanceResult } from './advance';
export { dispatchDue, reapExpiredClaims, renderOutbound, type TDispatchResult, type TDispatchOptions } from './dispatch';
// Stop rules and events other features report (S10)
export { stopEnrollmentsFor, type TStopInput, type TStopResult } from './stop';
export { recordReply, recordBounce, recordComplaint, recordMessageEvent, findMessage } from './events';
export { markMeetingBooked, handleMeetingWebhook, meetingWebhookUrls, verifyCalcomSignature, verifyCalendlySignature } from './meetings';
// Tracking and unsubscribe (S8, S9)
export { handleOpen, handleClick, requestFacts, flushTracking, pendingHits, writeHits, TRANSPARENT_GIF, GIF_HEADERS } from './tracking';
export { unsubscribePage, handleUnsubscribePost, unsubscribeByToken } from './unsubscribe';
export { openUrl, clickUrl, unsubscribeUrl, readOpenToken, readClickToken, readUnsubscribeToken } from './links';
// Tasks, webhooks, metrics
export { findTasks, updateTask, ZTaskQuery, ZTaskPatch, type TTaskView } from './tasks';
export { runWebhookExecution, signWebhookPayload, WEBHOOK_SIGNATURE_HEADER } from './webhook-steps';
export { campaignMetrics, templateMetrics, campaignsOverview, ZMetricsQuery, type TMetrics } from './metrics';
export { rates, formatRate, type TCounts, type TRates } from './metrics-math';
// Jobs
export { sequencesTasks, advanceTask, dispatchTask, runWebhookTask } from './jobs';
// /api contracts
export * from './api';
