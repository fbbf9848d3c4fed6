import { getDb } from '@/db';
import { handleUnsubscribePost, unsubscribePage } from '@/features/sequences';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ token: string }> };

/** Unsubscribe page (S9): a confirmation with one button; works without JavaScript and without signing in. */
export async function GET(req: Request, { params }: Ctx): Promise<Response> {
  const { token } = await params;
  return unsubscribePage(await getDb(), token, new URL(req.url).pathname);
}

/** The page's form and RFC 8058 one-click (List-Unsubscribe=One-Click): suppress at once, stop every enrollment. */
export async function POST(req: Request, { params }: Ctx): Promise<Response> {
  const { token } = await params;
  return handleUnsubscribePost(await getDb(), token, req);
}
