import { route } from '@/lib/http/route';
import { validateStepsEndpoint, validateStepsForSave } from '@/features/sequences';

export const POST = route(validateStepsEndpoint, async ({ body }) => ({ valid: true as const, ...(await validateStepsForSave(body.steps)) }));
