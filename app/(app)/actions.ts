'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireUser, ORG_COOKIE } from '@/lib/auth';
import { requestMeta } from '@/lib/http/action';

export async function switchOrganizationAction(orgId: string): Promise<void> {
  const user = await requireUser();
  const id = z.uuid().parse(orgId);
  if (!user.memberships.some((m) => m.orgId === id)) return;
  const meta = await requestMeta();
  meta.jar.set(ORG_COOKIE, id, { path: '/', sameSite: 'lax', httpOnly: true, secure: meta.secure, maxAge: 365 * 86400 });
  redirect('/dashboard');
}
