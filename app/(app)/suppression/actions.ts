'use server';
/** Suppression list actions (L6): add by hand or CSV, remove (owners and admins). */
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requestMeta, userAction } from '@/lib/http/action';
import type { TUserContext } from '@/lib/auth';
import { AppError } from '@/lib/errors';
import { addSuppressions, addSuppressionsFromCsv, removeSuppression, type TActor, type TAddSuppressionsResult } from '@/features/leads';

async function actor(ctx: TUserContext): Promise<TActor> {
  const { ip } = await requestMeta();
  return { orgId: ctx.orgId, userId: ctx.userId, via: ctx.via, apiKeyId: ctx.apiKeyId, ip };
}

const n = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString('en')} ${count === 1 ? one : many}`;

function summary(r: TAddSuppressionsResult): string {
  const parts = [`Added ${n(r.added, 'entry', 'entries')}.`];
  if (r.alreadyListed) parts.push(`${r.alreadyListed.toLocaleString('en')} ${r.alreadyListed === 1 ? 'was' : 'were'} already on the list.`);
  if (r.leadsMarked) parts.push(`${n(r.leadsMarked, 'lead')} now marked suppressed.`);
  if (r.invalid.length) parts.push(`${n(r.invalid.length, 'line')} skipped as not valid (listed below).`);
  return parts.join(' ');
}

const refresh = () => {
  revalidatePath('/suppression');
  revalidatePath('/leads', 'layout');
};

export const addSuppressionsAction = userAction(
  z.object({ values: z.string().max(1_000_000) }),
  async ({ input, ctx, db }) => {
    const values = input.values.split(/[\r\n,;]+/).map((v) => v.trim()).filter(Boolean);
    if (!values.length) throw new AppError('INVALID_INPUT', 'Enter at least one email address or domain, one per line.', { fields: { values: ['Enter at least one.'] } });
    if (values.length > 10_000) throw new AppError('INVALID_INPUT', 'Add at most 10,000 entries at a time, or upload a CSV in parts.', { fields: { values: ['Too many lines.'] } });
    const r = await addSuppressions(db, await actor(ctx), { values });
    refresh();
    return { data: r, message: summary(r) };
  },
);

export const uploadSuppressionsAction = userAction(z.object({ file: z.instanceof(File, { message: 'Choose a CSV file.' }) }), async ({ input, ctx, db }) => {
  if (!input.file.size) throw new AppError('INVALID_INPUT', 'The file is empty. Choose a CSV with one email address or domain per row.', { fields: { file: ['Empty file.'] } });
  if (input.file.size > 5_000_000) throw new AppError('PAYLOAD_TOO_LARGE', 'The file is over 5 MB. Upload at most 10,000 addresses or domains at a time.', { fields: { file: ['Too large.'] } });
  const r = await addSuppressionsFromCsv(db, await actor(ctx), new Uint8Array(await input.file.arrayBuffer()), input.file.name);
  refresh();
  return { data: r, message: summary(r) };
});

export const removeSuppressionAction = userAction(
  z.object({ id: z.uuid() }),
  async ({ input, ctx, db }) => {
    const r = await removeSuppression(db, await actor(ctx), input.id);
    refresh();
    return { message: `Removed.${r.leadsUnmarked ? ` ${n(r.leadsUnmarked, 'lead is', 'leads are')} contactable again.` : ''}` };
  },
  { roles: ['owner', 'admin'] },
);
