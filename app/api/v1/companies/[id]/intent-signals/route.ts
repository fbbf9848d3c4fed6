import { route } from '@/lib/http/route';
import { addIntentSignals, addSignalsEndpoint, findIntentSignals, listSignalsEndpoint } from '@/features/leads';

export const GET = route(listSignalsEndpoint, async ({ db, ctx, params }) => ({ signals: await findIntentSignals(db, ctx.orgId, params!.id) }));

export const POST = route(addSignalsEndpoint, ({ db, ctx, params, body, ip }) => addIntentSignals(db, { ...ctx, ip }, params!.id, body!));
