import { getDb } from '@/db';
import { handleOpen, requestFacts } from '@/features/sequences';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ token: string }> };

/** Open pixel (S8): always a 1×1 GIF, never cached; a valid signed token records the hit. */
export async function GET(req: Request, { params }: Ctx): Promise<Response> {
  return handleOpen(getDb, (await params).token, requestFacts(req));
}

export const HEAD = GET;
