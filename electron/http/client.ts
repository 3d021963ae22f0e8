// One HTTP client for every provider: a keep-alive undici Agent (or undici's EnvHttpProxyAgent when
// HTTPS_PROXY / HTTP_PROXY are set, honouring NO_PROXY), with connect, headers and body-idle
// timeouts, an AbortSignal on every request, a total deadline per request, and bounded reads of
// every body (limits in providers/limits.ts). Failures become typed ProviderErrors.
import { Agent, EnvHttpProxyAgent, errors as undiciErrors, request, type Dispatcher } from 'undici';
import { classifyHttpFailure, parseRetryAfter, ProviderError, sanitizeApiError, statusText } from './errors';
import {
  durationText,
  MAX_ERROR_BODY_BYTES,
  MAX_JSON_BODY_BYTES,
  REQUEST_DEADLINE_ENV,
  requestDeadlineMs,
  sizeText,
  STREAM_IDLE_ENV,
  STREAM_IDLE_TIMEOUT_MS,
  streamIdleMs,
} from './limits';

export const CONNECT_TIMEOUT_MS = 10_000;
/** Time to response headers: long, because some providers think before they answer. */
export const HEADERS_TIMEOUT_MS = 120_000;
/** Longest silence allowed between two body chunks (any bytes; streams also have a data-idle watch). */
export const BODY_IDLE_TIMEOUT_MS = 120_000;

let shared: Dispatcher | null = null;
let sharedKey = '';

function proxyKey(env: NodeJS.ProcessEnv): string {
  return [env.HTTPS_PROXY ?? env.https_proxy ?? '', env.HTTP_PROXY ?? env.http_proxy ?? '', env.NO_PROXY ?? env.no_proxy ?? ''].join('|');
}

/** The process-wide dispatcher; rebuilt only when the proxy settings change. */
export function httpDispatcher(env: NodeJS.ProcessEnv = process.env): Dispatcher {
  const key = proxyKey(env);
  if (shared && key === sharedKey) return shared;
  const options = {
    connect: { timeout: CONNECT_TIMEOUT_MS },
    headersTimeout: HEADERS_TIMEOUT_MS,
    bodyTimeout: BODY_IDLE_TIMEOUT_MS,
    keepAliveTimeout: 30_000,
  };
  const usesProxy = key.split('|').slice(0, 2).some(Boolean);
  void shared?.close().catch(() => undefined);
  shared = usesProxy
    ? new EnvHttpProxyAgent({
        ...options,
        httpsProxy: env.HTTPS_PROXY ?? env.https_proxy,
        httpProxy: env.HTTP_PROXY ?? env.http_proxy,
        noProxy: env.NO_PROXY ?? env.no_proxy,
      })
    : new Agent(options);
  sharedKey = key;
  return shared;
}

export interface HttpRequest {
  /** Display name used in error messages ("OpenAI API error (401 Unauthorized): …"). */
  provider: string;
  url: string;
  method?: 'GET' | 'POST' | 'DELETE';
  headers?: Record<string, string>;
  /** An object is sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** Overrides the headers timeout (Ollama loads models before answering). */
  headersTimeoutMs?: number;
  /** Overrides the total deadline (REQUEST_DEADLINE_MS); Infinity for none (Ollama model pulls). */
  deadlineMs?: number;
  /** Resolve with any status instead of throwing for a non-2xx one. */
  acceptAnyStatus?: boolean;
  /** Turns a non-2xx response into the error to throw (Bedrock reads its own error shape); default httpFailure. */
  failure?: (response: HttpResponse) => Promise<ProviderError>;
}

export type HttpResponse = Dispatcher.ResponseData;

/**
 * One request's deadline, and the stop switch its body's idle watch uses. Whatever stops the
 * request (the caller's signal, the deadline, the idle watch) aborts one controller, so undici
 * closes the socket; `failure` remembers why, so the reader reports that instead of "aborted".
 */
class RequestGuard {
  readonly controller = new AbortController();
  failure: ProviderError | null = null;
  private readonly deadline: NodeJS.Timeout | undefined;
  private readonly onCallerAbort = () => this.controller.abort(this.caller?.reason);

  constructor(
    readonly provider: string,
    readonly url: string,
    readonly idleMs: number,
    deadlineMs: number,
    private readonly caller?: AbortSignal,
  ) {
    if (caller?.aborted) this.onCallerAbort();
    else caller?.addEventListener('abort', this.onCallerAbort, { once: true });
    if (Number.isFinite(deadlineMs)) {
      // The message is written only when the deadline passes: parsing the URL costs every request.
      const message = () =>
        `${provider}: ${safeHost(url)} did not finish within the request deadline of ${durationText(deadlineMs)}; the request was stopped. For very long answers, raise ${REQUEST_DEADLINE_ENV}.`;
      this.deadline = setTimeout(() => this.fail(new ProviderError(message(), { provider, errorClass: 'timeout' })), deadlineMs);
      this.deadline.unref();
    }
  }

