import { route } from '@/lib/http/route';
import { deleteSuppressionEndpoint, removeSuppression } from '@/features/leads';

export const DELETE = route(deleteSuppressionEndpoint, ({ db, ctx, params, ip }) => removeSuppression(db, { ...ctx, ip }, params!.id));
