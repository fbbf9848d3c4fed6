/**
 * /api contracts of the sequences feature. Route files (app/api/v1/{templates,sequences,campaigns,
 * enrollments,approvals,metrics,tasks}/**, app/api/webhooks/{calcom,calendly}) are
 * `export const X = route(contract, handler)`; /api/openapi.json is built from these objects.
 */
import { z } from 'zod';
import {
  CAMPAIGN_STATUSES, ENROLLMENT_STATUSES, MESSAGE_STATUSES, STOP_REASONS, TASK_STATUSES, TASK_TYPES, TEMPLATE_CATEGORIES,
} from '@/db/schema';
import { endpoint, type TEndpoint } from '@/lib/http/endpoint';
import { ZApproveMany, ZEditMessage, ZReject, ZResolveUncertain, ZReviewQuery } from './approvals';
import { ZCampaignQuery, ZCreateCampaign, ZMoveEnrollments, ZUpdateCampaign } from './campaigns';
import { ZEnrollInput } from './enroll';
import { ZEnrollmentQuery } from './enrollments';
import { ZMetricsQuery } from './metrics';
import { ZPreviewInput, ZSequenceInput } from './sequences';
import { ZCampaignSettings } from './settings';
import { ZTaskPatch, ZTaskQuery } from './tasks';
import { ZTemplateInput, ZTemplatePatch, ZTemplateQuery } from './templates';

const zIso = z.iso.datetime({ offset: true });
const zId = z.object({ id: z.uuid() });
const zSteps = z.array(z.record(z.string(), z.unknown())).describe('Steps (see ZStep: email, wait, task, conditional, webhook, whatsapp, sms)');
const zWarning = z.object({ path: z.string(), code: z.string(), severity: z.enum(['error', 'warning']), message: z.string() });
const zRemoved = z.array(z.object({ path: z.string(), items: z.array(z.string()) }));
const zRate = z.number().nullable();

// ---- responses ---------------------------------------------------------------------------------

export const ZTemplateOut = z.object({
  id: z.uuid(), name: z.string(), description: z.string().nullable(), category: z.enum(TEMPLATE_CATEGORIES), industry: z.string().nullable(), useCase: z.string().nullable(),
  channels: z.array(z.string()), isSystem: z.boolean(), usageCount: z.number().int(), stepCount: z.number().int(), emailCount: z.number().int(),
  steps: zSteps, settings: z.record(z.string(), z.unknown()), createdAt: zIso, updatedAt: zIso,
});
const zSavedTemplate = z.object({ template: ZTemplateOut, warnings: z.array(zWarning), removed: zRemoved });

const zVersion = z.object({ id: z.uuid(), version: z.number().int(), steps: zSteps, createdAt: zIso, createdBy: z.uuid().nullable() });
export const ZSequenceOut = z.object({
  id: z.uuid(), name: z.string(), description: z.string().nullable(), templateId: z.uuid().nullable(), createdAt: zIso, updatedAt: zIso,
  current: zVersion, versions: z.array(z.object({ id: z.uuid(), version: z.number().int(), createdAt: zIso, enrolled: z.number().int() })),
});

export const ZCampaignOut = z.object({
  id: z.uuid(), name: z.string(), description: z.string().nullable(), status: z.enum(CAMPAIGN_STATUSES), sequenceId: z.uuid(), templateId: z.uuid().nullable(),
  settings: ZCampaignSettings, ownerId: z.uuid().nullable(),
  mailboxes: z.array(z.object({ id: z.uuid(), email: z.string(), displayName: z.string().nullable(), status: z.string(), provider: z.string() })),
  currentVersion: z.object({ id: z.string(), version: z.number().int() }),
  counts: z.object({
    enrolled: z.number().int(), active: z.number().int(), paused: z.number().int(), completed: z.number().int(), stopped: z.number().int(),
    pendingApproval: z.number().int(), blocked: z.number().int(), uncertain: z.number().int(), scheduled: z.number().int(), sent: z.number().int(),
  }),
  startedAt: zIso.nullable(), pausedAt: zIso.nullable(), completedAt: zIso.nullable(), archivedAt: zIso.nullable(), createdAt: zIso, updatedAt: zIso,
});
const zReadiness = z.object({ ready: z.boolean(), problems: z.array(z.string()), warnings: z.array(z.string()) });

