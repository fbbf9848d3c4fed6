import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv, ZEnvSchema } from '../../../src/lib/env';

const example = readFileSync(path.resolve(import.meta.dirname, '../../../.env.example'), 'utf8');
const listed = new Map(
  example
    .split('\n')
    .filter((l) => /^[A-Z0-9_]+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const),
);

describe('.env.example', () => {
  it('lists every variable the env module reads (except NODE_ENV, set by the tools)', () => {
    const declared = Object.keys(ZEnvSchema.shape).filter((k) => k !== 'NODE_ENV');
    expect(declared.filter((k) => !listed.has(k))).toEqual([]);
    expect([...listed.keys()].filter((k) => !declared.includes(k))).toEqual([]);
  });

  it('has a comment above every variable group saying which mode needs it', () => {
    const lines = example.split('\n');
    for (const [i, line] of lines.entries()) {
      if (!/^[A-Z0-9_]+=/.test(line)) continue;
      let j = i - 1;
      while (j >= 0 && /^[A-Z0-9_]+=/.test(lines[j]!)) j--; // variables of the same group share a comment
      const block: string[] = [];
      while (j >= 0 && lines[j]!.startsWith('#')) block.unshift(lines[j--]!);
      expect(block.join(' '), `no mode comment above ${line}`).toMatch(/\b(local|cloud|both modes)\b/i);
    }
  });

  it('copied as is, starts local mode (empty values count as unset)', () => {
    const e = parseEnv({ ...Object.fromEntries(listed), DATA_DIR: mkdtempSync(path.join(tmpdir(), 'lp-env-')) });
    expect(e.mode).toBe('local');
    expect(e.encryptionKey).toHaveLength(44);
  });
});
