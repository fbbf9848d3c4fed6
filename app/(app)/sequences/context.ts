/** What the sequence builder needs from the server: the variables (custom fields included) and the teammates tasks can go to. */
import type { Db } from '@/db';
import { findMembers } from '@/features/accounts';
import { findCustomFields } from '@/features/leads';
import { variableCatalog } from '@/features/sequences';
import type { TBuilderContext } from '@/components/sequences/builder-types';

export async function builderContext(db: Db, orgId: string): Promise<TBuilderContext> {
  const [fields, members] = await Promise.all([findCustomFields(db, orgId), findMembers(db, orgId)]);
  return {
    variables: [
      ...variableCatalog(),
      ...fields.map((f) => ({ name: `custom.${f.key}`, label: f.label, group: 'Custom fields' })),
    ],
    members: members.map((m) => ({ id: m.userId, name: m.fullName || m.email })),
  };
}
