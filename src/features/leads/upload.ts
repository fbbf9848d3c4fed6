/**
 * Reading an uploaded file from a multipart request, refusing oversized uploads before buffering them:
 * a declared Content-Length over the limit is refused at once, and the body is counted as it streams.
 */
import { AppError } from '@/lib/errors';

const MULTIPART_OVERHEAD = 64 * 1024;
const mb = (n: number) => `${(n / 1_000_000).toFixed(n < 10_000_000 ? 1 : 0)} MB`;

export async function readUpload(req: Request, maxBytes: number, field = 'file'): Promise<{ bytes: Uint8Array; fileName: string }> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\s*;\s*boundary=/i.test(type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Upload the file as multipart/form-data with the field "${field}".`);
  }
  const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the ${mb(maxBytes)} limit. Split it into smaller files.`);
  const limit = maxBytes + MULTIPART_OVERHEAD;
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!req.body) throw new AppError('INVALID_INPUT', `The request has no file. Send it in the multipart field "${field}".`);
  let seen = 0;
  const counted = req.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  let form: FormData;
  try {
    form = await new Response(counted, { headers: { 'content-type': type } }).formData();
  } catch (e) {
    if (seen > limit) throw tooLarge();
    throw new AppError('INVALID_INPUT', 'The upload is not valid multipart/form-data.', { cause: e });
  }
  const file = form.get(field);
  if (!file || typeof file === 'string') throw new AppError('INVALID_INPUT', `The request has no file. Send it in the multipart field "${field}".`, { fields: { [field]: ['Required.'] } });
  if (file.size > maxBytes) throw tooLarge();
  return { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name || 'upload.csv' };
}

/** A streamed file download. */
export function download(stream: ReadableStream<Uint8Array>, contentType: string, fileName: string): Response {
  return new Response(stream, {
    headers: {
      'content-type': contentType,
      'content-disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