const zExplainReason = z.string().nullable().describe('waiting_for_delay, outside_window, daily_cap_reached, campaign_daily_cap, mailbox_gap, mailbox_paused, no_mailbox, approval_pending, missing_variable, suppressed, waiting_for_condition, waiting_for_task, scheduled, sending, retrying, uncertain_review, campaign_paused, campaign_draft, campaign_ended, enrollment_paused, completed, stopped');
export const ZEnrollmentOut = z.object({
  id: z.uuid(), campaignId: z.uuid(), campaignName: z.string(), leadId: z.uuid(), leadName: z.string().nullable(), leadEmail: z.string().nullable(), leadTimezone: z.string(),
  status: z.enum(ENROLLMENT_STATUSES), stopReason: z.enum(STOP_REASONS).nullable(), version: z.number().int(), versionId: z.uuid(),
  currentStep: z.object({ index: z.number().int(), id: z.string().nullable(), type: z.string().nullable(), name: z.string().nullable(), total: z.number().int() }),
  nextSendAt: zIso.nullable(), nextSendAtLeadTime: z.string().nullable(), nextSendAtYourTime: z.string().nullable(),
  waiting: z.object({ reason: zExplainReason, message: z.string() }),
  startedAt: zIso.nullable(), completedAt: zIso.nullable(), stoppedAt: zIso.nullable(), createdAt: zIso,
});
const zEnrollmentDetail = ZEnrollmentOut.extend({
  steps: z.array(z.object({
    index: z.number().int(), id: z.string(), type: z.string(), name: z.string().nullable(), state: z.enum(['done', 'current', 'upcoming', 'skipped']),
    message: z.object({ id: z.uuid(), status: z.string(), subject: z.string(), sentAt: zIso.nullable(), variant: z.string().nullable() }).optional(),
  })),
});

export const ZReviewItemOut = z.object({
  id: z.uuid(), status: z.enum(MESSAGE_STATUSES), campaignId: z.uuid(), campaignName: z.string(), enrollmentId: z.uuid(), leadId: z.uuid(), leadName: z.string().nullable(),
  toEmail: z.string(), fromEmail: z.string().nullable(), stepId: z.string(), stepIndex: z.number().int(), variant: z.string().nullable(), subject: z.string(), html: z.string(),
  text: z.string(), problems: z.array(z.object({ code: z.string().optional(), variable: z.string().optional(), message: z.string() })), lastError: z.string().nullable(),
  attempts: z.number().int(), claimedAt: zIso.nullable(), createdAt: zIso, editedAt: zIso.nullable(),
});

const zProblem = z.object({ code: z.string(), variable: z.string().optional(), message: z.string() });
export const ZPreviewOut = z.union([
  z.object({ kind: z.literal('email'), ok: z.literal(true), variant: z.string(), subject: z.string(), html: z.string(), text: z.string(), threaded: z.boolean(), removed: z.array(z.string()) }),
  z.object({ kind: z.literal('email'), ok: z.literal(false), variant: z.string(), problems: z.array(zProblem) }),
  z.object({ kind: z.literal('text'), ok: z.boolean(), text: z.string(), problems: z.array(zProblem) }),
  z.object({ kind: z.literal('none'), ok: z.literal(true), message: z.string() }),
]);

const zLine = z.object({
  sent: z.number().int(), bounced: z.number().int(), opened: z.number().int(), clicked: z.number().int(), replied: z.number().int(), unsubscribed: z.number().int(),
  complained: z.number().int(), botOpens: z.number().int(), botClicks: z.number().int(), delivered: z.number().int(),
  deliveryRate: zRate, openRate: zRate, clickRate: zRate, clickToOpenRate: zRate, replyRate: zRate, bounceRate: zRate, unsubscribeRate: zRate, complaintRate: zRate,
});
export const ZMetricsOut = z.object({
  totals: zLine,
  steps: z.array(z.object({ stepId: z.string(), stepIndex: z.number().int(), name: z.string().nullable(), totals: zLine, variants: z.array(zLine.extend({ variant: z.string() })) })),
  series: z.array(z.object({ date: z.string(), sent: z.number().int(), opened: z.number().int(), clicked: z.number().int(), replied: z.number().int(), bounced: z.number().int(), unsubscribed: z.number().int() })),
  range: z.object({ from: z.string(), to: z.string(), timezone: z.string() }),
});

