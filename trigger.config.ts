import { defineConfig } from '@trigger.dev/sdk';

// Trigger.dev reads this at the repository root. Tasks live in ./trigger, one file per task, each
// wrapping a feature's task definition (src/features/<f>). Deploy: `npx trigger.dev@latest deploy`.
export default defineConfig({
  project: process.env.TRIGGER_PROJECT_REF ?? 'proj_leadpilot',
  dirs: ['./trigger'],
  runtime: 'node',
  maxDuration: 900,
  retries: {
    enabledInDev: true,
    default: { maxAttempts: 3, factor: 2, minTimeoutInMs: 1_000, maxTimeoutInMs: 60_000, randomize: true },
  },
});
