import { getDb } from '@/db';
import { handleClick, requestFacts } from '@/features/sequences';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ token: string }> };

/** Click redirect (S8): only to the URL inside a token we signed; anything else gets a safe page. */
export async function GET(req: Request, { params }: Ctx): Promise<Response> {
  return handleClick(getDb, (await params).token, requestFacts(req));
}

export const HEAD = GET;
