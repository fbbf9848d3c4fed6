import { getDb, rows, sql } from '@/db';
import { env } from '@/lib/env';
import { json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

/** Liveness + database reachability, for load balancers and the test harness. */
export async function GET() {
  try {
    await rows(await getDb(), sql`select 1`);
    return json({ ok: true, mode: env().mode });
  } catch {
    return json({ ok: false, error: { code: 'UPSTREAM', message: 'The database is not reachable.' } }, { status: 503 });
  }
}