export const ZTaskOut = z.object({
  id: z.uuid(), title: z.string(), description: z.string().nullable(), taskType: z.enum(TASK_TYPES), status: z.enum(TASK_STATUSES), dueAt: zIso.nullable(), overdue: z.boolean(),
  assigneeId: z.uuid().nullable(), assigneeName: z.string().nullable(), leadId: z.uuid().nullable(), leadName: z.string().nullable(), leadEmail: z.string().nullable(),
  campaignId: z.uuid().nullable(), campaignName: z.string().nullable(), stepId: z.string().nullable(), completedAt: zIso.nullable(), createdAt: zIso,
});

const zEnrollResult = z.object({
  enrolled: z.number().int(), considered: z.number().int(),
  skipped: z.object({ noEmail: z.number().int(), suppressed: z.number().int(), alreadyEnrolled: z.number().int(), activeElsewhere: z.number().int(), notFound: z.number().int() }),
});
const zStopResult = z.object({ stopped: z.number().int(), enrollmentIds: z.array(z.uuid()), messagesCancelled: z.number().int(), companyStopped: z.number().int() });

// ---- inputs only the API needs ---------------------------------------------------------------

export const ZStepsBody = z.object({ steps: z.array(z.unknown()).max(50) }).strict();
export const ZSequencePatch = z.object({ name: z.string().trim().min(1).max(200).optional(), description: z.string().trim().max(2000).nullable().optional() }).strict();
export const ZCampaignStatusBody = z.object({ status: z.enum(CAMPAIGN_STATUSES) }).strict();
export const ZStopBody = z.object({
  leadId: z.uuid().optional(),
  email: z.email().optional(),
  /** meeting_booked also records the meeting on the lead. */
  reason: z.enum(['manual', 'meeting_booked', 'reply']),
  companyWide: z.boolean().optional(),
}).strict().refine((v) => Boolean(v.leadId) !== Boolean(v.email), { message: 'Give leadId or email.', path: ['leadId'] }).refine((v) => v.reason !== 'meeting_booked' || v.leadId, { message: 'A booked meeting is recorded on a lead: give leadId.', path: ['leadId'] });
export const ZDuplicateBody = z.object({ name: z.string().trim().min(1).max(200).optional() }).strict();
export const ZViewerTz = z.object({ tz: z.string().max(64).optional() });

// ---- contracts ---------------------------------------------------------------------------------

const T = { templates: ['Templates'], sequences: ['Sequences'], campaigns: ['Campaigns'], enrollments: ['Enrollments'], approvals: ['Approvals'], metrics: ['Metrics'], tasks: ['Tasks'], webhooks: ['Webhooks'] };

export const listTemplatesEndpoint = endpoint({
  method: 'GET', path: '/api/v1/templates', auth: 'user', tags: T.templates, summary: 'Template library: system and organization templates, filtered, most used first',
  query: ZTemplateQuery,
  response: z.object({ templates: z.array(ZTemplateOut), facets: z.object({ categories: z.array(z.string()), industries: z.array(z.string()), useCases: z.array(z.string()) }) }),
});
export const createTemplateEndpoint = endpoint({
  method: 'POST', path: '/api/v1/templates', auth: 'user', tags: T.templates, status: 201, summary: 'Create an organization template (HTML is sanitised; the answer lists what was removed)',
  body: ZTemplateInput, bodyLimit: 600_000, response: zSavedTemplate,
});
export const getTemplateEndpoint = endpoint({ method: 'GET', path: '/api/v1/templates/{id}', auth: 'user', tags: T.templates, summary: 'One template', params: zId, response: z.object({ template: ZTemplateOut }) });
export const updateTemplateEndpoint = endpoint({
  method: 'PATCH', path: '/api/v1/templates/{id}', auth: 'user', tags: T.templates, summary: 'Change an organization template (system templates are read-only)',
  params: zId, body: ZTemplatePatch, bodyLimit: 600_000, response: zSavedTemplate,
});
export const deleteTemplateEndpoint = endpoint({ method: 'DELETE', path: '/api/v1/templates/{id}', auth: 'user', tags: T.templates, summary: 'Delete an organization template', params: zId, response: z.object({ id: z.uuid(), deleted: z.literal(true) }) });
export const duplicateTemplateEndpoint = endpoint({
  method: 'POST', path: '/api/v1/templates/{id}/duplicate', auth: 'user', tags: T.templates, status: 201, summary: 'Copy a template (system or own) into the organization',
  params: zId, body: ZDuplicateBody, bodyLimit: 4_000, response: z.object({ template: ZTemplateOut }),
});

