/**
 * `npm run bench [filter]`: runs every tests/bench/*.bench.ts in turn. Each file default-exports
 * `async function bench(): Promise<TBenchReport>`; figures are printed with the ratio to the baseline
 * the bench measured in the same run, and the target. Speed is measured here, never asserted in tests.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TBenchReport } from './lib';
import { printReport } from './lib';

process.env.LOG_LEVEL ??= 'silent';
process.env.NEXT_TELEMETRY_DISABLED = '1';

async function main() {
  const filter = process.argv[2];
  const dir = import.meta.dirname;
  const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter))).sort();
  if (!files.length) {
    console.log(filter ? `No bench matches "${filter}".` : 'No benches found.');
    return;
  }
  let failed = 0;
  for (const f of files) {
    console.log(`\n▶ ${f}`);
    const started = Date.now();
    try {
      const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { default: () => Promise<TBenchReport> };
      printReport(await mod.default());
    } catch (e) {
      failed++;
      console.error(`  ✗ ${f} failed: ${(e as Error).stack ?? e}`);
    }
    console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  process.exit(failed ? 1 : 0);
}

void main();
