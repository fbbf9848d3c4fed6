import { route } from '@/lib/http/route';
import { deleteIntentSignal, deleteSignalEndpoint } from '@/features/leads';

export const DELETE = route(deleteSignalEndpoint, ({ db, ctx, params, ip }) => deleteIntentSignal(db, { ...ctx, ip }, params!.id, params!.signalId));