export const listSequencesEndpoint = endpoint({
  method: 'GET', path: '/api/v1/sequences', auth: 'user', tags: T.sequences, summary: 'Sequences of the organization',
  response: z.object({ sequences: z.array(z.object({ id: z.uuid(), name: z.string(), description: z.string().nullable(), templateId: z.uuid().nullable(), version: z.number().int(), campaigns: z.number().int(), createdAt: zIso, updatedAt: zIso })) }),
});
export const createSequenceEndpoint = endpoint({
  method: 'POST', path: '/api/v1/sequences', auth: 'user', tags: T.sequences, status: 201, summary: 'Create a sequence (from a template, from steps, or blank) with version 1',
  body: ZSequenceInput, bodyLimit: 600_000, response: z.object({ sequence: ZSequenceOut, warnings: z.array(zWarning), removed: zRemoved }),
});
export const validateStepsEndpoint = endpoint({
  method: 'POST', path: '/api/v1/sequences/validate', auth: 'user', tags: T.sequences,
  summary: 'Check steps without saving: structure, variables and spintax, unsafe HTML (sanitised and reported), private webhook URLs',
  description: 'Errors answer 422 with `fields` keyed "steps.<index>.<field>"; warnings and what sanitising removed come back with 200.',
  body: ZStepsBody, bodyLimit: 600_000, response: z.object({ valid: z.literal(true), steps: zSteps, warnings: z.array(zWarning), removed: zRemoved }),
});
export const previewStepEndpoint = endpoint({
  method: 'POST', path: '/api/v1/sequences/preview', auth: 'user', tags: T.sequences, summary: 'Live preview of a step rendered for a real lead',
  body: ZPreviewInput, bodyLimit: 600_000, response: ZPreviewOut,
});
export const listVariablesEndpoint = endpoint({
  method: 'GET', path: '/api/v1/sequences/variables', auth: 'user', tags: T.sequences, summary: 'The variables templates can use (custom fields too: {{custom.key}} or {{key}})',
  response: z.object({ variables: z.array(z.object({ name: z.string(), label: z.string(), group: z.string() })), syntax: z.array(z.string()) }),
});
export const getSequenceEndpoint = endpoint({ method: 'GET', path: '/api/v1/sequences/{id}', auth: 'user', tags: T.sequences, summary: 'A sequence with its current version', params: zId, response: z.object({ sequence: ZSequenceOut }) });
export const updateSequenceEndpoint = endpoint({ method: 'PATCH', path: '/api/v1/sequences/{id}', auth: 'user', tags: T.sequences, summary: 'Rename a sequence', params: zId, body: ZSequencePatch, bodyLimit: 8_000, response: z.object({ sequence: ZSequenceOut }) });
export const listVersionsEndpoint = endpoint({ method: 'GET', path: '/api/v1/sequences/{id}/versions', auth: 'user', tags: T.sequences, summary: 'Every saved version (newest first)', params: zId, response: z.object({ versions: z.array(zVersion) }) });
export const saveVersionEndpoint = endpoint({
  method: 'POST', path: '/api/v1/sequences/{id}/versions', auth: 'user', tags: T.sequences, status: 201,
  summary: 'Save edited steps as a new version; enrolled leads stay on their version until moved',
  params: zId, body: ZStepsBody, bodyLimit: 600_000,
  response: z.object({ version: zVersion, previous: z.number().int().nullable(), stillOnOlder: z.number().int(), warnings: z.array(zWarning), removed: zRemoved }),
});
export const webhookSecretEndpoint = endpoint({
  method: 'GET', path: '/api/v1/sequences/{id}/webhook-secret', auth: 'user', tags: T.sequences, summary: "The signing secret of the sequence's webhook steps (for the receiver)",
  params: zId, response: z.object({ secret: z.string(), header: z.string(), scheme: z.string() }),
});

