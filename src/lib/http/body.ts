/** Reads a request body with a hard size limit, so an oversized upload is refused before it is buffered. */
import { AppError } from '@/lib/errors';

export async function readBodyText(req: Request, limit: number): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function readJson(req: Request, limit: number): Promise<unknown> {
  const type = req.headers.get('content-type') ?? '';
  const text = await readBodyText(req, limit);
  if (text.trim() === '') return undefined;
  if (type && !/^application\/(json|[a-z.+-]*\+json)\b/i.test(type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as JSON (Content-Type: application/json).');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('INVALID_JSON', 'The request body is not valid JSON.');
  }
}

const tooLarge = (limit: number) =>
  new AppError('PAYLOAD_TOO_LARGE', `The request body is larger than the ${Math.round(limit / 1000)} kB limit.`);
