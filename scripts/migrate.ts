/** `npm run db:migrate`: apply pending migrations to DATABASE_URL, or to the local PGlite database. */
import { env, EnvError } from '@/lib/env';
import { getDbHandle, closeDb } from '@/db';
import { migrate } from '@/db/migrate';

async function main() {
  const e = env();
  const h = await getDbHandle();
  const r = await migrate(h, { log: (m) => console.log(`  ${m}`) });
  console.log(
    `${h.label}: ${r.applied.length ? `applied ${r.applied.length} migration(s)` : 'already up to date'} (${r.total} in total${r.shim ? ', local shim applied' : ''}; mode ${e.mode}).`,
  );
  await closeDb();
}

main().catch((e) => {
  console.error(e instanceof EnvError ? e.message : `db:migrate failed: ${(e as Error).message}`);
  process.exit(1);
});
