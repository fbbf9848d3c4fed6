'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { publicAction } from '@/lib/http/action';
import { clearDevMailbox } from '@/features/dev-mailbox';

/** Local mode only, like the page: the dev mailbox is a developer tool without sign-in. */
export const clearMailboxAction = publicAction(z.object({}), async ({ db }) => {
  if (env().mode !== 'local') throw new AppError('NOT_FOUND', 'The dev mailbox exists in local mode only.');
  const n = await clearDevMailbox(db);
  revalidatePath('/dev/mailbox');
  return { message: n ? `Deleted ${n} email${n === 1 ? '' : 's'}.` : 'The mailbox was already empty.' };
});
