// Every test process: quiet logs, a throwaway data dir, fixed secrets (tests never touch .data/).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

process.env.LOG_LEVEL ??= 'silent';
process.env.LEADPILOT_MODE ??= 'local';
process.env.DATA_DIR ??= mkdtempSync(path.join(tmpdir(), 'lp-test-'));
process.env.ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString('base64');
process.env.SESSION_SECRET ??= 'test-session-secret-0123456789-abcdefghij';
process.env.TRACKING_SECRET ??= 'test-tracking-secret-0123456789-abcdefghij';
process.env.APP_URL ??= 'http://localhost:3000';
