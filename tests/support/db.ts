/**
 * `testDb()` gives a test file its own migrated database: a clone of the template on the Postgres
 * server, or an in-memory PGlite (TEST_DB=pglite). Close it in afterAll.
 */
import postgres from 'postgres';
import { openDatabase, type DbHandle } from '../../src/db/client';
import { migrate } from '../../src/db/migrate';
import { adminUrl, templateName, testDbName, withDatabase } from './pg';
import { ensureTemplate } from './global-setup';

export type TTestDb = DbHandle & { url?: string; name?: string };

export async function testDb(opts: { max?: number } = {}): Promise<TTestDb> {
  if (process.env.TEST_DB === 'pglite') {
    const h = await openDatabase({ kind: 'pglite', dir: 'memory' });
    await migrate(h);
    return h;
  }
  const name = testDbName();
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.unsafe(`create database "${name}" template "${templateName()}"`);
        break;
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (attempt >= 5) throw e;
        if (code === '3D000') await ensureTemplate(); // the migrations changed since the run started
        else if (code === '55006') await new Promise((r) => setTimeout(r, 200 * attempt)); // template briefly in use
        else throw e;
      }
    }
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl(), name);
  const h = await openDatabase({ kind: 'postgres', url, max: opts.max ?? 10 });
  return {
    ...h,
    url,
    name,
    close: async () => {
      await h.close();
      const a = postgres(adminUrl(), { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
      await a.end();
    },
  };
}
