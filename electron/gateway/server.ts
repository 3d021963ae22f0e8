// The gateway's HTTP listener on 127.0.0.1: OpenAI's /v1/chat/completions and Anthropic's
// /v1/messages (+ count_tokens), /v1/models for both. Before any work a request must name a
// loopback Host (defeats DNS rebinding), carry no Origin unless the user allowed it, present a
// valid token, stay within its token's concurrency and the body limit. Every request is logged.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayLogEntry } from '../../shared/api/gateway';
import type { HostContext } from '../host/context';
import type { GatewaySettings, GatewayToken } from '../config/schema';
import { isLoopbackHost } from '../http/loopback';
import { anthropicFormat, countTokens } from './anthropic-format';
import { answer } from './answer';
import { configSnapshots } from './config-snapshot';
import { fromEngineError, GatewayError } from './errors';
import { ConcurrencyLimiter, readBody, requestTimedOut, tooManyRequests } from './limits';
import { knownModelNames } from './models';
import { openAIFormat } from './openai-format';
import { RequestClock, SERVER_TIMING_HEADER } from './request-clock';
import { requestLog } from './request-log';
import { findToken, presentedToken } from './tokens';
import type { ClientFormat } from './wire';

export const REQUEST_ID_HEADER = 'x-switchyard-request-id';

export interface GatewayServer {
  port: number;
  baseUrl: string;
  close(): Promise<void>;
}

type Route = 'chat' | 'messages' | 'count_tokens' | 'models';

const ROUTES: Record<string, { method: string; route: Route }> = {
  '/v1/chat/completions': { method: 'POST', route: 'chat' },
  '/v1/messages': { method: 'POST', route: 'messages' },
  '/v1/messages/count_tokens': { method: 'POST', route: 'count_tokens' },
  '/v1/models': { method: 'GET', route: 'models' },
};

/** The format to answer in: Anthropic's for its paths and for clients that send its version header. */
function formatFor(path: string, headers: http.IncomingHttpHeaders): ClientFormat {
  return path.startsWith('/v1/messages') || headers['anthropic-version'] !== undefined ? anthropicFormat : openAIFormat;
}

function normalOrigin(origin: string): string {
  return origin.trim().replace(/\/+$/, '').toLowerCase();
}

export function isAllowedOrigin(origin: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  return allowed.some((a) => normalOrigin(a) === normalOrigin(origin));
}

function corsHeaders(origin: string | undefined): Record<string, string> {
  if (!origin) return {};
  return {
    'access-control-allow-origin': origin,
    vary: 'Origin',
    'access-control-expose-headers': `${REQUEST_ID_HEADER}, x-switchyard-attempts, retry-after, server-timing`,
    // Lets the page's own Resource Timing read Server-Timing too.
    'timing-allow-origin': origin,
  };
}