  fail(error: ProviderError): void {
    if (this.controller.signal.aborted) return;
    this.failure = error;
    this.controller.abort(error);
  }

  release(): void {
    clearTimeout(this.deadline);
    this.caller?.removeEventListener('abort', this.onCallerAbort);
  }
}

const guards = new WeakMap<HttpResponse, RequestGuard>();

/** Maps a transport failure (connect, DNS, timeout, abort) to a typed error naming the host. */
export function transportError(provider: string, url: string, error: unknown, signal?: AbortSignal): ProviderError {
  const host = safeHost(url);
  if (signal?.aborted || (error as Error)?.name === 'AbortError') {
    return new ProviderError(`${provider}: the request was cancelled.`, { provider, errorClass: 'cancelled', cause: error });
  }
  const code = (error as { code?: string })?.code ?? '';
  if (
    error instanceof undiciErrors.ConnectTimeoutError ||
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    /TIMEOUT/.test(code)
  ) {
    return new ProviderError(`${provider}: ${host} did not answer in time (${(error as Error).message}).`, {
      provider,
      errorClass: 'timeout',
      cause: error,
    });
  }
  const detail = (error as Error)?.message ?? String(error);
  const what =
    code === 'ECONNREFUSED'
      ? 'refused the connection'
      : code === 'ENOTFOUND'
        ? 'could not be found (DNS)'
        : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET'
          ? 'closed the connection'
          : 'could not be reached';
  return new ProviderError(`${provider}: ${host} ${what} (${sanitizeApiError(detail)}).`, {
    provider,
    errorClass: 'network',
    cause: error,
  });
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * The part of an error body a person wants: the message of the usual JSON shapes (OpenAI, Anthropic,
 * Gemini, Ollama: `{error: {message, code|status|type}}`, `{message}`, `{error: "…"}`) with its code,
 * else the body as it came (HTML, plain text). The seed showed the raw JSON.
 */
export function readableErrorBody(body: string): string {
  const text = body.trim();
  if (!text.startsWith('{')) return text;
  try {
    const json = JSON.parse(text) as { error?: unknown; message?: unknown; error_description?: unknown };
    const error = json.error;
    if (typeof error === 'string') return typeof json.error_description === 'string' ? `${json.error_description} (${error})` : error;
    if (error && typeof error === 'object') {
      const { message, code, status, type } = error as Record<string, unknown>;
      const kind = [code, status, type].find((v) => typeof v === 'string' && v);
      if (typeof message === 'string' && message) return kind ? `${message} (${kind as string})` : message;
    }
    if (typeof json.message === 'string' && json.message) return json.message;
  } catch {
    // not JSON after all
  }
  return text;
}

/**
 * At most `maxBytes` of a body. Beyond that nothing more is read: the body is destroyed, which
 * closes the socket, so a 300 MB error page costs 1 MB, not the whole download.
 */
async function readCapped(provider: string, response: HttpResponse, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  const parts: Buffer[] = [];
  let size = 0;
  let truncated = false;
  try {
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      if (size + chunk.length > maxBytes) {
        parts.push(chunk.subarray(0, maxBytes - size));
        size = maxBytes;
        truncated = true;
        break;
      }
      parts.push(chunk);
      size += chunk.length;
    }
  } catch (error) {
    const guard = guards.get(response);
    throw guard?.failure ?? transportError(provider, guard?.url ?? '', error);
  } finally {
    if (!response.body.destroyed) response.body.destroy();
  }
  return { text: Buffer.concat(parts, size).toString('utf8'), truncated };
}

/** A failed response's body, at most MAX_ERROR_BODY_BYTES, and the note to add when it was longer. */
export async function readErrorBody(provider: string, response: HttpResponse): Promise<{ text: string; note: string }> {
  try {
    const { text, truncated } = await readCapped(provider, response, MAX_ERROR_BODY_BYTES);
    return {
      text,
      note: truncated
        ? ` (the error body was longer than ${sizeText(MAX_ERROR_BODY_BYTES)}; only its start was read and the connection was closed)`
        : '',
    };
  } catch {
    return { text: '<failed to read provider error body>', note: '' };
  }
}

/** Reads a failed response into the seed-shaped, scrubbed, classified error. */
export async function httpFailure(provider: string, response: HttpResponse): Promise<ProviderError> {
  const { text: body, note } = await readErrorBody(provider, response);
  const errorClass = classifyHttpFailure(response.statusCode, body);
  const retryAfterMs = parseRetryAfter(response.headers['retry-after'], body);
  return new ProviderError(
    `${provider} API error (${statusText(response.statusCode)}): ${sanitizeApiError(readableErrorBody(body))}${note}`,
    {
      provider,
      errorClass,
      status: response.statusCode,
      retryAfterMs,
    },
  );
}

