/** Start-up for `next dev` / `next start` (called from instrumentation.ts). */
import { env, EnvError } from '@/lib/env';
import { getDbHandle } from '@/db';
import { migrate } from '@/db/migrate';
import { startLocalRunner, type TLocalRunner } from '@/lib/jobs';
import { log } from '@/lib/log';
import { allTasks } from '@/features/registry';

const g = globalThis as { __leadpilotRunner?: TLocalRunner; __leadpilotBooted?: Promise<void> };

export function boot(): Promise<void> {
  g.__leadpilotBooted ??= doBoot().catch((e) => {
    g.__leadpilotBooted = undefined;
    const msg = e instanceof EnvError ? e.message : `LeadPilot could not start: ${(e as Error).message}`;
    console.error(`\n  ${msg}\n`);
    if (e instanceof EnvError) process.exit(1);
    throw e;
  });
  return g.__leadpilotBooted;
}

async function doBoot(): Promise<void> {
  const e = env();
  const h = await getDbHandle();
  const lines = [`LeadPilot — ${e.mode} mode`, `  database: ${h.label}`];
  if (e.mode === 'local') {
    const r = await migrate(h);
    lines.push(`  migrations: ${r.applied.length ? `applied ${r.applied.length} (first start)` : 'up to date'}`);
    if (!g.__leadpilotRunner) {
      g.__leadpilotRunner = startLocalRunner({ db: h.db, tasks: allTasks });
    }
    lines.push(`  jobs: local runner (${allTasks.length} tasks)`, `  email: dev mailbox → ${e.APP_URL}/dev/mailbox`);
    if (e.createdSecrets.length) {
      lines.push(`  created ${e.createdSecrets.join(', ')} in ${e.dataDir}/secrets.json — keep this file: stored mailbox passwords need it`);
    }
  } else {
    lines.push('  jobs: Trigger.dev', '  email: Resend');
  }
  lines.push(`  open ${e.APP_URL}`);
  console.log(`\n${lines.join('\n')}\n`);
  log().debug({ mode: e.mode }, 'booted');
}
