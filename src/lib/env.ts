/**
 * The one reader of process.env. Every variable the product uses is declared here, validated with zod,
 * and read through `env()`. A missing or invalid variable stops start-up with a message naming it.
 *
 * The mode follows from the environment: `LEADPILOT_MODE` when set, otherwise cloud when a Supabase URL
 * is configured, otherwise local.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : ['true', '1', 'yes'].includes(v)));
const optionalUrl = z.url().optional().or(z.literal('').transform(() => undefined));
const optionalStr = z.string().trim().min(1).optional().or(z.literal('').transform(() => undefined));
const int = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(def);
const base64Key = z
  .string()
  .refine((s) => Buffer.from(s, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)');

export const ZEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LEADPILOT_MODE: z.enum(['local', 'cloud']).optional(),
  APP_URL: z.url().default('http://localhost:3000'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default('.data'),

  // Database
  DATABASE_URL: optionalUrl,
  DATABASE_POOL_MAX: int(10, 1, 200),
  DATABASE_PREPARE: bool,

  // Secrets (local mode creates them under DATA_DIR when missing)
  ENCRYPTION_KEY: base64Key.optional(),
  ENCRYPTION_KEY_ID: z.string().regex(/^[a-z0-9]{1,16}$/).default('k1'),
  ENCRYPTION_KEYS_PREVIOUS: z.string().optional(),
  SESSION_SECRET: z.string().min(32).optional(),
  TRACKING_SECRET: z.string().min(32).optional(),
  TRACKING_BASE_URL: optionalUrl,

  // Product email
  MAIL_FROM: z.string().default('LeadPilot <notifications@leadpilot.local>'),

  // Supabase (cloud)
  SUPABASE_URL: optionalUrl,
  SUPABASE_PUBLISHABLE_KEY: optionalStr,
  SUPABASE_SERVICE_ROLE_KEY: optionalStr,
  AUTH_GOOGLE_ENABLED: bool,
  AUTH_MICROSOFT_ENABLED: bool,

  // Trigger.dev (cloud)
  TRIGGER_SECRET_KEY: optionalStr,
  TRIGGER_API_URL: optionalUrl,
  TRIGGER_PROJECT_REF: optionalStr,

  // Resend (cloud)
  RESEND_API_KEY: optionalStr,
  RESEND_BASE_URL: optionalUrl,

  // LLM providers
  ANTHROPIC_API_KEY: optionalStr,
  ANTHROPIC_BASE_URL: optionalUrl,
  OPENAI_API_KEY: optionalStr,
  OPENAI_BASE_URL: optionalUrl,
  GEMINI_API_KEY: optionalStr,
  GEMINI_BASE_URL: optionalUrl,
  DEEPSEEK_API_KEY: optionalStr,
  DEEPSEEK_BASE_URL: optionalUrl,
  GROQ_API_KEY: optionalStr,
  GROQ_BASE_URL: optionalUrl,

  // Mailbox OAuth (cloud)
  GOOGLE_CLIENT_ID: optionalStr,
  GOOGLE_CLIENT_SECRET: optionalStr,
  MICROSOFT_CLIENT_ID: optionalStr,
  MICROSOFT_CLIENT_SECRET: optionalStr,

  // Twilio
  TWILIO_ACCOUNT_SID: optionalStr,
  TWILIO_AUTH_TOKEN: optionalStr,
  TWILIO_PHONE_NUMBER: optionalStr,
  TWILIO_API_BASE_URL: optionalUrl,

  // Apify
  APIFY_TOKEN: optionalStr,
  APIFY_BASE_URL: optionalUrl,
  APIFY_WEBHOOK_SECRET: optionalStr,

  // Stripe
  STRIPE_SECRET_KEY: optionalStr,
  STRIPE_WEBHOOK_SECRET: optionalStr,
  STRIPE_API_BASE_URL: optionalUrl,
  STRIPE_PRICE_PRO: optionalStr,
  STRIPE_PRICE_ENTERPRISE: optionalStr,

  // Data vendors and CRMs
  DATASHOPPER_API_KEY: optionalStr,
  DATASHOPPER_API_URL: optionalUrl,
  CLAY_API_KEY: optionalStr,
  CLAY_API_URL: optionalUrl,
  HUBSPOT_API_BASE_URL: optionalUrl,
  SALESFORCE_LOGIN_URL: optionalUrl,

  // Scheduling-tool webhooks (meeting booked)
  CALCOM_WEBHOOK_SECRET: optionalStr,
  CALENDLY_WEBHOOK_SIGNING_KEY: optionalStr,

  // Email verifier
  DNS_SERVER: optionalStr,
  SMTP_PROBE_HELO: optionalStr,

  // Limits
  API_BODY_LIMIT_BYTES: int(1_000_000, 1_000),
  IMPORT_MAX_ROWS: int(100_000, 1),
  IMPORT_MAX_BYTES: int(50_000_000, 1_000),
  RATE_LIMIT_API_PER_MINUTE: int(600, 1),
  SIGNIN_MAX_ATTEMPTS_PER_EMAIL: int(10, 1),
  SIGNIN_MAX_ATTEMPTS_PER_IP: int(50, 1),
  SIGNIN_WINDOW_MINUTES: int(15, 1),

  // Benchmarks: enables the bare baseline route /t/bare (tests/bench/tracking.bench.ts); off everywhere else.
  BENCH_BASELINE: bool,
});

export type TRawEnv = z.infer<typeof ZEnvSchema>;

export type TEnv = TRawEnv & {
  mode: 'local' | 'cloud';
  dataDir: string;
  encryptionKey: string;
  sessionSecret: string;
  trackingSecret: string;
  /** Which secrets local mode created on this start (printed once at start-up). */
  createdSecrets: string[];
};