export const listCampaignsEndpoint = endpoint({ method: 'GET', path: '/api/v1/campaigns', auth: 'user', tags: T.campaigns, summary: 'Campaigns with their counts', query: ZCampaignQuery, response: z.object({ campaigns: z.array(ZCampaignOut) }) });
export const createCampaignEndpoint = endpoint({
  method: 'POST', path: '/api/v1/campaigns', auth: 'user', tags: T.campaigns, status: 201,
  summary: 'Create a draft campaign from a template, a sequence or steps, with mailboxes and settings',
  description: 'Local mode attaches the Dev mailbox when no mailbox is given.',
  body: ZCreateCampaign, bodyLimit: 600_000, response: z.object({ campaign: ZCampaignOut }),
});
export const meetingWebhooksEndpoint = endpoint({
  method: 'GET', path: '/api/v1/campaigns/meeting-webhooks', auth: 'user', tags: T.campaigns, summary: 'The Cal.com and Calendly webhook URLs of this organization ("meeting booked")',
  response: z.object({ calcom: z.object({ url: z.string(), configured: z.boolean() }), calendly: z.object({ url: z.string(), configured: z.boolean() }) }),
});
export const getCampaignEndpoint = endpoint({ method: 'GET', path: '/api/v1/campaigns/{id}', auth: 'user', tags: T.campaigns, summary: 'A campaign with its readiness to send', params: zId, response: z.object({ campaign: ZCampaignOut, readiness: zReadiness }) });
export const updateCampaignEndpoint = endpoint({ method: 'PATCH', path: '/api/v1/campaigns/{id}', auth: 'user', tags: T.campaigns, summary: 'Change name, settings or mailboxes', params: zId, body: ZUpdateCampaign, bodyLimit: 32_000, response: z.object({ campaign: ZCampaignOut }) });
export const deleteCampaignEndpoint = endpoint({ method: 'DELETE', path: '/api/v1/campaigns/{id}', auth: 'user', tags: T.campaigns, summary: 'Delete a draft campaign (others are archived)', params: zId, response: z.object({ id: z.uuid(), deleted: z.literal(true) }) });
export const campaignStatusEndpoint = endpoint({
  method: 'POST', path: '/api/v1/campaigns/{id}/status', auth: 'user', tags: T.campaigns, summary: 'Lifecycle: draft → active → paused → completed → archived (validated)',
  params: zId, body: ZCampaignStatusBody, bodyLimit: 1_000, response: z.object({ campaign: ZCampaignOut }),
});
export const campaignReadinessEndpoint = endpoint({ method: 'GET', path: '/api/v1/campaigns/{id}/readiness', auth: 'user', tags: T.campaigns, summary: 'What stands between the campaign and sending', params: zId, response: zReadiness });
export const enrollEndpoint = endpoint({
  method: 'POST', path: '/api/v1/campaigns/{id}/enroll', auth: 'user', tags: T.campaigns,
  summary: 'Enroll leads (ids and/or lists; up to 10,000 ids per request); answers counts per skip reason',
  params: zId, body: ZEnrollInput, bodyLimit: 600_000, response: zEnrollResult,
});
export const moveVersionEndpoint = endpoint({
  method: 'POST', path: '/api/v1/campaigns/{id}/move-version', auth: 'user', tags: T.campaigns, summary: 'Move enrolled leads to another (default: the latest) version of the sequence',
  params: zId, body: ZMoveEnrollments, bodyLimit: 600_000,
  response: z.object({ moved: z.number().int(), unchanged: z.number().int(), notMappable: z.number().int(), toVersion: z.number().int() }),
});

