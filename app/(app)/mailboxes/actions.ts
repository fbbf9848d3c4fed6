'use server';
/** Mailbox form actions: thin — shape the form, call the mailboxes feature, refresh the page. */
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { asUser, type TUserContext } from '@/lib/auth';
import { requestMeta, userAction } from '@/lib/http/action';
import {
  ZCreateMailbox, ZTestSettings, ZUpdateMailbox, actorOf, createMailbox, deleteMailbox, pauseMailbox, resumeMailbox, testMailboxConnection,
  testMailboxSettings, updateMailbox, type TConnectionTest,
} from '@/features/mailboxes';
import { createInputOf, testInputOf, updateInputOf } from './form-input';

const PATH = '/mailboxes';
const ZForm = z.record(z.string(), z.unknown());
const ZId = z.object({ id: z.uuid() });

async function actor(ctx: TUserContext) {
  const { ip } = await requestMeta();
  return actorOf(ctx, ip);
}

/**
 * The connect form: "Test connection" logs in to both servers with what was typed (nothing is stored);
 * "Connect mailbox" stores it (the password encrypted) and tests it with the stored credentials.
 */
type TConnectResult = { kind: 'test' | 'connected'; test: TConnectionTest; email?: string };

export const connectMailboxAction = userAction(
  ZForm,
  async ({ input, ctx, db }): Promise<{ data: TConnectResult; message?: string }> => {
    if (input.intent === 'test') {
      const test = await testMailboxSettings(ZTestSettings.parse(testInputOf(input)));
      return { data: { kind: 'test', test } };
    }
    const who = await actor(ctx);
    const created = await asUser(ctx, (tx) => createMailbox(tx, who, ZCreateMailbox.parse(createInputOf(input))));
    const test = await testMailboxConnection(db, (fn) => asUser(ctx, fn), who, created.id);
    revalidatePath(PATH);
    return {
      data: { kind: 'connected', test, email: created.email },
      message: test.ok ? `Connected ${created.email}. ${test.summary}` : `Connected ${created.email}, but the connection test failed: ${test.summary}`,
    };
  },
  { transaction: false },
);

/** Tests a saved mailbox with its stored credentials (and records the result on it). */
export const testMailboxAction = userAction(
  ZId,
  async ({ input, ctx, db }) => {
    const test = await testMailboxConnection(db, (fn) => asUser(ctx, fn), await actor(ctx), input.id);
    revalidatePath(PATH);
    return { data: test, message: test.summary };
  },
  { transaction: false },
);

export const updateMailboxAction = userAction(ZForm, async ({ input, ctx, db }) => {
  const id = z.uuid().parse(input.id);
  const m = await updateMailbox(db, await actor(ctx), id, ZUpdateMailbox.parse(updateInputOf(input)));
  revalidatePath(PATH);
  return { message: `Saved ${m.email}. Today's cap is ${m.today.cap.toLocaleString('en')} (${m.today.sent.toLocaleString('en')} sent so far).` };
});

export const pauseMailboxAction = userAction(ZId, async ({ input, ctx, db }) => {
  const m = await pauseMailbox(db, await actor(ctx), input.id);
  revalidatePath(PATH);
  return { message: `Paused ${m.email}. Its scheduled emails wait until you resume it (or move to another mailbox of the campaign).` };
});

export const resumeMailboxAction = userAction(ZId, async ({ input, ctx, db }) => {
  const m = await resumeMailbox(db, await actor(ctx), input.id);
  revalidatePath(PATH);
  return { message: `Resumed ${m.email}.` };
});

export const deleteMailboxAction = userAction(ZId, async ({ input, ctx, db }) => {
  await deleteMailbox(db, await actor(ctx), input.id);
  revalidatePath(PATH);
  return { message: 'Mailbox removed. Its unsent emails go out from the other mailboxes of their campaigns.' };
});
