'use client';
/**
 * The campaign's sequence in the builder. Every save is a new version; leads already enrolled stay on
 * theirs unless the user moves them (the default is that they stay).
 */
import { useState, useTransition } from 'react';
import { Save } from 'lucide-react';
import { Alert, Button, PendingButton, useActionForm } from '@/components/ui';
import type { TFormState } from '@/components/ui/form';
import type { TStep } from '@/features/sequences';
import type { TBuilderContext, TStepNotes } from '@/components/sequences/builder-types';
import { SequenceBuilder, useBuilderState } from '@/components/sequences/sequence-builder';
import { checkStepsAction, previewStepAction, searchLeadsAction } from '../../sequences/actions';
import { moveEnrollmentsAction, saveCampaignSequenceAction } from '../actions';

const SERVICES = { check: checkStepsAction, preview: previewStepAction, searchLeads: searchLeadsAction };

export function CampaignSequenceEditor({ campaignId, mailboxId, running, version, steps, stillOnOlder, ctx, readOnly }: {
  campaignId: string;
  /** The campaign's first mailbox: the preview's sender. */
  mailboxId?: string;
  running: boolean;
  version: number;
  steps: TStep[];
  /** Active or paused leads on an older version than the latest. */
  stillOnOlder: number;
  ctx: TBuilderContext;
  readOnly: boolean;
}) {
  const builder = useBuilderState(steps);
  const [current, setCurrent] = useState({ version, older: stillOnOlder });
  const { state, pending, formProps } = useActionForm<TFormState>(async (prev, fd) => {
    const r = await saveCampaignSequenceAction(prev, fd);
    if (r.ok) {
      const d = r.data as { steps: TStep[]; version: number; stillOnOlder: number; notes: TStepNotes };
      builder.setSteps(d.steps);
      builder.setNotes(d.notes);
      builder.setErrors({});
      setCurrent({ version: d.version, older: d.stillOnOlder });
    } else {
      builder.setErrors(r.error.fields ?? {});
    }
    return r;
  });
  return (
    <div className="flex flex-col gap-4">
      {readOnly ? (
        <Alert variant="info">This campaign has ended: its steps can be looked at, not changed. Duplicate it as a template from the template library to reuse them.</Alert>
      ) : running ? (
        <Alert variant="info">
          This campaign is running. Saving makes version {current.version + 1}: new leads get it; leads already in the campaign stay on the version they started with unless you move them.
        </Alert>
      ) : (
        <p className="text-sm text-muted-foreground">Version {current.version}. Drag a step by its handle (or focus the handle, press space and use the arrow keys) to reorder.</p>
      )}
      <form {...formProps} id="sequence-form" className="hidden">
        <input type="hidden" name="campaignId" value={campaignId} />
        <input type="hidden" name="steps" value={JSON.stringify(builder.steps)} />
      </form>
      {state ? <Alert variant={state.ok ? 'success' : 'error'} data-testid="save-result">{state.ok ? state.message : state.error.message}</Alert> : null}
      {current.older > 0 ? <MoveLeads key={`${current.version}-${current.older}`} campaignId={campaignId} count={current.older} version={current.version} /> : null}
      <SequenceBuilder
        state={builder}
        ctx={ctx}
        services={SERVICES}
        campaignId={campaignId}
        mailboxId={mailboxId}
        readOnly={readOnly}
        toolbar={
          readOnly ? null : (
            <PendingButton pending={pending} form="sequence-form" pendingText="Saving…">
              <Save className="h-4 w-4" aria-hidden /> {running ? `Save as version ${current.version + 1}` : 'Save sequence'}
            </PendingButton>
          )
        }
      />
    </div>
  );
}

function MoveLeads({ campaignId, count, version }: { campaignId: string; count: number; version: number }) {
  const [pending, start] = useTransition();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  if (msg?.ok) return <Alert variant="success" data-testid="older-versions">{msg.text}</Alert>;
  return (
    <Alert variant="warning" data-testid="older-versions">
      <p>
        {count.toLocaleString('en')} lead{count === 1 ? ' is' : 's are'} on an older version of this sequence and will finish it as it was. That is the default; you can move them to version {version} instead —
        each continues at the same step in the new version, and nothing they already received is sent again.
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <Button
          size="sm"
          variant="outline"
          disabled={pending}
          onClick={() => {
            if (!window.confirm(`Move ${count} lead${count === 1 ? '' : 's'} to version ${version}? Their unsent emails are composed again from the new steps.`)) return;
            start(async () => {
              const r = await moveEnrollmentsAction(null, { campaignId });
              setMsg(r.ok ? { ok: true, text: r.message ?? 'Moved.' } : { ok: false, text: r.error.message });
            });
          }}
        >
          {pending ? 'Moving…' : `Move enrolled leads to version ${version}`}
        </Button>
        {msg ? <span className={msg.ok ? 'text-green-800' : 'text-destructive'}>{msg.text}</span> : null}
      </div>
    </Alert>
  );
}
