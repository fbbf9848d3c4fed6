/**
 * Content of steps: checks at save time (syntax, unsafe HTML, private webhook URLs, variables that may
 * be missing) and composing one email for one lead (variant, variables, spintax, sanitising, plain
 * text, thread subject). Pure.
 */
import { checkUrlShape } from '@/lib/safe-fetch';
import { htmlToPlainText, sanitizeEmailHtml } from './html';
import { customKeyOf, isStandardVariable, missingReason, resolverFor, type TVariableSource } from './variables';
import { parseTemplate, renderNodes, seededRandom, hash32, variablesOf, type TSyntaxProblem } from './template';
import type { TEmailStep, TEmailVariant, TStep } from './steps';

export type TContentProblem = {
  /** Where, as a dotted path into the steps: "2.variants.0.html". */
  path: string;
  code: TSyntaxProblem['code'] | 'unsafe_html' | 'private_url' | 'custom_field' | 'empty_subject' | 'missing_variable';
  severity: 'error' | 'warning';
  message: string;
};

export type TStepsCheck = {
  /** The steps as they will be stored (HTML sanitised). */
  steps: TStep[];
  /** Errors block saving; warnings are shown. */
  problems: TContentProblem[];
  /** What sanitising removed, per field ("0.variants.0.html": ["<script> element", …]). */
  removed: { path: string; items: string[] }[];
};

function templateProblems(path: string, src: string): TContentProblem[] {
  const parsed = parseTemplate(src);
  const out: TContentProblem[] = parsed.problems.map((p) => ({ path, code: p.code, severity: 'error', message: p.message }));
  for (const v of variablesOf(parsed.nodes)) {
    if (v.hasFallback || isStandardVariable(v.name)) continue;
    const key = v.name.startsWith('company.custom.') ? v.name.slice('company.custom.'.length) : customKeyOf(v.name);
    out.push({
      path, code: 'custom_field', severity: 'warning',
      message: `{{${v.name}}} is read from the custom field "${key}": leads without it are held back until it is filled in, unless you add a fallback ({{${v.name}|…}}).`,
    });
  }
  return out;
}

/** Checks and sanitises the content of every step (the structure is ZSteps' job). */
export function checkStepsContent(steps: TStep[]): TStepsCheck {
  const problems: TContentProblem[] = [];
  const removed: TStepsCheck['removed'] = [];
  const out = steps.map((s, i): TStep => {
    switch (s.type) {
      case 'email':
        return {
          ...s,
          variants: s.variants.map((v, j) => {
            const base = `${i}.variants.${j}`;
            const san = sanitizeEmailHtml(v.html);
            if (san.removed.length) {
              removed.push({ path: `${base}.html`, items: san.removed });
              problems.push({ path: `${base}.html`, code: 'unsafe_html', severity: 'warning', message: `Removed from the HTML: ${san.removed.join(', ')}.` });
            }
            problems.push(...templateProblems(`${base}.subject`, v.subject), ...templateProblems(`${base}.html`, san.html));
            if (v.text !== undefined) problems.push(...templateProblems(`${base}.text`, v.text));
            return { ...v, html: san.html };
          }),
        };
      case 'task':
        problems.push(...templateProblems(`${i}.title`, s.title));
        if (s.description) problems.push(...templateProblems(`${i}.description`, s.description));
        return s;
      case 'whatsapp':
      case 'sms':
        problems.push(...templateProblems(`${i}.body`, s.body));
        return s;
      case 'webhook': {
        const shape = checkUrlShape(s.url);
        if (!shape.ok) problems.push({ path: `${i}.url`, code: 'private_url', severity: 'error', message: shape.reason });
        return s;
      }
      default:
        return s;
    }
  });
  return { steps: out, problems: dedupe(problems), removed };
}

