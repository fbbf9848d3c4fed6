/**
 * The local runner runs `allTasks`; Trigger.dev runs what trigger/ exports. They must be the same set:
 * a task missing from trigger/ would silently never run in cloud mode.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allTasks } from '../../../src/features/registry';

const root = path.resolve(import.meta.dirname, '../../../trigger');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });

describe('trigger/ and the task registry', () => {
  it('wrap exactly the registered tasks, one file each, with the same ids, retries and schedules', async () => {
    const exported: { id: string; file: string }[] = [];
    for (const file of files(root)) {
      const mod = (await import(pathToFileURL(file).href)) as Record<string, { id?: unknown }>;
      const tasks = Object.values(mod).filter((v): v is { id: string } => typeof v?.id === 'string');
      expect(tasks, `${path.relative(root, file)} should export exactly one task`).toHaveLength(1);
      exported.push({ id: tasks[0]!.id, file: path.relative(root, file) });
    }
    expect(exported.map((e) => e.id).sort()).toEqual(allTasks.map((t) => t.id).sort());
    // One file per task, named after the task's verb-noun, inside its feature's folder.
    for (const e of exported) {
      const [feature, verbNoun] = e.id.split('.') as [string, string];
      expect(e.file.startsWith(`${feature}/`), `${e.file} holds ${e.id}`).toBe(true);
      expect(verbNoun.includes(path.basename(e.file, '.ts')) || path.basename(e.file, '.ts').includes(verbNoun.split('-')[0]!), `${e.file} is named after ${e.id}`).toBe(true);
    }
  });

  it('every task id is unique and cron tasks take an empty payload', () => {
    const ids = allTasks.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of allTasks.filter((x) => x.cron)) expect(t.schema.safeParse({}).success, t.id).toBe(true);
  });
});
