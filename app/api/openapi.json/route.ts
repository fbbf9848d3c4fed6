import { env } from '@/lib/env';
import { json } from '@/lib/http/respond';
import { buildOpenApi } from '@/lib/http/openapi';
import { apiCatalog } from '@/features/api-catalog';

export const dynamic = 'force-dynamic';

export function GET() {
  return json(buildOpenApi(apiCatalog, { version: '1.0.0', serverUrl: env().APP_URL }), { headers: { 'cache-control': 'public, max-age=60' } });
}
