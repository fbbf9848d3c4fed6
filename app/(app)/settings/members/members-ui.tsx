'use client';
import { useActionState, useRef } from 'react';
import type { TRole } from '@/db/schema';
import { Alert, Badge, EmptyState, Input, Select, Table, Td, Th, ConfirmSubmitButton, CopyableCode, PendingButton, useActionForm } from '@/components/ui';
import { Field, FormMessage, type TFormState } from '@/components/ui/form';
import { inviteMemberAction, memberAction, revokeInvitationAction } from '../actions';

type TMemberRow = { userId: string; name: string | null; email: string; role: TRole; joined: string };

const ROLE_LABEL: Record<TRole, string> = { owner: 'Owner', admin: 'Admin', member: 'Member' };

export function MembersTable({ me, members }: { me: { userId: string; role: TRole }; members: TMemberRow[] }) {
  // Every result carries a stamp, so role selects re-mount with the stored role after a refused change.
  const [state, action] = useActionState<(TFormState & { at?: number }) | null, FormData>(
    async (prev, fd) => ({ ...(await memberAction(prev, fd)), at: Date.now() }),
    null,
  );
  const admin = me.role !== 'member';
  return (
    <div className="flex flex-col gap-3">
      <FormMessage state={state} />
      <Table>
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Email</Th>
            <Th>Role</Th>
            <Th>Joined</Th>
            <Th className="text-right"><span className="sr-only">Actions</span></Th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => {
            const self = m.userId === me.userId;
            // Admins cannot change or remove owners, nor make anyone an owner (the database refuses it too).
            const canChange = admin && (me.role === 'owner' || m.role !== 'owner');
            const roleOptions: TRole[] = me.role === 'owner' ? ['owner', 'admin', 'member'] : ['admin', 'member'];
            return (
              <tr key={m.userId} data-testid="member-row">
                <Td>{m.name || '—'}{self ? <span className="ml-1 text-xs text-muted-foreground">(you)</span> : null}</Td>
                <Td>{m.email}</Td>
                <Td>
                  {canChange ? (
                    <RoleSelect key={`${m.role}-${state?.at ?? 0}`} action={action} userId={m.userId} role={m.role} options={roleOptions} label={`Role of ${m.email}`} />
                  ) : (
                    <Badge variant={m.role === 'owner' ? 'info' : 'default'}>{ROLE_LABEL[m.role]}</Badge>
                  )}
                </Td>
                <Td className="whitespace-nowrap text-muted-foreground">{m.joined}</Td>
                <Td className="text-right">
                  {self ? (
                    <form action={action}>
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="userId" value={m.userId} />
                      <ConfirmSubmitButton variant="outline" size="sm" pendingText="Leaving…" confirm="Leave this organization? You lose access to it until someone invites you again.">
                        Leave
                      </ConfirmSubmitButton>
                    </form>
                  ) : canChange ? (
                    <form action={action}>
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="userId" value={m.userId} />
                      <ConfirmSubmitButton variant="outline" size="sm" pendingText="Removing…" confirm={`Remove ${m.email} from this organization? Their API keys here stop working.`}>
                        Remove
                      </ConfirmSubmitButton>
                    </form>
                  ) : null}
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}

function RoleSelect({ action, userId, role, options, label }: { action: (f: FormData) => void; userId: string; role: TRole; options: TRole[]; label: string }) {
  const form = useRef<HTMLFormElement>(null);
  return (
    <form action={action} ref={form} className="flex items-center gap-2">
      <input type="hidden" name="intent" value="role" />
      <input type="hidden" name="userId" value={userId} />
      <Select
        name="role"
        aria-label={label}
        defaultValue={role}
        className="h-8 w-32"
        onChange={() => form.current?.requestSubmit()}
      >
        {options.map((r) => (
          <option key={r} value={r}>{ROLE_LABEL[r]}</option>
        ))}
      </Select>
    </form>
  );
}

export function InviteForm({ canInviteOwner }: { canInviteOwner: boolean }) {
  const { state, pending, formProps } = useActionForm<TFormState>(inviteMemberAction, { resetOnSuccess: true });
  const sent = state?.ok ? (state.data as { email: string; link: string; emailed: boolean } | undefined) : undefined;
  return (
    <div className="flex flex-col gap-4">
      <form {...formProps} className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <div className="flex-1">
          <Field label="Email" name="email" state={state}>
            <Input id="email" name="email" type="email" autoComplete="off" placeholder="colleague@company.com" required />
          </Field>
        </div>
        <div className="sm:w-40">
          <Field label="Role" name="role" state={state}>
            <Select id="role" name="role" defaultValue="member">
              <option value="member">Member</option>
              <option value="admin">Admin</option>
              {canInviteOwner ? <option value="owner">Owner</option> : null}
            </Select>
          </Field>
        </div>
        <div className="sm:pt-6">
          <PendingButton pending={pending} pendingText="Sending…">Send invitation</PendingButton>
        </div>
      </form>
      {state && !state.ok ? <FormMessage state={state} /> : null}
      {sent ? (
        <Alert variant={sent.emailed ? 'success' : 'warning'} data-testid="invite-result">
          <p>
            {sent.emailed
              ? `Invitation sent to ${sent.email}`
              : `Invitation created for ${sent.email}, but the email could not be sent. Copy the link and send it yourself.`}
          </p>
          <CopyableCode value={sent.link} label="Copy link" testId="invite-link" className="mt-2" />
        </Alert>
      ) : null}
    </div>
  );
}

type TInvitationRow = { id: string; email: string; role: TRole; sent: string; expires: string };

export function InvitationsList({ invitations }: { invitations: TInvitationRow[] }) {
  const [state, action] = useActionState<TFormState, FormData>(revokeInvitationAction, null);
  return (
    <div className="flex flex-col gap-3">
      <FormMessage state={state} />
      {invitations.length === 0 ? (
        <EmptyState title="No pending invitations" description="Invite a colleague above. Accepted, withdrawn and expired invitations drop off this list." />
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Email</Th>
              <Th>Role</Th>
              <Th>Sent</Th>
              <Th>Expires</Th>
              <Th className="text-right"><span className="sr-only">Actions</span></Th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((i) => (
              <tr key={i.id} data-testid="invitation-row">
                <Td>{i.email}</Td>
                <Td>{ROLE_LABEL[i.role]}</Td>
                <Td className="whitespace-nowrap text-muted-foreground">{i.sent}</Td>
                <Td className="whitespace-nowrap text-muted-foreground">{i.expires}</Td>
                <Td className="text-right">
                  <form action={action}>
                    <input type="hidden" name="id" value={i.id} />
                    <ConfirmSubmitButton variant="outline" size="sm" pendingText="Withdrawing…" confirm={`Withdraw the invitation to ${i.email}? The link stops working.`}>
                      Withdraw
                    </ConfirmSubmitButton>
                  </form>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
