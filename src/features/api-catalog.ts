/**
 * Every /api endpoint contract, for /api/openapi.json. Each feature exports its contracts from its
 * index; add the feature's list here. A test checks that every route file's exports appear.
 */
import type { TEndpoint } from '@/lib/http/endpoint';
import { accountsApi } from './accounts';
import { notificationsApi } from './notifications';
import { jobsApi } from './jobs';
import { leadsApi } from './leads';
import { mailboxesApi } from './mailboxes';
import { sequencesApi } from './sequences';

export const apiCatalog: TEndpoint[] = [...accountsApi, ...notificationsApi, ...jobsApi, ...mailboxesApi, ...sequencesApi, ...leadsApi];
