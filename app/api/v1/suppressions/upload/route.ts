import { route } from '@/lib/http/route';
import { addSuppressionsFromCsv, readUpload, uploadSuppressionsEndpoint } from '@/features/leads';

export const POST = route(uploadSuppressionsEndpoint, async ({ req, db, ctx, ip }) => {
  const file = await readUpload(req, 4_000_000);
  return addSuppressionsFromCsv(db, { ...ctx, ip }, file.bytes, file.fileName);
});
