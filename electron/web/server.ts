// Browser mode: the whole app over HTTP + WebSocket on loopback, for machines without an Electron
// binary and for people who run Switchyard next to their Ollama box. The same handler table as IPC.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_WS_MESSAGE_BYTES, type ClientFrame, type Envelope, type ServerFrame } from '../../shared/contract';
import type { HostContext } from '../host/context';
import { dispatch } from '../api/dispatch';
import { toApiError } from '../host/api-error';
import { resolveRendererFile } from '../renderer-files';
import { isLoopbackHost } from '../http/loopback';
import { browserModeCsp, CloseReason, isAllowedOrigin, tokensMatch } from './security';

export interface WebServerOptions {
  ctx: HostContext;
  /** Folder of the built renderer (index.html and assets). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  /** Pages connected with the token right now. */
  clientCount(): number;
  close(): Promise<void>;
}

const HEARTBEAT_MS = 30_000;
/** The largest message a page may send (shared with the page, which checks before sending). */
export const MAX_MESSAGE_BYTES = MAX_WS_MESSAGE_BYTES;
/**
 * How much the host queues for one page that is not reading (a frozen tab, a stalled client).
 * Past this the page is dropped with a reason instead of growing the host without bound.
 */
export const MAX_SEND_BUFFER_BYTES = 16 * 1024 * 1024;

async function serveStatic(staticDir: string, urlPath: string, res: http.ServerResponse, port: number): Promise<void> {
  const found = await resolveRendererFile(staticDir, urlPath);
  if (!found) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The renderer is not built. Run `npm run build` (npm run web does this for you).\n');
    return;
  }
  res.writeHead(200, {
    'content-type': found.contentType,
    'content-length': found.size,
    'content-security-policy': browserModeCsp(port),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': found.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
  });
  // pipeline destroys both ends on a read error or a client that went away, and never throws.
  await pipeline(createReadStream(found.file), res).catch(() => undefined);
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { ctx, staticDir } = options;
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;

  const server = http.createServer((req, res) => {
    // A client that resets mid-request must not become an unhandled 'error' event.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    if (!isLoopbackHost(req.headers.host, port)) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`${CloseReason.foreignHost.reason}\n`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    serveStatic(staticDir, req.url ?? '/', res, port).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const clients = new Set<WebSocket>();
  /** Every upgraded socket, refused ones included, so that close() can end them all. */
  const sockets = new Set<Socket>();

  server.on('upgrade', (req, socket: Socket, head) => {
    // An upgraded socket leaves the HTTP server's care, error handler included: from here on a
    // reset or a protocol error must end this one socket, never the process.
    socket.on('error', () => socket.destroy());
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    // Accept the upgrade, then close with a reason the page can show: a refused handshake would give
    // the browser nothing but "connection failed". No frame from a refused socket is ever read.
    wss.handleUpgrade(req, socket, head, (ws) => {
      // ws has already answered a protocol error (bad UTF-8, unmasked or reserved frames, too big)
      // by closing with the matching code; the event only needs a listener so it cannot throw.
      ws.on('error', () => undefined);
      const refusal = !isLoopbackHost(req.headers.host, port)
        ? CloseReason.foreignHost
        : !isAllowedOrigin(req.headers.origin, port)
          ? CloseReason.foreignOrigin
          : !url.searchParams.get('token')
            ? CloseReason.missingToken
            : !tokensMatch(url.searchParams.get('token'), token)
              ? CloseReason.wrongToken
              : null;
      if (refusal) {
        ws.close(refusal.code, refusal.reason);
        return;
      }
      acceptClient(ws);
    });
  });

  /** Sends unless the page has stopped reading, in which case it is dropped with the reason. */
  function send(ws: WebSocket, text: string): void {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_SEND_BUFFER_BYTES) {
      clients.delete(ws);
      ws.close(CloseReason.tooSlow.code, CloseReason.tooSlow.reason);
      return;
    }
    ws.send(text);
  }

  function sendFrame(ws: WebSocket, frame: ServerFrame): void {
    send(ws, JSON.stringify(frame));
  }

  function acceptClient(ws: WebSocket): void {
    clients.add(ws);
    let alive = true;
    ws.on('pong', () => {
      alive = true;
    });
    const heartbeat = setInterval(() => {
      if (!alive) {
        ws.terminate();
        return;
      }
      alive = false;
      ws.ping();
    }, HEARTBEAT_MS);
    heartbeat.unref();
    ws.on('close', () => {
      clearInterval(heartbeat);
      clients.delete(ws);
    });
    ws.on('message', (data) => {
      let frame: ClientFrame;
      try {
        frame = JSON.parse(data.toString()) as ClientFrame;
      } catch {
        return;
      }
      if (frame?.type !== 'invoke' || typeof frame.id !== 'number') return;
      void dispatch(ctx, frame.method, frame.input)
        .catch((error: unknown): Envelope<unknown> => ({ ok: false, error: toApiError(error) }))
        .then((envelope) => sendFrame(ws, { type: 'result', id: frame.id, envelope }));
    });
    sendFrame(ws, { type: 'hello', version: ctx.options.appVersion });
  }

  const unsubscribe = ctx.subscribe((event, payload) => {
    const text = JSON.stringify({ type: 'event', event, payload } satisfies ServerFrame);
    for (const ws of clients) send(ws, text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    clientCount: () => clients.size,
    async close() {
      unsubscribe();
      for (const ws of clients) ws.close(1001, 'Switchyard is shutting down.');
      wss.close();
      server.closeAllConnections();
      // Pages that do not answer the close handshake (and refused sockets) would hold close() open.
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
