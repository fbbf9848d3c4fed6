/**
 * AppError is the one error type services throw. Its code is stable (clients switch on it); its message
 * is safe to show a user. Anything else that escapes becomes INTERNAL with no detail in the response.
 */
export const ERROR_STATUS = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 422,
  INVALID_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAYMENT_REQUIRED: 402,
  UPSTREAM: 502,
  INTERNAL: 500,
} as const;

export type TErrorCode = keyof typeof ERROR_STATUS;

export type TFieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: TErrorCode;
  readonly fields?: TFieldErrors;
  readonly retryAfterSeconds?: number;
  readonly details?: Record<string, unknown>;

  constructor(
    code: TErrorCode,
    message: string,
    opts: { fields?: TFieldErrors; retryAfterSeconds?: number; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.fields = opts.fields;
    this.retryAfterSeconds = opts.retryAfterSeconds;
    this.details = opts.details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** Messages raised by our own SQL (RAISE EXCEPTION 'CODE: message') that users may see. */
const SQL_RAISED = /^(CONFLICT|FORBIDDEN|INVALID_INPUT|NOT_FOUND|PAYMENT_REQUIRED|RATE_LIMITED): (.+)$/s;

/**
 * Turns a database error into an AppError where the cause is the caller's (a constraint, a policy),
 * and returns undefined for everything else (a bug or an outage: INTERNAL).
 */
export function fromDatabaseError(e: unknown): AppError | undefined {
  const err = findPgError(e);
  if (!err) return undefined;
  const raised = typeof err.message === 'string' ? SQL_RAISED.exec(err.message) : null;
  if (err.code === 'P0001' && raised) return new AppError(raised[1] as TErrorCode, raised[2]!, { cause: e });
  switch (err.code) {
    case '42501':
      return new AppError('FORBIDDEN', 'You do not have permission to do that.', { cause: e });
    case '23505':
      return new AppError('CONFLICT', 'That already exists.', { cause: e, details: { constraint: err.constraint_name ?? err.constraint } });
    case '23503':
      return new AppError('INVALID_INPUT', 'That refers to something that does not exist.', { cause: e });
    case '23514':
    case '23502':
    case '22P02':
    case '22001':
    case '22007':
    case '22008':
      return new AppError('INVALID_INPUT', 'Some of the values are not valid.', { cause: e });
    default:
      return undefined;
  }
}

type PgLike = { code?: string; message?: string; constraint_name?: string; constraint?: string };

function findPgError(e: unknown): PgLike | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur; i++) {
    if (typeof cur === 'object' && cur !== null && typeof (cur as PgLike).code === 'string' && /^[0-9A-Z]{5}$/.test((cur as PgLike).code!)) {
      return cur as PgLike;
    }
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Runs `fn`; a NOT_FOUND AppError becomes null (a page then shows its "does not exist" state). */
export async function nullIfNotFound<T>(fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
    throw e;
  }
}
