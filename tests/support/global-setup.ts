/** Once per run: build (or reuse) the migrated template database, and drop leftovers of earlier runs. */
import postgres from 'postgres';
import { openDatabase } from '../../src/db/client';
import { migrate } from '../../src/db/migrate';
import { adminUrl, serverAvailable, templateName, withDatabase } from './pg';

export default async function setup() {
  if (process.env.TEST_DB === 'pglite') return;
  if (!(await serverAvailable())) {
    process.env.TEST_DB = 'pglite';
    console.warn('[tests] No Postgres server answered at the test URL; using the embedded database (PGlite).');
    return;
  }
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  try {
    const tpl = templateName();
    const stale = await admin<{ datname: string }[]>`
      select datname from pg_database
      where (datname like 'lp_t_%' and datname not in (select datname from pg_stat_activity where datname is not null))
         or (datname like 'lp_tpl_%' and datname <> ${tpl})`;
    for (const { datname } of stale) {
      await admin.unsafe(`drop database if exists "${datname}" with (force)`).catch(() => {});
    }
    const [exists] = await admin`select 1 from pg_database where datname = ${tpl}`;
    if (!exists) {
      await admin.unsafe(`create database "${tpl}"`);
      const h = await openDatabase({ kind: 'postgres', url: withDatabase(adminUrl(), tpl), max: 1 });
      try {
        await migrate(h);
      } finally {
        await h.close();
      }
      await admin.unsafe(`alter database "${tpl}" with is_template true`);
    }
  } finally {
    await admin.end();
  }
}
