/** Shapes shared by the sequence builder and the pages around it. Types only. */
import type { TPreview, TStep } from '@/features/sequences';
import type { TActionResult } from '@/lib/http/action';

export type TVariable = { name: string; label: string; group: string };
export type TMember = { id: string; name: string };
export type TBuilderContext = { variables: TVariable[]; members: TMember[]; mailboxes: { id: string; email: string; name: string | null }[] };

/** Messages by step key: "<step id>" (the step), "<step id>.variants.0.subject" (a field), "_" (the whole list). */
export type TStepErrors = Record<string, string[]>;
export type TStepNotes = { warnings: { key: string; message: string }[]; removed: { key: string; items: string[] }[] };

export type TPreviewLead = { id: string; name: string; email: string | null; company: string | null };

type TAction<I, O> = (prev: null, input: I) => Promise<TActionResult<O>>;

/** The server actions the builder calls (passed in by the page, so this component does not reach into app/). */
export type TBuilderServices = {
  check: TAction<{ steps: TStep[] }, TStepNotes>;
  preview: TAction<{ leadId: string; steps: TStep[]; stepId: string; variant?: string; campaignId?: string; mailboxId?: string }, TPreview>;
  searchLeads: TAction<{ q: string }, TPreviewLead[]>;
};
