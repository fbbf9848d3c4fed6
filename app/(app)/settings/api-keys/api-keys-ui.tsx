'use client';
import { useActionState } from 'react';
import { Alert, Badge, ConfirmSubmitButton, CopyableCode, EmptyState, Input, PendingButton, Table, Td, Th, useActionForm } from '@/components/ui';
import { Field, FormMessage, type TFormState } from '@/components/ui/form';
import { createApiKeyAction, revokeApiKeyAction } from '../actions';

export function CreateApiKeyForm() {
  const { state, pending, formProps } = useActionForm<TFormState>(createApiKeyAction, { resetOnSuccess: true });
  const created = state?.ok ? (state.data as { key: string; name: string; prefix: string } | undefined) : undefined;
  return (
    <div className="flex flex-col gap-4">
      <form {...formProps} className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <div className="flex-1">
          <Field label="Name" name="name" state={state} hint='What uses it, for example "Zapier" or "CRM sync".'>
            <Input id="name" name="name" maxLength={100} required />
          </Field>
        </div>
        <div className="sm:pt-6">
          <PendingButton pending={pending} pendingText="Creating…">Create key</PendingButton>
        </div>
      </form>
      {state && !state.ok ? <FormMessage state={state} /> : null}
      {created ? (
        <Alert variant="warning">
          <p className="font-medium">Copy the key for “{created.name}” now. It will not be shown again.</p>
          <p className="mt-1">Only a fingerprint of it is stored; if you lose it, revoke it and create a new one.</p>
          <CopyableCode value={created.key} label="Copy key" testId="new-api-key" className="mt-2" />
        </Alert>
      ) : null}
    </div>
  );
}

type TKeyRow = { id: string; name: string; prefix: string; createdBy: string; created: string; lastUsed: string; revoked: string | null; status: 'active' | 'revoked' | 'inactive' };

export function ApiKeysTable({ keys }: { keys: TKeyRow[] }) {
  const [state, action] = useActionState<TFormState, FormData>(revokeApiKeyAction, null);
  if (keys.length === 0) {
    return <EmptyState title="No API keys yet" description="Create a key above to connect an integration or script to LeadPilot." />;
  }
  return (
    <div className="flex flex-col gap-3">
      <FormMessage state={state} />
      <Table>
        <thead>
          <tr>
            <Th>Key</Th>
            <Th>Name</Th>
            <Th>Created by</Th>
            <Th>Created</Th>
            <Th>Last used</Th>
            <Th>Status</Th>
            <Th className="text-right"><span className="sr-only">Actions</span></Th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.id} data-testid="api-key-row">
              <Td><code className="text-xs">{k.prefix}…</code></Td>
              <Td>{k.name}</Td>
              <Td>{k.createdBy}</Td>
              <Td className="whitespace-nowrap text-muted-foreground">{k.created}</Td>
              <Td className="whitespace-nowrap text-muted-foreground">{k.lastUsed}</Td>
              <Td>
                {k.status === 'active' ? (
                  <Badge variant="success">Active</Badge>
                ) : k.status === 'revoked' ? (
                  <Badge variant="muted" title={k.revoked ? `Revoked ${k.revoked}` : undefined}>Revoked</Badge>
                ) : (
                  <Badge variant="warning" title="Its creator is no longer a member, so it does not work.">Inactive</Badge>
                )}
              </Td>
              <Td className="text-right">
                {k.status !== 'revoked' ? (
                  <form action={action}>
                    <input type="hidden" name="id" value={k.id} />
                    <ConfirmSubmitButton
                      variant="outline"
                      size="sm"
                      pendingText="Revoking…"
                      confirm={`Revoke this key? Anything using ${k.prefix}… (“${k.name}”) stops working immediately. This cannot be undone.`}
                    >
                      Revoke
                    </ConfirmSubmitButton>
                  </form>
                ) : null}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
