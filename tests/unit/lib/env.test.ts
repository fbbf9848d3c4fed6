import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../../../src/lib/env';

const KEY = Buffer.alloc(32, 1).toString('base64');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'lp-env-'));

/** Every variable cloud mode requires, with valid values. */
const CLOUD = {
  DATABASE_URL: 'postgres://app:pw@db.example.com:5432/postgres',
  SUPABASE_URL: 'https://abc.supabase.co',
  SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_x',
  SUPABASE_SERVICE_ROLE_KEY: 'sb_secret_x',
  TRIGGER_SECRET_KEY: 'tr_prod_x',
  RESEND_API_KEY: 're_x',
  ENCRYPTION_KEY: KEY,
  SESSION_SECRET: 's'.repeat(40),
  TRACKING_SECRET: 't'.repeat(40),
};

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (e) {
    expect(e).toBeInstanceOf(EnvError);
    return (e as EnvError).problems;
  }
  throw new Error('expected parseEnv to refuse this environment');
}

describe('env: mode selection', () => {
  it('is local with no configuration', () => {
    expect(parseEnv({ DATA_DIR: tmp() }).mode).toBe('local');
  });

  it('is cloud when a Supabase URL is configured', () => {
    expect(parseEnv({ ...CLOUD }).mode).toBe('cloud');
  });

  it('follows LEADPILOT_MODE over the Supabase URL', () => {
    expect(parseEnv({ ...CLOUD, LEADPILOT_MODE: 'local', DATA_DIR: tmp() }).mode).toBe('local');
    expect(parseEnv({ ...CLOUD, LEADPILOT_MODE: 'cloud' }).mode).toBe('cloud');
    expect(problemsOf({ ...CLOUD, SUPABASE_URL: undefined, LEADPILOT_MODE: 'cloud' })).toEqual(['SUPABASE_URL is required in cloud mode']);
  });

  it('treats an empty Supabase URL (a copied .env.example) as unset', () => {
    expect(parseEnv({ SUPABASE_URL: '', DATA_DIR: tmp() }).mode).toBe('local');
  });
});

describe('env: cloud mode requires its variables', () => {
  it('names every missing variable', () => {
    const problems = problemsOf({ LEADPILOT_MODE: 'cloud' });
    for (const name of Object.keys(CLOUD)) expect(problems).toContain(`${name} is required in cloud mode`);
    expect(problems).toHaveLength(Object.keys(CLOUD).length);
  });

  it.each(Object.keys(CLOUD))('names %s alone when only it is missing', (name) => {
    const problems = problemsOf({ ...CLOUD, [name]: undefined, LEADPILOT_MODE: 'cloud' });
    expect(problems).toEqual([`${name} is required in cloud mode`]);
  });

  it('puts the names in the error message', () => {
    expect(() => parseEnv({ ...CLOUD, RESEND_API_KEY: undefined })).toThrow(/RESEND_API_KEY is required in cloud mode/);
  });

  it('uses the given secrets and writes no secrets file', () => {
    const dir = tmp();
    const e = parseEnv({ ...CLOUD, DATA_DIR: dir });
    expect(e.encryptionKey).toBe(KEY);
    expect(e.sessionSecret).toBe(CLOUD.SESSION_SECRET);
    expect(e.createdSecrets).toEqual([]);
    expect(existsSync(path.join(dir, 'secrets.json'))).toBe(false);
  });
});

describe('env: invalid values are refused with the variable named', () => {
  it.each([
    ['APP_URL', 'not a url'],
    ['LEADPILOT_MODE', 'hybrid'],
    ['LOG_LEVEL', 'loud'],
    ['DATABASE_URL', 'localhost'],
    ['DATABASE_POOL_MAX', '0'],
    ['DATABASE_POOL_MAX', 'ten'],
    ['DATABASE_PREPARE', 'maybe'],
    ['ENCRYPTION_KEY', Buffer.alloc(16).toString('base64')],
    ['ENCRYPTION_KEY_ID', 'Key-1!'],
    ['SESSION_SECRET', 'too-short'],
    ['API_BODY_LIMIT_BYTES', '10'],
    ['RESEND_BASE_URL', 'nope'],
  ])('%s=%s', (name, value) => {
    const problems = problemsOf({ DATA_DIR: tmp(), [name]: value });
    expect(problems.some((p) => p.startsWith(`${name} `)), problems.join('; ')).toBe(true);
  });

  it('reports several bad variables at once', () => {
    const problems = problemsOf({ DATA_DIR: tmp(), APP_URL: 'x', LOG_LEVEL: 'loud' });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual(['APP_URL', 'LOG_LEVEL']);
  });
});

describe('env: values and defaults', () => {
  it('parses booleans and numbers', () => {
    const e = parseEnv({ DATA_DIR: tmp(), DATABASE_PREPARE: 'false', AUTH_GOOGLE_ENABLED: '1', DATABASE_POOL_MAX: '25' });
    expect(e.DATABASE_PREPARE).toBe(false);
    expect(e.AUTH_GOOGLE_ENABLED).toBe(true);
    expect(e.DATABASE_POOL_MAX).toBe(25);
  });

  it('has defaults for what local mode needs', () => {
    const e = parseEnv({ DATA_DIR: tmp() });
    expect(e.APP_URL).toBe('http://localhost:3000');
    expect(e.API_BODY_LIMIT_BYTES).toBe(1_000_000);
    expect(e.ENCRYPTION_KEY_ID).toBe('k1');
    expect(e.DATABASE_URL).toBeUndefined();
  });

  it('resolves DATA_DIR to an absolute path', () => {
    const dir = tmp();
    expect(parseEnv({ DATA_DIR: path.relative(process.cwd(), dir) }).dataDir).toBe(dir);
  });
});

describe('env: local secrets', () => {
  it('are created once under DATA_DIR and reused on the next start', () => {
    const dir = tmp();
    const first = parseEnv({ DATA_DIR: dir });
    expect(first.createdSecrets.sort()).toEqual(['ENCRYPTION_KEY', 'SESSION_SECRET', 'TRACKING_SECRET']);
    const file = path.join(dir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(first.encryptionKey, 'base64')).toHaveLength(32);
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.trackingSecret).not.toBe(first.sessionSecret);

    const second = parseEnv({ DATA_DIR: dir });
    expect(second.createdSecrets).toEqual([]);
    expect([second.encryptionKey, second.sessionSecret, second.trackingSecret]).toEqual([
      first.encryptionKey, first.sessionSecret, first.trackingSecret,
    ]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ ENCRYPTION_KEY: first.encryptionKey });
  });

  it('differ between data directories', () => {
    expect(parseEnv({ DATA_DIR: tmp() }).sessionSecret).not.toBe(parseEnv({ DATA_DIR: tmp() }).sessionSecret);
  });

  it('prefer values from the environment and do not count them as created', () => {
    const dir = tmp();
    const e = parseEnv({ DATA_DIR: dir, ENCRYPTION_KEY: KEY, SESSION_SECRET: 'x'.repeat(32) });
    expect(e.encryptionKey).toBe(KEY);
    expect(e.sessionSecret).toBe('x'.repeat(32));
    expect(e.createdSecrets).toEqual(['TRACKING_SECRET']);
  });
});
