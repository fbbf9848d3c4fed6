/**
 * The template language of subjects and bodies (S3): pure parsing and rendering.
 *
 *   {{first_name}}            a variable (lead, company, sender or custom field)
 *   {{first_name|there}}      … with a fallback used when the value is missing or empty
 *   {{first_name|}}           … with an explicitly empty fallback
 *   {Hi|Hello|Hey}            spintax: one option, chosen deterministically per message
 *   {Hi|{Hello|Hey} there}    spintax nests (a group cannot start with another group: "{{" opens a variable)
 *   \{  \}  \|                literal characters
 *
 * A variable without a value and without a fallback blocks the message (never a raw "{{…}}" in an
 * email); the render result says which variable and why. Broken syntax is reported at save time.
 */

export type TTemplateNode =
  | { kind: 'text'; value: string }
  | { kind: 'var'; name: string; fallback?: string; raw: string }
  | { kind: 'spin'; options: TTemplateNode[][]; raw: string };

export type TSyntaxProblem = {
  code: 'unclosed_variable' | 'empty_variable' | 'bad_variable_name' | 'nested_variable' | 'unclosed_spintax' | 'unmatched_close' | 'single_option';
  message: string;
  /** Character offset in the source. */
  index: number;
};

export type TParsed = { nodes: TTemplateNode[]; problems: TSyntaxProblem[] };

const NAME = /^[a-zA-Z_][a-zA-Z0-9_]*(\.[a-zA-Z0-9_]+)*$/;

/** Parses a template; never throws. Problems are listed with their position. */
export function parseTemplate(src: string): TParsed {
  const problems: TSyntaxProblem[] = [];
  let i = 0;

  function parseSeq(inSpin: boolean): { nodes: TTemplateNode[]; stop: '|' | '}' | 'eof' } {
    const nodes: TTemplateNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (i < src.length) {
      const c = src[i]!;
      if (c === '\\' && i + 1 < src.length && '{}|'.includes(src[i + 1]!)) {
        text += src[i + 1];
        i += 2;
        continue;
      }
      if (c === '{' && src[i + 1] === '{') {
        flush();
        nodes.push(parseVar());
        continue;
      }
      if (c === '{') {
        flush();
        nodes.push(parseSpin());
        continue;
      }
      if (c === '}' && src[i + 1] === '}' && !inSpin) {
        problems.push({ code: 'unmatched_close', index: i, message: `"}}" at character ${i + 1} closes nothing: a variable looks like {{first_name}}.` });
        text += '}}';
        i += 2;
        continue;
      }
      if (c === '}') {
        if (inSpin) {
          flush();
          return { nodes, stop: '}' };
        }
        problems.push({ code: 'unmatched_close', index: i, message: `"}" at character ${i + 1} closes nothing. Write \\} for a literal brace.` });
        text += c;
        i++;
        continue;
      }
      if (c === '|' && inSpin) {
        flush();
        return { nodes, stop: '|' };
      }
      text += c;
      i++;
    }
    flush();
    return { nodes, stop: 'eof' };
  }

  function parseVar(): TTemplateNode {
    const start = i;
    const close = src.indexOf('}}', i + 2);
    const nextOpen = src.indexOf('{{', i + 2);
    if (close < 0) {
      problems.push({ code: 'unclosed_variable', index: start, message: `The variable at character ${start + 1} is not closed with "}}".` });
      i = src.length;
      return { kind: 'text', value: src.slice(start) };
    }
    if (nextOpen >= 0 && nextOpen < close) {
      problems.push({ code: 'nested_variable', index: start, message: `The variable at character ${start + 1} is not closed before the next "{{".` });
    }
    const inner = src.slice(i + 2, close);
    const raw = src.slice(start, close + 2);
    i = close + 2;
    const bar = inner.indexOf('|');
    const name = (bar < 0 ? inner : inner.slice(0, bar)).trim();
    const fallback = bar < 0 ? undefined : inner.slice(bar + 1).trim();
    if (!name) {
      problems.push({ code: 'empty_variable', index: start, message: `"${raw}" at character ${start + 1} has no variable name.` });
    } else if (!NAME.test(name)) {
      problems.push({ code: 'bad_variable_name', index: start, message: `"${raw}": "${name}" is not a variable name (letters, digits and _; custom fields as custom.key).` });
    }
    return { kind: 'var', name, ...(fallback !== undefined ? { fallback } : {}), raw };
  }

  function parseSpin(): TTemplateNode {
    const start = i;
    i++; // {
    const options: TTemplateNode[][] = [];
    for (;;) {
      const r = parseSeq(true);
      options.push(r.nodes);
      if (r.stop === '|') {
        i++;
        continue;
      }
      if (r.stop === '}') {
        i++;
        break;
      }
      problems.push({ code: 'unclosed_spintax', index: start, message: `The choice "{" at character ${start + 1} is not closed with "}".` });
      break;
    }
    const raw = src.slice(start, i);
    if (options.length === 1 && !problems.some((p) => p.index === start)) {
      problems.push({
        code: 'single_option', index: start,
        message: `"${raw.slice(0, 60)}" at character ${start + 1} has one option: write {{name}} for a variable or {a|b} for alternatives.`,
      });
    }
    return { kind: 'spin', options, raw };
  }

  const r = parseSeq(false);
  return { nodes: r.nodes, problems };
}

