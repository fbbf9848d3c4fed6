import { describe, expect, it } from 'vitest';
import { parseTemplate, renderTemplate, seededRandom, variablesOf, hash32 } from '../../../src/features/sequences/template';

const vals: Record<string, string> = { first_name: 'Ada', company: 'Acme & Co', empty: '  ' };
const resolve = (n: string) => vals[n];
const text = (src: string, seed = 's') => renderTemplate(src, resolve, { mode: 'text', random: seededRandom(seed) });

describe('variables', () => {
  it('fills values and fallbacks', () => {
    expect(text('Hi {{first_name}}, {{ company }}').output).toBe('Hi Ada, Acme & Co');
    expect(text('Hi {{last_name|there}}').output).toBe('Hi there');
    expect(text('Hi {{last_name|}}!').output).toBe('Hi !');
    expect(text('Hi {{empty|friend}}').output).toBe('Hi friend'); // blank counts as missing
    expect(text('Hi {{first_name|there}}').output).toBe('Hi Ada');
  });

  it('reports a variable that has no value and no fallback, never printing it raw', () => {
    const r = text('Hi {{last_name}}, about {{pain_point}} and {{last_name}}');
    expect(r.missing.map((m) => m.name)).toEqual(['last_name', 'pain_point', 'last_name']);
    expect(r.output).not.toContain('{{');
  });

  it('escapes values in HTML mode, not in text mode', () => {
    const r = renderTemplate('<p>{{company}} {{x|<b>bold</b>}}</p>', (n) => (n === 'company' ? '<script>"x"</script>' : undefined), { mode: 'html', random: seededRandom(1) });
    expect(r.output).toBe('<p>&lt;script&gt;&quot;x&quot;&lt;/script&gt; <b>bold</b></p>');
    expect(text('{{company}}').output).toBe('Acme & Co');
  });

  it('lists variables with their fallbacks', () => {
    expect(variablesOf(parseTemplate('{{a}} {Hi {{b|x}}|Yo} {{custom.c}}').nodes)).toEqual([
      { name: 'a', hasFallback: false }, { name: 'b', hasFallback: true }, { name: 'custom.c', hasFallback: false },
    ]);
  });
});

describe('syntax problems are found at save time', () => {
  const codes = (src: string) => parseTemplate(src).problems.map((p) => p.code);
  it.each([
    ['Hi {{first_name', 'unclosed_variable'],
    ['Hi {{}}', 'empty_variable'],
    ['Hi {{first name}}', 'bad_variable_name'],
    ['Hi {{9lives}}', 'bad_variable_name'],
    ['Hi {{a {{b}}', 'nested_variable'],
    ['{Hi|Hello', 'unclosed_spintax'],
    ['{Hi|{Hello|Hey}', 'unclosed_spintax'],
    ['Hi}', 'unmatched_close'],
    ['Hi }} there', 'unmatched_close'],
    ['{first_name}', 'single_option'],
  ])('%s → %s', (src, code) => {
    expect(codes(src)).toContain(code);
  });

  it('accepts well-formed templates, escapes included', () => {
    for (const ok of ['Hi {{first_name|there}}', '{Hi|Hello|Hey} {{first_name}}', '{Hi|{Hello|Hey} there}', 'Literal \\{braces\\} and \\| bar', 'plain text', '{a|}', '{{custom.pain_point|growth}}']) {
      expect(parseTemplate(ok).problems, ok).toEqual([]);
    }
    expect(text('Literal \\{x\\} \\| y').output).toBe('Literal {x} | y');
  });
});

describe('spintax', () => {
  it('chooses one option, nested groups included', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(text('{Hi|{Hello|Hey} there}', `seed-${i}`).output);
    expect(seen).toEqual(new Set(['Hi', 'Hello there', 'Hey there']));
  });

  it('is deterministic per seed and varies across seeds', () => {
    const src = '{a|b|c|d} {e|f|g|h} {i|j|k|l}';
    expect(text(src, 'message-1').output).toBe(text(src, 'message-1').output);
    const outs = new Set(Array.from({ length: 50 }, (_, i) => text(src, `m${i}`).output));
    expect(outs.size).toBeGreaterThan(20);
  });

  it('spreads choices roughly evenly', () => {
    const n: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 3000; i++) n[text('{a|b|c}', `x${i}`).output]!++;
    for (const v of Object.values(n)) expect(v).toBeGreaterThan(850);
  });

  it('has a stable hash and PRNG', () => {
    expect(hash32('abc')).toBe(hash32('abc'));
    expect(hash32('abc')).not.toBe(hash32('abd'));
    const r = seededRandom('x');
    for (let i = 0; i < 1000; i++) {
      const v = r();
      expect(v >= 0 && v < 1).toBe(true);
    }
  });
});
