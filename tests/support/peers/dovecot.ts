/**
 * A real Dovecot IMAP server on loopback, from a config file of its own in a temp folder (Debian's
 * dovecot at /usr/sbin/dovecot; nothing is installed or started system-wide). Plain IMAP, plaintext
 * login allowed, users from a passwd-file, maildirs under the temp folder.
 *
 *   const imap = await startDovecot({ users: [{ user: 'sam@example.com', pass: 'secret' }] });
 *   … imap.port …
 *   await imap.stop();
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const DOVECOT_BIN = '/usr/sbin/dovecot';
export const dovecotAvailable = (): boolean => existsSync(DOVECOT_BIN);

export type TDovecot = { host: string; port: number; dir: string; stop(): Promise<void> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = connect(port, '127.0.0.1');
      c.once('data', () => {
        c.destroy();
        resolve(true);
      });
      c.once('error', () => resolve(false));
      c.setTimeout(500, () => {
        c.destroy();
        resolve(false);
      });
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`Dovecot did not answer on port ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startDovecot(opts: { users: { user: string; pass: string }[] }): Promise<TDovecot> {
  if (!dovecotAvailable()) throw new Error(`Dovecot is not installed at ${DOVECOT_BIN} (apt-get install dovecot-imapd)`);
  const dir = mkdtempSync(path.join(tmpdir(), 'lp-dovecot-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  for (const sub of ['base', 'state', 'mail']) mkdirSync(path.join(dir, sub), { recursive: true, mode: 0o777 });
  chmodSync(path.join(dir, 'mail'), 0o777);
  const me = userInfo();
  const asRoot = me.uid === 0;
  // Mail is stored as the user running the test (or nobody when that is root).
  const mailUser = asRoot ? 'nobody' : me.username;
  const mailGroup = asRoot ? 'nogroup' : (me.username);
  writeFileSync(path.join(dir, 'users'), opts.users.map((u) => `${u.user}:{PLAIN}${u.pass}`).join('\n') + '\n', { mode: 0o644 });
  const conf = `
listen = 127.0.0.1
protocols = imap
base_dir = ${dir}/base
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
${asRoot ? '' : `default_internal_user = ${me.username}\ndefault_login_user = ${me.username}\ndefault_internal_group = ${mailGroup}\n`}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${mailUser} gid=${mailGroup} home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`;
  const file = path.join(dir, 'dovecot.conf');
  writeFileSync(file, conf);
  // The master daemonizes: wait for the launching process to exit, with no pipes the daemon could hold.
  await new Promise<void>((resolve, reject) => {
    const p = spawn(DOVECOT_BIN, ['-c', file], { stdio: 'ignore' });
    p.once('error', reject);
    p.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`dovecot exited with ${code}; see ${dir}/dovecot.log`))));
  });
  try {
    await waitForPort(port, 10_000);
  } catch (e) {
    await run('doveadm', ['-c', file, 'stop']).catch(() => {});
    throw e;
  }
  return {
    host: '127.0.0.1',
    port,
    dir,
    async stop() {
      await run('doveadm', ['-c', file, 'stop'], { timeout: 10_000 }).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
