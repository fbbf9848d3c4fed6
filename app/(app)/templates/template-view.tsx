'use client';
/** A template's steps, read-only, with the live preview (system templates and the organization's). */
import type { TStep } from '@/features/sequences';
import type { TBuilderContext } from '@/components/sequences/builder-types';
import { SequenceBuilder, useBuilderState } from '@/components/sequences/sequence-builder';
import { checkStepsAction, previewStepAction, searchLeadsAction } from '../sequences/actions';

const SERVICES = { check: checkStepsAction, preview: previewStepAction, searchLeads: searchLeadsAction };

export function TemplateSteps({ steps, ctx }: { steps: TStep[]; ctx: TBuilderContext }) {
  const state = useBuilderState(steps);
  return <SequenceBuilder state={state} ctx={ctx} services={SERVICES} readOnly />;
}