export const listEnrollmentsEndpoint = endpoint({
  method: 'GET', path: '/api/v1/enrollments', auth: 'user', tags: T.enrollments,
  summary: "Enrollments with the next send time in the lead's and your time, and why nothing is going out",
  query: ZEnrollmentQuery, response: z.object({ enrollments: z.array(ZEnrollmentOut), nextCursor: z.string().nullable() }),
});
export const stopEnrollmentsEndpoint = endpoint({
  method: 'POST', path: '/api/v1/enrollments/stop', auth: 'user', tags: T.enrollments,
  summary: "Stop a lead's enrollments (manual, a reply you saw elsewhere, or a booked meeting)",
  body: ZStopBody, bodyLimit: 2_000, response: zStopResult,
});
export const getEnrollmentEndpoint = endpoint({ method: 'GET', path: '/api/v1/enrollments/{id}', auth: 'user', tags: T.enrollments, summary: 'One enrollment, step by step', params: zId, query: ZViewerTz, response: z.object({ enrollment: zEnrollmentDetail }) });
export const pauseEnrollmentEndpoint = endpoint({ method: 'POST', path: '/api/v1/enrollments/{id}/pause', auth: 'user', tags: T.enrollments, summary: 'Pause one lead', params: zId, response: z.object({ enrollment: zEnrollmentDetail }) });
export const resumeEnrollmentEndpoint = endpoint({ method: 'POST', path: '/api/v1/enrollments/{id}/resume', auth: 'user', tags: T.enrollments, summary: 'Resume one lead', params: zId, response: z.object({ enrollment: zEnrollmentDetail }) });
export const retryEnrollmentEndpoint = endpoint({
  method: 'POST', path: '/api/v1/enrollments/{id}/retry', auth: 'user', tags: T.enrollments, summary: 'Compose a held-back email again (after fixing the lead)',
  params: zId, response: z.object({ enrollment: zEnrollmentDetail }),
});

export const listApprovalsEndpoint = endpoint({
  method: 'GET', path: '/api/v1/approvals', auth: 'user', tags: T.approvals, summary: 'Review queue: emails waiting for approval, held back, or with an unknown send outcome',
  query: ZReviewQuery, response: z.object({ items: z.array(ZReviewItemOut), nextCursor: z.string().nullable(), total: z.number().int() }),
});
export const approveManyEndpoint = endpoint({
  method: 'POST', path: '/api/v1/approvals/approve', auth: 'user', tags: T.approvals, summary: 'Approve emails in bulk (ids, or a whole campaign)',
  body: ZApproveMany, bodyLimit: 64_000, response: z.object({ approved: z.number().int() }),
});
export const getApprovalEndpoint = endpoint({ method: 'GET', path: '/api/v1/approvals/{id}', auth: 'user', tags: T.approvals, summary: 'One email of the queue', params: zId, response: z.object({ item: ZReviewItemOut }) });
export const editApprovalEndpoint = endpoint({
  method: 'PATCH', path: '/api/v1/approvals/{id}', auth: 'user', tags: T.approvals, summary: 'Edit an email waiting for approval (HTML is sanitised; removed parts are listed)',
  params: zId, body: ZEditMessage, bodyLimit: 300_000, response: z.object({ item: ZReviewItemOut, removed: z.array(z.string()) }),
});
export const approveOneEndpoint = endpoint({ method: 'POST', path: '/api/v1/approvals/{id}/approve', auth: 'user', tags: T.approvals, summary: 'Approve one email', params: zId, response: z.object({ approved: z.number().int() }) });
export const rejectEndpoint = endpoint({
  method: 'POST', path: '/api/v1/approvals/{id}/reject', auth: 'user', tags: T.approvals, summary: "Reject an email; then skip the step or stop the lead's enrollment",
  params: zId, body: ZReject, bodyLimit: 1_000, response: z.object({ id: z.uuid(), rejected: z.literal(true), enrollment: z.enum(['stopped', 'continues']) }),
});
export const resolveUncertainEndpoint = endpoint({
  method: 'POST', path: '/api/v1/approvals/{id}/resolve', auth: 'user', tags: T.approvals, summary: 'Decide about an email whose send outcome is unknown: mark sent, send again, or cancel',
  params: zId, body: ZResolveUncertain, bodyLimit: 1_000, response: z.object({ id: z.uuid(), status: z.string() }),
});

