/**
 * The sequences feature names problems by step position ("steps.2.variants.0.subject"); the builder
 * keeps them by step id ("e3k9.variants.0.subject") so they stay on the right step after a drag.
 */
import { AppError } from '@/lib/errors';

type TWithId = { id?: unknown };

/** "steps.<i>.<rest>" → "<step id>.<rest>" ("<step id>" alone for the step itself; "_" for the whole list). */
export function pathToStepKey(path: string, steps: TWithId[]): string {
  const p = path.startsWith('steps.') ? path.slice('steps.'.length) : path === 'steps' ? '' : path;
  if (!p) return '_';
  const [first, ...rest] = p.split('.');
  const i = Number(first);
  const id = Number.isInteger(i) && typeof steps[i]?.id === 'string' ? (steps[i]!.id as string) : undefined;
  if (!id) return '_';
  return rest.length ? `${id}.${rest.join('.')}` : id;
}

export function fieldsByStep(fields: Record<string, string[]> | undefined, steps: TWithId[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(fields ?? {})) (out[pathToStepKey(k, steps)] ??= []).push(...v);
  return out;
}

/** Re-throws a validation error of the steps with its fields keyed by step id. */
export function rethrowByStep(e: unknown, steps: TWithId[]): never {
  if (e instanceof AppError && e.code === 'INVALID_INPUT' && e.fields) {
    throw new AppError('INVALID_INPUT', e.message, { fields: fieldsByStep(e.fields, steps) });
  }
  throw e;
}

export type TStepNotes = {
  warnings: { key: string; message: string }[];
  removed: { key: string; items: string[] }[];
};

/** Warnings and what sanitising removed, keyed by step id. */
export function notesByStep(v: { warnings: { path: string; code?: string; message: string }[]; removed: { path: string; items: string[] }[] }, steps: TWithId[]): TStepNotes {
  return {
    // What sanitising removed is shown under its body (removed), not again as a warning.
    warnings: v.warnings.filter((w) => w.code !== 'unsafe_html').map((w) => ({ key: pathToStepKey(w.path, steps), message: w.message })),
    removed: v.removed.map((r) => ({ key: pathToStepKey(r.path, steps), items: r.items })),
  };
}

/** Steps sent by a form as JSON in one field. */
export function parseStepsJson(s: string): Record<string, unknown>[] {
  let v: unknown;
  try {
    v = JSON.parse(s);
  } catch {
    throw new AppError('INVALID_INPUT', 'The steps could not be read; reload the page and try again.', { fields: { _: ['The steps could not be read.'] } });
  }
  if (!Array.isArray(v) || v.some((x) => !x || typeof x !== 'object')) {
    throw new AppError('INVALID_INPUT', 'The steps could not be read; reload the page and try again.', { fields: { _: ['The steps could not be read.'] } });
  }
  return v as Record<string, unknown>[];
}
