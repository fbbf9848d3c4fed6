'use server';
/** The review queue's actions (S13, S15): approve, edit, reject, and decide about emails whose send outcome is unknown. */
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requestMeta, userAction } from '@/lib/http/action';
import type { TUserContext } from '@/lib/auth';
import {
  ZEditMessage, ZReject, ZResolveUncertain, actorOf, approveMessages, editPendingMessage, rejectMessage, resolveUncertain, retryBlocked,
} from '@/features/sequences';

async function actor(ctx: TUserContext) {
  const { ip } = await requestMeta();
  return actorOf(ctx, ip);
}

const refresh = () => revalidatePath('/campaigns', 'layout');
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export const approveAction = userAction(
  z.object({ messageIds: z.array(z.uuid()).min(1, 'Select the emails to approve.').max(1000).optional(), campaignId: z.uuid().optional() }),
  async ({ input, ctx, db }) => {
    const r = await approveMessages(db, await actor(ctx), input.messageIds ? { messageIds: input.messageIds } : { campaignId: input.campaignId! });
    refresh();
    return { data: r, message: r.approved ? `Approved ${plural(r.approved, 'email')}: they go out in their send window.` : 'Nothing to approve: someone else may have handled them.' };
  },
);

export const editMessageAction = userAction(
  z.object({ id: z.uuid(), subject: z.string(), html: z.string(), text: z.string().optional() }),
  async ({ input, ctx, db }) => {
    const patch = ZEditMessage.parse({ subject: input.subject, html: input.html, ...(input.text !== undefined && input.text.trim() ? { text: input.text } : {}) });
    const r = await editPendingMessage(db, await actor(ctx), input.id, patch);
    refresh();
    return {
      data: { subject: r.item.subject, html: r.item.html, text: r.item.text, removed: r.removed },
      message: `Saved.${r.removed.length ? ` Removed from the HTML: ${r.removed.join(', ')}.` : ''} Approve it to send.`,
    };
  },
);

export const rejectAction = userAction(ZReject.extend({ id: z.uuid() }), async ({ input, ctx, db }) => {
  const r = await rejectMessage(db, await actor(ctx), input.id, { then: input.then });
  refresh();
  return { message: r.enrollment === 'stopped' ? 'Rejected; this lead leaves the campaign.' : 'Rejected; this lead goes on with the next step.' };
});

export const resolveUncertainAction = userAction(ZResolveUncertain.extend({ id: z.uuid() }), async ({ input, ctx, db }) => {
  await resolveUncertain(db, await actor(ctx), input.id, { action: input.action });
  refresh();
  return {
    message: {
      mark_sent: 'Marked as sent; the sequence goes on.',
      resend: 'It will be sent again in the next send slot.',
      cancel: 'Cancelled; it will not be sent, and the sequence goes on.',
    }[input.action],
  };
});

/** A held-back email (missing variable): compose it again after the lead was fixed. */
export const retryHeldAction = userAction(z.object({ enrollmentId: z.uuid() }), async ({ input, ctx, db }) => {
  await retryBlocked(db, await actor(ctx), input.enrollmentId);
  refresh();
  return { message: 'Composed again on the next run; if the value is still missing it comes back here.' };
});
