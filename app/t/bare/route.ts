import { env } from '@/lib/env';
import { GIF_HEADERS, TRANSPARENT_GIF } from '@/features/sequences';

export const dynamic = 'force-dynamic';

/**
 * BENCHMARK BASELINE ONLY (tests/bench/tracking.bench.ts): the same bytes and headers as the open pixel,
 * with no token check and nothing recorded, so the bench can compare the tracked endpoints with a bare
 * route handler of the same production build. 404 unless BENCH_BASELINE=1.
 */
export function GET(): Response {
  if (!env().BENCH_BASELINE) return new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(TRANSPARENT_GIF), { status: 200, headers: GIF_HEADERS });
}