function sendJson(res: http.ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function modelList(names: string[]): object {
  // One shape both SDKs accept: OpenAI reads object/data/id, Anthropic data/id/has_more.
  const data = names.map((id) => ({
    id,
    object: 'model',
    type: 'model',
    display_name: id,
    created: 0,
    created_at: '1970-01-01T00:00:00Z',
    owned_by: 'switchyard',
  }));
  return { object: 'list', data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}

export async function startGatewayServer(ctx: HostContext, port: number): Promise<GatewayServer> {
  const limiter = new ConcurrencyLimiter();
  const log = ctx.use(requestLog);
  let boundPort = port;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const clock = new RequestClock();
    const path = (req.url ?? '/').split('?')[0]!;
    const format = formatFor(path, req.headers);
    const origin = req.headers.origin;
    const entry: GatewayLogEntry = {
      id: randomUUID(),
      at: Date.now(),
      format: format.name,
      endpoint: `${req.method} ${path.slice(0, 200)}`,
      stream: false,
      state: 'running',
      attempts: [],
    };
    const snapshot = await ctx.use(configSnapshots).get();
    const { config } = snapshot;
    const settings: GatewaySettings = config.gateway;
    const cors = isAllowedOrigin(origin, settings.allowedOrigins) ? corsHeaders(origin) : {};
    const base = { [REQUEST_ID_HEADER]: entry.id, ...cors };
    let release: (() => void) | null = null;
    /** A JSON answer from the gateway itself, with the request's headers and its own time. */
    const reply = (status: number, body: object, headers: Record<string, string> = {}) =>
      sendJson(res, status, body, { ...base, ...headers, [SERVER_TIMING_HEADER]: clock.serverTiming() });
    const fail = (failure: GatewayError) => {
      entry.state = 'error';
      entry.status = failure.status;
      entry.error = failure.message;
      if (res.headersSent) return;
      const retry: Record<string, string> = failure.retryAfterS !== undefined ? { 'retry-after': String(failure.retryAfterS) } : {};
      reply(failure.status, format.error(failure), retry);
    };
    try {
      if (!isLoopbackHost(req.headers.host, boundPort))
        throw new GatewayError(403, 'permission', 'Host not allowed: call the gateway at 127.0.0.1 or localhost.');
      if (!isAllowedOrigin(origin, settings.allowedOrigins))
        throw new GatewayError(
          403,
          'permission',
          `Origin ${String(origin).slice(0, 100)} is not allowed to use the gateway; add it in Settings → Gateway if you trust that page.`,
        );
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          ...base,
          'access-control-allow-methods': 'GET, POST, OPTIONS',
          'access-control-allow-headers': String(
            req.headers['access-control-request-headers'] ?? 'authorization, content-type, x-api-key, anthropic-version',
          ),
          'access-control-max-age': '600',
        });
        res.end();
        return;
      }
      const spec = ROUTES[path];
      if (!spec)
        throw new GatewayError(
          404,
          'not_found',
          `The gateway has no ${path}; it serves POST /v1/chat/completions, POST /v1/messages, POST /v1/messages/count_tokens and GET /v1/models.`,
        );
      if (req.method !== spec.method) throw new GatewayError(405, 'invalid_request', `${path} takes ${spec.method}.`);
      const token: GatewayToken | undefined = findToken(settings.tokens, presentedToken(req.headers));
      if (!token)
        throw new GatewayError(
          401,
          'authentication',
          presentedToken(req.headers)
            ? 'This gateway token is not valid (revoked or mistyped). Create one in Settings → Gateway or with `switchyard gateway token create NAME`.'
            : 'Send a gateway token: `Authorization: Bearer <token>` or `x-api-key: <token>`. Create one in Settings → Gateway.',
        );
      entry.token = token.name;
      log.used(token.id, entry.at);
      release = limiter.acquire(token.id, settings.maxConcurrentPerToken);
      if (!release) throw tooManyRequests(settings.maxConcurrentPerToken);
      if (spec.route === 'models') {
        reply(200, modelList(knownModelNames(config)));
        entry.state = 'done';
        entry.status = 200;
        return;
      }
      const raw = await clock.waitOnClient(readBody(req, settings.maxBodyBytes));
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new GatewayError(400, 'invalid_request', 'The request body is not JSON.');
      }
      if (spec.route === 'count_tokens') {
        reply(200, countTokens(body), { 'x-switchyard-estimate': 'true' });
        entry.state = 'done';
        entry.status = 200;
        return;
      }
      const request = format.parse(body);
      entry.model = request.model;
      entry.stream = request.stream;
      // A stream shows as running while it lasts; a whole answer is logged once, when it is done.
      // The entry is validated and scrubbed on its way to the UI: that runs once the provider
      // request is on the wire, while the gateway waits for its first byte, not before it.
      if (request.stream) {
        setImmediate(() => {
          if (entry.state === 'running') log.put(entry);
        });
      }
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, settings.requestTimeoutMs);
      // The client hanging up stops the provider request too (no tokens spent for nobody).
      const onClose = () => {
        if (!res.writableFinished) controller.abort();
      };
      res.on('close', onClose);
      try {
        await answer({
          ctx,
          snapshot,
          format,
          request,
          res,
          signal: controller.signal,
          timedOut: () => timedOut,
          timeoutError: () => requestTimedOut(settings.requestTimeoutMs),
          entry,
          logBodies: settings.logBodies,
          extraHeaders: base,
          clock,
        });
      } catch (error) {
        throw timedOut ? requestTimedOut(settings.requestTimeoutMs) : error;
      } finally {
        clearTimeout(timer);
        res.off('close', onClose);
      }
    } catch (error) {
      fail(error instanceof GatewayError ? error : fromEngineError(error));
      // A refused upload is not read to its end: close the connection instead of draining it.
      if (entry.status === 413) res.once('finish', () => req.destroy());
    } finally {
      release?.();
      // Own time first: read after the total, it would include the moment between the two reads.
      entry.gatewayMs ??= clock.ownMs();
      entry.durationMs = clock.elapsedMs();
      log.put(entry);
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      // Nothing a client sends may stop the host; a bug here costs one request.
      if (!res.headersSent) sendJson(res, 500, { error: { message: 'The gateway failed on this request.' } });
      else res.destroy();
    });
  });
  // Headers must arrive in time, but a long answer must not be cut (streams can run for minutes).
  server.headersTimeout = 30_000;
  server.requestTimeout = 0;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  boundPort = (server.address() as AddressInfo).port;
  return {
    port: boundPort,
    baseUrl: `http://127.0.0.1:${boundPort}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
