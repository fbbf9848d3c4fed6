/** Turns the mailbox forms' flat fields ("smtp.host", "dailyLimit", "warmup.enabled") into the feature's input shapes. */
import { AppError } from '@/lib/errors';

type TForm = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined);

/** A whole number from a form field ('' = not given); anything else is a field error. */
function int(form: TForm, name: string, bad: Record<string, string[]>): number | undefined {
  const v = str(form[name])?.trim();
  if (!v) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) {
    bad[name] = ['Enter a whole number.'];
    return undefined;
  }
  return n;
}

function server(form: TForm, prefix: 'smtp' | 'imap', bad: Record<string, string[]>, passwordOptional: boolean) {
  const password = str(form[`${prefix}.password`]) ?? '';
  return {
    host: str(form[`${prefix}.host`]) ?? '',
    port: int(form, `${prefix}.port`, bad) ?? str(form[`${prefix}.port`]) ?? '',
    security: str(form[`${prefix}.security`]) ?? 'tls',
    username: str(form[`${prefix}.username`]) ?? '',
    ...(passwordOptional && !password ? {} : { password }),
  };
}

/** Limits and warm-up (both forms); only what was filled in. */
function pacing(form: TForm, bad: Record<string, string[]>) {
  const out: Record<string, unknown> = {};
  for (const k of ['dailyLimit', 'minGapSeconds', 'gapJitterSeconds']) {
    const n = int(form, k, bad);
    if (n !== undefined) out[k] = n;
  }
  const tz = str(form.timezone)?.trim();
  if (tz) out.timezone = tz;
  if ('warmup.present' in form) {
    const start = int(form, 'warmup.start', bad);
    const increment = int(form, 'warmup.increment', bad);
    out.warmup = {
      enabled: str(form['warmup.enabled']) === 'on',
      ...(start !== undefined ? { start } : {}),
      ...(increment !== undefined ? { increment } : {}),
    };
  }
  return out;
}

function check(bad: Record<string, string[]>) {
  if (Object.keys(bad).length) throw new AppError('INVALID_INPUT', 'Some fields are not valid.', { fields: bad });
}

/** The connect form → ZCreateMailbox's shape (validated by the caller). */
export function createInputOf(form: TForm): Record<string, unknown> {
  const bad: Record<string, string[]> = {};
  const withImap = str(form.withImap) === 'on';
  const out = {
    email: str(form.email)?.trim() ?? '',
    ...(str(form.displayName)?.trim() ? { displayName: str(form.displayName)!.trim() } : {}),
    smtp: server(form, 'smtp', bad, false),
    ...(withImap ? { imap: server(form, 'imap', bad, false) } : {}),
    ...pacing(form, bad),
  };
  check(bad);
  return out;
}

/** The connect form → ZTestSettings' shape. */
export function testInputOf(form: TForm): Record<string, unknown> {
  const { email, smtp, imap } = createInputOf(form) as { email: string; smtp: unknown; imap?: unknown };
  return { ...(email ? { email } : {}), smtp, ...(imap ? { imap } : {}) };
}

/** The edit form → ZUpdateMailbox's shape: limits always; server settings when the mailbox has them (empty password = keep). */
export function updateInputOf(form: TForm): Record<string, unknown> {
  const bad: Record<string, string[]> = {};
  const out: Record<string, unknown> = { ...pacing(form, bad) };
  if ('displayName' in form) out.displayName = str(form.displayName)?.trim() || null;
  if (str(form['smtp.host'])) out.smtp = server(form, 'smtp', bad, true);
  if ('imap.present' in form) out.imap = str(form['imap.host'])?.trim() ? server(form, 'imap', bad, true) : null;
  check(bad);
  return out;
}