/** Every variable a template uses (with whether it has a fallback), in order of appearance. */
export function variablesOf(nodes: TTemplateNode[]): { name: string; hasFallback: boolean }[] {
  const out: { name: string; hasFallback: boolean }[] = [];
  const walk = (ns: TTemplateNode[]) => {
    for (const n of ns) {
      if (n.kind === 'var' && n.name) out.push({ name: n.name, hasFallback: n.fallback !== undefined });
      if (n.kind === 'spin') n.options.forEach(walk);
    }
  };
  walk(nodes);
  return out;
}

// ---- deterministic randomness ---------------------------------------------------------------------

/** A 32-bit FNV-1a hash of a string. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small seeded PRNG returning numbers in [0, 1). */
export function seededRandom(seed: string | number): () => number {
  let a = typeof seed === 'number' ? seed >>> 0 : hash32(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- rendering ------------------------------------------------------------------------------------

export type TMissing = { name: string; raw: string };

export type TRenderResult = { output: string; missing: TMissing[] };

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * Renders parsed nodes. `resolve` returns a variable's value (undefined or '' = missing). In html mode
 * values are HTML-escaped (fallbacks are the template's own text). `random` picks spintax options (seed it per message).
 */
export function renderNodes(
  nodes: TTemplateNode[],
  resolve: (name: string) => string | undefined,
  opts: { mode: 'html' | 'text'; random: () => number },
): TRenderResult {
  const missing: TMissing[] = [];
  const esc = opts.mode === 'html' ? escapeHtml : (s: string) => s;
  const walk = (ns: TTemplateNode[]): string => {
    let out = '';
    for (const n of ns) {
      if (n.kind === 'text') out += n.value;
      else if (n.kind === 'var') {
        const v = resolve(n.name);
        if (v !== undefined && v.trim() !== '') out += esc(v);
        // A fallback is authored text in the template's own context (already HTML in an HTML body).
        else if (n.fallback !== undefined) out += n.fallback;
        else missing.push({ name: n.name, raw: n.raw });
      } else {
        const pick = Math.min(n.options.length - 1, Math.floor(opts.random() * n.options.length));
        // Draw for every option's nested groups only along the chosen path: deterministic per seed.
        out += walk(n.options[pick]!);
      }
    }
    return out;
  };
  const output = walk(nodes);
  return { output, missing };
}

/** Parse + render in one call (throws nothing; syntax problems come back as they are). */
export function renderTemplate(
  src: string,
  resolve: (name: string) => string | undefined,
  opts: { mode: 'html' | 'text'; random: () => number },
): TRenderResult & { problems: TSyntaxProblem[] } {
  const p = parseTemplate(src);
  return { ...renderNodes(p.nodes, resolve, opts), problems: p.problems };
}
