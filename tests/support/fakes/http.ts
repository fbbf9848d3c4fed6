/**
 * A tiny recording HTTP server on 127.0.0.1 with a random port, for fake vendors. Each fake returns
 * `{ url, requests, close }`: the base URL to configure the SDK with, every request it received, and
 * a way to stop it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type TRecordedRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  raw: string;
  /** The body parsed as JSON when it is JSON, else undefined. */
  json: unknown;
};

export type TFake<Extra = object> = { url: string; requests: TRecordedRequest[]; close(): Promise<void> } & Extra;

export type TReply = { status: number; body?: unknown; headers?: Record<string, string> };

export async function startRecordingServer(handle: (req: TRecordedRequest) => TReply | Promise<TReply>): Promise<TFake> {
  const requests: TRecordedRequest[] = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let json: unknown;
    try {
      json = raw ? JSON.parse(raw) : undefined;
    } catch {
      json = undefined;
    }
    const recorded: TRecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, raw, json };
    requests.push(recorded);
    let reply: TReply;
    try {
      reply = await handle(recorded);
    } catch (e) {
      reply = { status: 500, body: { message: `fake server error: ${(e as Error).message}` } };
    }
    const headers: Record<string, string> = { ...(reply.headers ?? {}) };
    let payload = '';
    if (reply.body !== undefined) {
      payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      headers['content-type'] ??= 'application/json';
    }
    res.writeHead(reply.status, headers);
    res.end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const bearer = (req: TRecordedRequest) => /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