export const metricsOverviewEndpoint = endpoint({
  method: 'GET', path: '/api/v1/metrics/campaigns', auth: 'user', tags: T.metrics, summary: 'Totals and rates of every campaign',
  response: z.object({ campaigns: z.array(z.object({ campaignId: z.uuid(), name: z.string(), status: z.string(), totals: zLine })) }),
});
export const campaignMetricsEndpoint = endpoint({
  method: 'GET', path: '/api/v1/metrics/campaigns/{id}', auth: 'user', tags: T.metrics, summary: 'A campaign per step and variant, with a daily series',
  params: zId, query: ZMetricsQuery, response: ZMetricsOut,
});
export const templateMetricsEndpoint = endpoint({
  method: 'GET', path: '/api/v1/metrics/templates/{id}', auth: 'user', tags: T.metrics, summary: 'A template across the campaigns made from it',
  params: zId, query: ZMetricsQuery, response: ZMetricsOut.extend({ campaigns: z.number().int() }),
});

export const listTasksEndpoint = endpoint({ method: 'GET', path: '/api/v1/tasks', auth: 'user', tags: T.tasks, summary: 'Tasks from task steps (yours by default)', query: ZTaskQuery, response: z.object({ tasks: z.array(ZTaskOut) }) });
export const updateTaskEndpoint = endpoint({
  method: 'PATCH', path: '/api/v1/tasks/{id}', auth: 'user', tags: T.tasks, summary: 'Complete, skip, reopen, reassign or reschedule a task',
  params: zId, body: ZTaskPatch, bodyLimit: 2_000, response: z.object({ task: ZTaskOut }),
});

const zWebhookOut = z.object({ ok: z.literal(true), duplicate: z.boolean(), outcome: z.enum(['meeting_booked', 'no_matching_lead', 'ignored']), leads: z.number().int() });
export const calcomWebhookEndpoint = endpoint({
  method: 'POST', path: '/api/webhooks/calcom', auth: 'public', tags: T.webhooks, bodyKind: 'raw',
  summary: 'Cal.com booking webhook (X-Cal-Signature-256; ?org=<token> from meeting-webhooks)',
  query: z.object({ org: z.string().max(500).optional() }), response: zWebhookOut,
});
export const calendlyWebhookEndpoint = endpoint({
  method: 'POST', path: '/api/webhooks/calendly', auth: 'public', tags: T.webhooks, bodyKind: 'raw',
  summary: 'Calendly invitee webhook (Calendly-Webhook-Signature; ?org=<token> from meeting-webhooks)',
  query: z.object({ org: z.string().max(500).optional() }), response: zWebhookOut,
});

export const sequencesApi: TEndpoint[] = [
  listTemplatesEndpoint, createTemplateEndpoint, getTemplateEndpoint, updateTemplateEndpoint, deleteTemplateEndpoint, duplicateTemplateEndpoint,
  listSequencesEndpoint, createSequenceEndpoint, validateStepsEndpoint, previewStepEndpoint, listVariablesEndpoint, getSequenceEndpoint, updateSequenceEndpoint,
  listVersionsEndpoint, saveVersionEndpoint, webhookSecretEndpoint,
  listCampaignsEndpoint, createCampaignEndpoint, meetingWebhooksEndpoint, getCampaignEndpoint, updateCampaignEndpoint, deleteCampaignEndpoint,
  campaignStatusEndpoint, campaignReadinessEndpoint, enrollEndpoint, moveVersionEndpoint,
  listEnrollmentsEndpoint, stopEnrollmentsEndpoint, getEnrollmentEndpoint, pauseEnrollmentEndpoint, resumeEnrollmentEndpoint, retryEnrollmentEndpoint,
  listApprovalsEndpoint, approveManyEndpoint, getApprovalEndpoint, editApprovalEndpoint, approveOneEndpoint, rejectEndpoint, resolveUncertainEndpoint,
  metricsOverviewEndpoint, campaignMetricsEndpoint, templateMetricsEndpoint, listTasksEndpoint, updateTaskEndpoint,
  calcomWebhookEndpoint, calendlyWebhookEndpoint,
] as TEndpoint[];
