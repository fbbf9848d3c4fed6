/** Cloud mode for a test file: LEADPILOT_MODE=cloud with every variable it requires, restored afterwards. */
import { resetEnvForTests } from '../../../src/lib/env';
import { adminUrl } from '../../support/pg';

export const CLOUD_ENV = {
  LEADPILOT_MODE: 'cloud',
  SUPABASE_URL: 'http://127.0.0.1:9/unused',
  SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_test_key',
  SUPABASE_SERVICE_ROLE_KEY: 'sb_secret_test_key',
  TRIGGER_SECRET_KEY: 'tr_dev_test_secret_key_0123456789',
  TRIGGER_API_URL: 'http://127.0.0.1:9',
  RESEND_API_KEY: 're_test_key_0123456789',
  RESEND_BASE_URL: 'http://127.0.0.1:9',
  MAIL_FROM: 'LeadPilot <notifications@leadpilot.example>',
};

/** Sets cloud-mode variables (overrides win) and returns a function that puts the environment back. */
export function useCloudEnv(overrides: Record<string, string> = {}): () => void {
  // DATABASE_URL is required in cloud mode; keep pointing it at the test server (tests/support/pg reads it).
  const vars = { ...CLOUD_ENV, DATABASE_URL: adminUrl(), ...overrides };
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  resetEnvForTests();
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvForTests();
  };
}
