/** What the sequence builder needs from the server: the variables (custom fields included), the teammates tasks can go to, the mailboxes a preview can send from. */
import type { Db } from '@/db';
import { findMembers } from '@/features/accounts';
import { findCustomFields } from '@/features/leads';
import { actorOf, findMailboxes } from '@/features/mailboxes';
import { variableCatalog } from '@/features/sequences';
import type { TBuilderContext } from '@/components/sequences/builder-types';

export async function builderContext(db: Db, user: { orgId: string; userId: string }): Promise<TBuilderContext> {
  const orgId = user.orgId;
  const [fields, members, mailboxes] = await Promise.all([findCustomFields(db, orgId), findMembers(db, orgId), findMailboxes(db, actorOf(user))]);
  return {
    variables: [
      ...variableCatalog(),
      ...fields.map((f) => ({ name: `custom.${f.key}`, label: f.label, group: 'Custom fields' })),
    ],
    members: members.map((m) => ({ id: m.userId, name: m.fullName || m.email })),
    // Active ones first: the preview's sender ({{sender_name}}) defaults to the first.
    mailboxes: [...mailboxes].sort((a, b) => Number(b.status === 'active') - Number(a.status === 'active')).map((m) => ({ id: m.id, email: m.email, name: m.displayName })),
  };
}