function dedupe(ps: TContentProblem[]): TContentProblem[] {
  const seen = new Set<string>();
  return ps.filter((p) => {
    const k = `${p.path}|${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The A/B variant an enrollment gets for a step: weighted, deterministic per (enrollment, step). */
export function chooseVariant(variants: TEmailVariant[], seed: string): TEmailVariant {
  const live = variants.filter((v) => v.weight > 0);
  const pool = live.length ? live : variants;
  const total = pool.reduce((n, v) => n + (live.length ? v.weight : 1), 0);
  let x = (hash32(`variant:${seed}`) / 4294967296) * total;
  for (const v of pool) {
    x -= live.length ? v.weight : 1;
    if (x < 0) return v;
  }
  return pool[pool.length - 1]!;
}

export type TComposeProblem = { code: 'missing_variable' | 'syntax' | 'empty_subject' | 'empty_body'; variable?: string; message: string };

export type TComposed =
  | { ok: true; variant: string; subject: string; html: string; text: string; removed: string[] }
  | { ok: false; variant: string; problems: TComposeProblem[] };

/** "Re: <subject>" without piling up prefixes. */
export const replySubject = (root: string): string => `Re: ${root.replace(/^\s*((re|aw|sv|fwd?)\s*:\s*)+/i, '')}`;

/**
 * Composes one email of a step for one lead. `seed` makes variant and spintax choices repeatable
 * (use the enrollment id and the step id). `thread.rootSubject` makes it a reply in that thread.
 */
export function composeEmail(input: {
  step: TEmailStep;
  source: TVariableSource;
  seed: string;
  variantKey?: string;
  thread?: { rootSubject: string };
}): TComposed {
  const variant = input.step.variants.find((v) => v.key === input.variantKey) ?? chooseVariant(input.step.variants, input.seed);
  const resolve = resolverFor(input.source);
  const random = seededRandom(`spin:${input.seed}`);
  const problems: TComposeProblem[] = [];
  const part = (src: string, mode: 'html' | 'text') => {
    const parsed = parseTemplate(src);
    for (const p of parsed.problems) problems.push({ code: 'syntax', message: p.message });
    const r = renderNodes(parsed.nodes, resolve, { mode, random });
    for (const m of r.missing) {
      if (!problems.some((p) => p.variable === m.name)) problems.push({ code: 'missing_variable', variable: m.name, message: missingReason(m.name) });
    }
    return r.output;
  };
  const threaded = input.step.thread && input.thread;
  const ownSubject = threaded ? '' : part(variant.subject, 'text').replace(/\s+/g, ' ').trim();
  const subject = threaded ? replySubject(input.thread!.rootSubject) : ownSubject;
  const rendered = part(variant.html, 'html');
  const textSrc = variant.text !== undefined ? part(variant.text, 'text') : undefined;
  if (!subject && !problems.length) problems.push({ code: 'empty_subject', message: 'The subject is empty for this lead.' });
  if (problems.length) return { ok: false, variant: variant.key, problems };
  // Values are escaped when inserted; sanitising again catches what a value can still do (a lead's
  // website "javascript:…" placed in an href).
  const san = sanitizeEmailHtml(rendered);
  const text = textSrc ?? htmlToPlainText(san.html);
  if (!text.trim()) return { ok: false, variant: variant.key, problems: [{ code: 'empty_body', message: 'The email body is empty for this lead.' }] };
  return { ok: true, variant: variant.key, subject, html: san.html, text, removed: san.removed };
}

/** Renders a plain template (task titles, WhatsApp bodies) for a lead; missing variables are listed. */
export function composeText(src: string, source: TVariableSource, seed: string): { text: string; problems: TComposeProblem[] } {
  const parsed = parseTemplate(src);
  const r = renderNodes(parsed.nodes, resolverFor(source), { mode: 'text', random: seededRandom(`spin:${seed}`) });
  return {
    text: r.output,
    problems: [
      ...parsed.problems.map((p) => ({ code: 'syntax' as const, message: p.message })),
      ...r.missing.map((m) => ({ code: 'missing_variable' as const, variable: m.name, message: missingReason(m.name) })),
    ],
  };
}
