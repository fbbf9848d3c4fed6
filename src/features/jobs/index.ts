export { findJobRuns, type TJobRunRow } from './queries';
export { listJobsEndpoint, jobsApi, jobRunDto, ZJobsQuery, ZJobsResponse } from './api';