/** Sends a request; resolves with a 2xx response, throws a ProviderError for anything else. */
export async function sendRequest(req: HttpRequest, env?: NodeJS.ProcessEnv): Promise<HttpResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  let body: string | undefined;
  if (req.body !== undefined) {
    body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    headers['content-type'] ??= 'application/json';
  }
  const guard = new RequestGuard(req.provider, req.url, streamIdleMs(env), req.deadlineMs ?? requestDeadlineMs(env), req.signal);
  let response: HttpResponse;
  try {
    response = await request(req.url, {
      method: req.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      signal: guard.controller.signal,
      dispatcher: httpDispatcher(env),
      ...(req.headersTimeoutMs !== undefined && { headersTimeout: req.headersTimeoutMs }),
    });
  } catch (error) {
    guard.release();
    throw guard.failure ?? transportError(req.provider, req.url, error, req.signal);
  }
  guards.set(response, guard);
  response.body.once('close', () => guard.release());
  if (!req.acceptAnyStatus && (response.statusCode < 200 || response.statusCode >= 300))
    throw await (req.failure ?? ((r) => httpFailure(req.provider, r)))(response);
  return response;
}

/** A whole text body of at most `maxBytes`, or a clear error saying it was larger. */
export async function readText(provider: string, response: HttpResponse, maxBytes: number = MAX_JSON_BODY_BYTES): Promise<string> {
  const { text, truncated } = await readCapped(provider, response, maxBytes);
  if (truncated)
    throw new ProviderError(
      `${provider} sent a response larger than ${sizeText(maxBytes)}; it was not read. Check that the base URL points at the provider's API.`,
      { provider, errorClass: 'server', status: response.statusCode },
    );
  return text;
}

/** A 2xx JSON body, or a clear error naming what came back instead. */
export async function readJson<T>(provider: string, response: HttpResponse): Promise<T> {
  const text = await readText(provider, response);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ProviderError(`${provider} returned a response that is not JSON: ${sanitizeApiError(text.replace(/\s+/g, ' ').trim())}`, {
      provider,
      errorClass: 'server',
      status: response.statusCode,
    });
  }
}

/** A streaming body as the parsers read it. */
export interface ProviderBody extends AsyncIterable<Uint8Array> {
  /** Display name for errors the parsers raise ("Ollama sent a line larger than 1 MB"). */
  readonly provider: string;
  /** A parser saw a real data event (not a comment or keep-alive): the idle watch starts over. */
  readonly dataArrived: () => void;
}

/** The idle watch looks this many times per idle period, so it fires within a quarter period of it. */
const IDLE_CHECKS = 4;

/**
 * Body chunks of a streaming response. A socket error becomes a typed error instead of undici's raw
 * exception; a stream in which no real data event arrives for the idle timeout (only keep-alives,
 * or nothing) is stopped. The parsers report data through `dataArrived`, so keep-alive comments,
 * which do arrive as bytes, do not keep a dead stream open.
 */
export function bodyChunks(provider: string, url: string, response: HttpResponse, signal?: AbortSignal): ProviderBody {
  const guard = guards.get(response);
  const idleMs = guard?.idleMs ?? STREAM_IDLE_TIMEOUT_MS;
  let fresh = true;
  let quietChecks = 0;
  let idleFailure: ProviderError | null = null;
  const idle = () => {
    if (fresh) {
      fresh = false;
      quietChecks = 0;
      return;
    }
    quietChecks += 1;
    if (quietChecks < IDLE_CHECKS) return;
    idleFailure = new ProviderError(
      `${provider}: ${safeHost(url)} sent no data for ${durationText(idleMs)} (keep-alives do not count); the stream was stopped. Try again, or raise ${STREAM_IDLE_ENV} for a model that thinks longer in silence.`,
      { provider, errorClass: 'timeout' },
    );
    if (guard) guard.fail(idleFailure);
    else response.body.destroy(idleFailure);
  };
  async function* chunks(): AsyncGenerator<Uint8Array> {
    const watch = setInterval(idle, idleMs / IDLE_CHECKS);
    watch.unref();
    try {
      for await (const chunk of response.body) yield chunk as Uint8Array;
    } catch (error) {
      throw idleFailure ?? guard?.failure ?? transportError(provider, url, error, signal);
    } finally {
      clearInterval(watch);
      // Leaving early (stop, a parse error) must release the socket.
      if (!response.body.destroyed) response.body.destroy();
    }
  }
  return Object.assign(chunks(), {
    provider,
    dataArrived: () => {
      fresh = true;
    },
  });
}
