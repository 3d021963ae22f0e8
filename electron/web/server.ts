// Browser mode: the whole app over HTTP + WebSocket on loopback, for machines without an Electron
// binary and for people who run Switchyard next to their Ollama box. The same handler table as IPC.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ClientFrame, ServerFrame } from '../../shared/contract';
import type { HostContext } from '../api/context';
import { dispatch } from '../api/dispatch';
import { browserModeCsp, CloseReason, isAllowedOrigin, isLoopbackHost, tokensMatch } from './security';

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
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const HEARTBEAT_MS = 30_000;
/** An invoke frame larger than this is refused (a pasted image is the largest legitimate input). */
const MAX_FRAME_BYTES = 32 * 1024 * 1024;

async function serveStatic(staticDir: string, urlPath: string, res: http.ServerResponse, port: number): Promise<void> {
  const relative = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  const wanted = relative === '/' ? '/index.html' : relative;
  const resolved = path.resolve(staticDir, `.${wanted}`);
  // Requests outside the renderer folder (../) and unknown paths fall back to the app page.
  const inside = resolved.startsWith(path.resolve(staticDir) + path.sep);
  let file = inside ? resolved : path.join(staticDir, 'index.html');
  let info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    file = path.join(staticDir, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The renderer is not built. Run `npm run build` (npm run web does this for you).\n');
    return;
  }
  const isAsset = file.includes(`${path.sep}assets${path.sep}`);
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'content-security-policy': browserModeCsp(port),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': isAsset ? 'public, max-age=31536000, immutable' : 'no-store',
  });
  createReadStream(file).pipe(res);
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { ctx, staticDir } = options;
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;

  const server = http.createServer((req, res) => {
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

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const clients = new Set<WebSocket>();

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    // Accept the upgrade, then close with a reason the page can show: a refused handshake would give
    // the browser nothing but "connection failed". No frame from a refused socket is ever read.
    wss.handleUpgrade(req, socket, head, (ws) => {
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

  function send(ws: WebSocket, frame: ServerFrame): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
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
      void dispatch(ctx, frame.method, frame.input).then((envelope) => {
        send(ws, { type: 'result', id: frame.id, envelope });
      });
    });
    send(ws, { type: 'hello', version: ctx.options.appVersion });
  }

  const unsubscribe = ctx.subscribe((event, payload) => {
    const text = JSON.stringify({ type: 'event', event, payload } satisfies ServerFrame);
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(text);
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
    async close() {
      unsubscribe();
      for (const ws of clients) ws.close(1001, 'Switchyard is shutting down.');
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
