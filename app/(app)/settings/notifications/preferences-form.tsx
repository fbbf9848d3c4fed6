'use client';
import { Checkbox, PendingButton, Table, Td, Th, useActionForm } from '@/components/ui';
import { FormMessage, type TFormState } from '@/components/ui/form';
import { updatePreferencesAction } from '../actions';

type TSetting = { type: string; label: string; description: string; email: boolean; in_app: boolean };

export function PreferencesForm({ settings }: { settings: TSetting[] }) {
  const { state, pending, formProps } = useActionForm<TFormState>(updatePreferencesAction);
  return (
    <form {...formProps} className="flex flex-col gap-4">
      <FormMessage state={state} />
      <Table>
        <thead>
          <tr>
            <Th>Notification</Th>
            <Th className="w-24 text-center">Email</Th>
            <Th className="w-24 text-center">In app</Th>
          </tr>
        </thead>
        <tbody>
          {settings.map((s) => (
            <tr key={s.type}>
              <Td>
                <p className="font-medium">{s.label}</p>
                <p className="text-xs text-muted-foreground">{s.description}</p>
              </Td>
              <Td className="text-center">
                <Checkbox name={`${s.type}.email`} defaultChecked={s.email} aria-label={`${s.label} by email`} />
              </Td>
              <Td className="text-center">
                <Checkbox name={`${s.type}.in_app`} defaultChecked={s.in_app} aria-label={`${s.label} in the app`} />
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <div>
        <PendingButton pending={pending} pendingText="Saving…">Save preferences</PendingButton>
      </div>
    </form>
  );
}
