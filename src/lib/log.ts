/** Structured logs (pino). Secrets and passwords are redacted by path wherever they appear. */
import pino, { type Logger } from 'pino';
import { env } from './env';

const REDACT = [
  'password', '*.password', 'newPassword', '*.newPassword', 'token', '*.token', 'secret', '*.secret',
  'authorization', '*.authorization', 'headers.authorization', 'headers.cookie', 'cookie', '*.cookie',
  'apiKey', '*.apiKey', 'key', '*.key', 'credentials', '*.credentials', 'smtpPassword', '*.smtpPassword',
  'imapPassword', '*.imapPassword', 'accessToken', '*.accessToken', 'refreshToken', '*.refreshToken',
];

let root: Logger | undefined;

export function log(): Logger {
  if (!root) {
    let level = 'info';
    try {
      level = env().LOG_LEVEL;
    } catch {
      /* env problems are reported by whoever called env() first */
    }
    root = pino({ level, base: { app: 'leadpilot' }, redact: { paths: REDACT, censor: '[redacted]' } });
  }
  return root;
}

export const logger = (bindings: Record<string, unknown>): Logger => log().child(bindings);