/** Variables a cloud deployment cannot run without. */
const CLOUD_REQUIRED = [
  'DATABASE_URL',
  'SUPABASE_URL',
  'SUPABASE_PUBLISHABLE_KEY',
  'SUPABASE_SERVICE_ROLE_KEY',
  'TRIGGER_SECRET_KEY',
  'RESEND_API_KEY',
  'ENCRYPTION_KEY',
  'SESSION_SECRET',
  'TRACKING_SECRET',
] as const;

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`LeadPilot cannot start: ${problems.join('; ')}`);
    this.name = 'EnvError';
  }
}

export function parseEnv(source: Record<string, string | undefined>): TEnv {
  // An empty value (KEY= in a copied .env.example) means "not set".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = ZEnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new EnvError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'} ${i.message.toLowerCase()}`),
    );
  }
  const raw = parsed.data;
  const mode = raw.LEADPILOT_MODE ?? (raw.SUPABASE_URL ? 'cloud' : 'local');
  const dataDir = path.resolve(raw.DATA_DIR);
  if (mode === 'cloud') {
    const missing = CLOUD_REQUIRED.filter((k) => !raw[k]);
    if (missing.length) throw new EnvError(missing.map((k) => `${k} is required in cloud mode`));
  }
  const createdSecrets: string[] = [];
  const local = mode === 'local' ? localSecrets(dataDir, raw, createdSecrets) : undefined;
  return {
    ...raw,
    mode,
    dataDir,
    encryptionKey: raw.ENCRYPTION_KEY ?? local!.ENCRYPTION_KEY,
    sessionSecret: raw.SESSION_SECRET ?? local!.SESSION_SECRET,
    trackingSecret: raw.TRACKING_SECRET ?? local!.TRACKING_SECRET,
    createdSecrets,
  };
}

type LocalSecrets = { ENCRYPTION_KEY: string; SESSION_SECRET: string; TRACKING_SECRET: string };

/** Local mode keeps generated secrets in DATA_DIR/secrets.json so a second start reuses them. */
function localSecrets(dataDir: string, raw: TRawEnv, created: string[]): LocalSecrets {
  const file = path.join(dataDir, 'secrets.json');
  let stored: Partial<LocalSecrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>;
  const next: LocalSecrets = {
    ENCRYPTION_KEY: stored.ENCRYPTION_KEY ?? randomBytes(32).toString('base64'),
    SESSION_SECRET: stored.SESSION_SECRET ?? randomBytes(32).toString('base64url'),
    TRACKING_SECRET: stored.TRACKING_SECRET ?? randomBytes(32).toString('base64url'),
  };
  const missing = (Object.keys(next) as (keyof LocalSecrets)[]).filter((k) => !stored[k] && !raw[k]);
  if (missing.length) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(next, null, 2), { mode: 0o600 });
    created.push(...missing);
  }
  return next;
}

let cached: TEnv | undefined;

/** The validated environment. Throws EnvError naming every bad variable. */
export function env(): TEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests change process.env between suites; this forgets the cached copy. */
export function resetEnvForTests(): void {
  cached = undefined;
}
