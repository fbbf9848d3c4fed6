import { route } from '@/lib/http/route';
import { actorOf, createSequence, createSequenceEndpoint, findSequences, listSequencesEndpoint } from '@/features/sequences';

export const GET = route(listSequencesEndpoint, async ({ db, ctx }) => ({ sequences: await findSequences(db, ctx.orgId) }));

export const POST = route(createSequenceEndpoint, async ({ db, ctx, body, ip }) => {
  const { warnings, removed, ...sequence } = await createSequence(db, actorOf(ctx, ip), body);
  return { sequence, warnings, removed };
});
