/**
 * An SMTP sink in a process of its own (benches: the server gets its own core, as a real one would).
 * Started with `forkSmtpSink()`; it keeps only each message's headers and answers the parent's
 * questions over IPC: how many messages arrived, how many distinct X-LeadPilot-Message ids.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { startSmtpSink } from './smtp';

type TStats = { count: number; unique: number; withoutId: number };

const ID = /^X-LeadPilot-Message: ?(\S+)/im;

if (process.send && process.argv.includes('--smtp-sink-child')) {
  const sink = await startSmtpSink({ headersOnly: true });
  const send = process.send.bind(process);
  process.on('message', (m: { cmd: string }) => {
    if (m.cmd === 'stats') {
      const ids = new Set<string>();
      let withoutId = 0;
      for (const x of sink.messages) {
        const id = ID.exec(x.raw.toString('utf8'))?.[1];
        if (id) ids.add(id);
        else withoutId++;
      }
      send({ kind: 'stats', count: sink.count, unique: ids.size, withoutId } satisfies TStats & { kind: string });
    } else if (m.cmd === 'reset') {
      sink.clear();
      send({ kind: 'reset' });
    } else if (m.cmd === 'close') {
      void sink.close().then(() => process.exit(0));
    }
  });
  send({ kind: 'ready', port: sink.port });
}

export type TForkedSink = { port: number; stats(): Promise<TStats>; reset(): Promise<void>; close(): Promise<void> };

export async function forkSmtpSink(): Promise<TForkedSink> {
  const child: ChildProcess = fork(new URL(import.meta.url).pathname, ['--smtp-sink-child'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = (kind: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onMessage = (m: Record<string, unknown>) => {
        if (m.kind !== kind) return;
        child.off('message', onMessage);
        resolve(m);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`SMTP sink process exited (${code})`)));
    });
  const ready = await next('ready');
  return {
    port: ready.port as number,
    async stats() {
      const p = next('stats');
      child.send({ cmd: 'stats' });
      return (await p) as unknown as TStats;
    },
    async reset() {
      const p = next('reset');
      child.send({ cmd: 'reset' });
      await p;
    },
    async close() {
      const exited = new Promise((r) => child.once('exit', r));
      child.send({ cmd: 'close' });
      await exited;
    },
  };
}
