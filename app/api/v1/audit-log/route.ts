import { route } from '@/lib/http/route';
import { auditLogEndpoint, findAuditLog } from '@/features/accounts';

export const GET = route(auditLogEndpoint, async ({ db, ctx, query }) => findAuditLog(db, ctx.orgId, query!));
