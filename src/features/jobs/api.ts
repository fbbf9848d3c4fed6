/** /api/v1 contract of the Jobs page (P5). */
import { z } from 'zod';
import { JOB_STATUSES } from '@/db/schema';
import { endpoint, type TEndpoint } from '@/lib/http/endpoint';
import type { TJobRunRow } from './queries';

const zIso = z.iso.datetime({ offset: true });

const ZJobRun = z.object({
  id: z.uuid(),
  taskId: z.string(),
  status: z.enum(JOB_STATUSES),
  scope: z.enum(['organization', 'system']),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: zIso,
  startedAt: zIso.nullable(),
  finishedAt: zIso.nullable(),
  durationMs: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: zIso,
});
export const ZJobsResponse = z.object({ jobs: z.array(ZJobRun) });

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
export const jobRunDto = (j: TJobRunRow) => ({
  id: j.id, taskId: j.taskId, status: j.status, scope: j.scope, attempts: j.attempts, maxAttempts: j.maxAttempts,
  runAt: j.runAt.toISOString(), startedAt: isoOrNull(j.startedAt), finishedAt: isoOrNull(j.finishedAt),
  durationMs: j.durationMs, error: j.error, createdAt: j.createdAt.toISOString(),
});

export const ZJobsQuery = z.object({
  status: z.enum(JOB_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const listJobsEndpoint = endpoint({
  method: 'GET', path: '/api/v1/jobs', auth: 'user', roles: ['owner', 'admin'], tags: ['Jobs'],
  summary: 'Recent background job runs of the organization and the system (owners and admins)',
  query: ZJobsQuery,
  response: ZJobsResponse,
});

export const jobsApi: TEndpoint[] = [listJobsEndpoint];
