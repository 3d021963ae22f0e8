// A scriptable fake HTTP server on 127.0.0.1 (port 0) for provider tests. Each route answers with a
// script: status, headers, a body sent whole or in chunks with delays, a cut mid-stream, or a hang.
// Every request is recorded (method, path, headers, parsed body) so tests can assert what we sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  body: unknown;
}

/**
 * A piece of a scripted reply: bytes, a pause, or a step that waits on (or signals) a state of the
 * test, so that tests can order two fakes by events instead of by elapsed time.
 */
export type ChunkStep = string | Buffer | { delayMs: number } | { call: () => unknown };

/** Cuts bytes at the given offsets (sorted, deduplicated, inside the buffer). */
export function splitAt(bytes: Buffer, offsets: number[]): Buffer[] {
  const points = [...new Set(offsets)].filter((p) => p > 0 && p < bytes.length).sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let start = 0;
  for (const point of points) {
    pieces.push(bytes.subarray(start, point));
    start = point;
  }
  pieces.push(bytes.subarray(start));
  return pieces;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** Sent whole. */
  body?: string | Buffer | object;
  /** Sent piece by piece (strings, buffers, pauses). */
  chunks?: ChunkStep[];
  /**
   * Sends each chunk on its own: Nagle off, the write flushed, and the event loop given a turn
   * before the next, so that the client reads the pieces as they were cut, not coalesced.
   */
  paced?: boolean;
  /** Destroy the socket after the chunks (a stream cut mid-way). */
  cut?: boolean;
  /** Never answer (until the client gives up or the server closes). */
  hang?: boolean;
}

export type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;

export interface FakeServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Requests whose client closed the connection before the reply ended (stop, cancel). */
  aborted: RecordedRequest[];
  /** Connections opened so far (keep-alive reuse shows as fewer connections than requests). */
  connections(): number;
  route(method: string, path: string, handler: Handler | Reply): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writes a scripted reply: whole, or chunk by chunk with pauses, cut, or never (hang).
 * `ending` runs just before a normal end, so that a 'close' listener can tell it from an abort.
 */
export async function writeReply(res: http.ServerResponse, reply: Reply, ending: () => void = () => undefined): Promise<void> {
  if (reply.hang) return;
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.body !== undefined) {
    const payload = typeof reply.body === 'string' || Buffer.isBuffer(reply.body) ? reply.body : JSON.stringify(reply.body);
    if (typeof reply.body === 'object' && !Buffer.isBuffer(reply.body)) headers['content-type'] ??= 'application/json';
    res.writeHead(reply.status ?? 200, headers);
    ending();
    res.end(payload);
    return;
  }
  res.writeHead(reply.status ?? 200, headers);
  if (reply.paced) res.socket?.setNoDelay(true);
  for (const step of reply.chunks ?? []) {
    if (res.destroyed) return;
    if (typeof step === 'string' || Buffer.isBuffer(step)) {
      if (!reply.paced) res.write(step);
      else {
        await new Promise<void>((resolve) => res.write(step, () => resolve()));
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } else if ('call' in step) await step.call();
    else await sleep(step.delayMs);
  }
  if (reply.cut) {
    res.socket?.destroy();
    return;
  }
  ending();
  res.end();
}

export async function startFakeServer(): Promise<FakeServer> {
  const routes = new Map<string, Handler>();
  const requests: RecordedRequest[] = [];
  const aborted: RecordedRequest[] = [];
  let connections = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const rawBody = Buffer.concat(chunks).toString('utf8');
        let body: unknown = rawBody;
        try {
          body = rawBody ? JSON.parse(rawBody) : undefined;
        } catch {
          // not JSON; keep the text
        }
        const recorded: RecordedRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          rawBody,
          body,
        };
        requests.push(recorded);
        let finished = false;
        res.on('close', () => {
          if (!finished) aborted.push(recorded);
        });
        const handler = routes.get(`${recorded.method} ${recorded.path}`) ?? routes.get(`* ${recorded.path}`);
        const reply: Reply = handler
          ? await handler(recorded)
          : { status: 404, body: { error: { message: `no fake route for ${recorded.method} ${recorded.path}` } } };
        await writeReply(res, reply, () => (finished = true));
      })();
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    aborted,
    connections: () => connections,
    route(method, path, handler) {
      routes.set(`${method} ${path}`, typeof handler === 'function' ? handler : () => handler);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
