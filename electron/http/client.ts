// One HTTP client for every provider: a keep-alive undici Agent (or undici's EnvHttpProxyAgent when
// HTTPS_PROXY / HTTP_PROXY are set, honouring NO_PROXY), with connect, headers and body-idle
// timeouts, and an AbortSignal on every request. Failures become typed ProviderErrors.
import { Agent, EnvHttpProxyAgent, errors as undiciErrors, request, type Dispatcher } from 'undici';
import { classifyHttpFailure, parseRetryAfter, ProviderError, sanitizeApiError, statusText } from '../providers/errors';

export const CONNECT_TIMEOUT_MS = 10_000;
/** Time to response headers: long, because some providers think before they answer. */
export const HEADERS_TIMEOUT_MS = 120_000;
/** Longest silence allowed between two body chunks of a stream. */
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
  const options = { connect: { timeout: CONNECT_TIMEOUT_MS }, headersTimeout: HEADERS_TIMEOUT_MS, bodyTimeout: BODY_IDLE_TIMEOUT_MS, keepAliveTimeout: 30_000 };
  const usesProxy = key.split('|').slice(0, 2).some(Boolean);
  void shared?.close().catch(() => undefined);
  shared = usesProxy
    ? new EnvHttpProxyAgent({ ...options, httpsProxy: env.HTTPS_PROXY ?? env.https_proxy, httpProxy: env.HTTP_PROXY ?? env.http_proxy, noProxy: env.NO_PROXY ?? env.no_proxy })
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
}

export type HttpResponse = Dispatcher.ResponseData;

/** Maps a transport failure (connect, DNS, timeout, abort) to a typed error naming the host. */
export function transportError(provider: string, url: string, error: unknown, signal?: AbortSignal): ProviderError {
  const host = safeHost(url);
  if (signal?.aborted || (error as Error)?.name === 'AbortError') {
    return new ProviderError(`${provider}: the request was cancelled.`, { provider, errorClass: 'cancelled', cause: error });
  }
  const code = (error as { code?: string })?.code ?? '';
  if (error instanceof undiciErrors.ConnectTimeoutError || error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError || /TIMEOUT/.test(code)) {
    return new ProviderError(`${provider}: ${host} did not answer in time (${(error as Error).message}).`, { provider, errorClass: 'timeout', cause: error });
  }
  const detail = (error as Error)?.message ?? String(error);
  const what = code === 'ECONNREFUSED' ? 'refused the connection' : code === 'ENOTFOUND' ? 'could not be found (DNS)' : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' ? 'closed the connection' : 'could not be reached';
  return new ProviderError(`${provider}: ${host} ${what} (${sanitizeApiError(detail)}).`, { provider, errorClass: 'network', cause: error });
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

/** Reads a failed response into the seed-shaped, scrubbed, classified error. */
export async function httpFailure(provider: string, response: HttpResponse): Promise<ProviderError> {
  let body: string;
  try {
    body = await response.body.text();
  } catch {
    body = '<failed to read provider error body>';
  }
  const errorClass = classifyHttpFailure(response.statusCode, body);
  const retryAfterMs = parseRetryAfter(response.headers['retry-after'], body);
  return new ProviderError(`${provider} API error (${statusText(response.statusCode)}): ${sanitizeApiError(readableErrorBody(body))}`, {
    provider,
    errorClass,
    status: response.statusCode,
    retryAfterMs,
  });
}

/** Sends a request; resolves with a 2xx response, throws a ProviderError for anything else. */
export async function sendRequest(req: HttpRequest, env?: NodeJS.ProcessEnv): Promise<HttpResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  let body: string | undefined;
  if (req.body !== undefined) {
    body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    headers['content-type'] ??= 'application/json';
  }
  let response: HttpResponse;
  try {
    response = await request(req.url, {
      method: req.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      signal: req.signal,
      dispatcher: httpDispatcher(env),
      ...(req.headersTimeoutMs !== undefined && { headersTimeout: req.headersTimeoutMs }),
    });
  } catch (error) {
    throw transportError(req.provider, req.url, error, req.signal);
  }
  if (response.statusCode < 200 || response.statusCode >= 300) throw await httpFailure(req.provider, response);
  return response;
}

/** A 2xx JSON body, or a clear error naming what came back instead. */
export async function readJson<T>(provider: string, response: HttpResponse): Promise<T> {
  const text = await response.body.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ProviderError(`${provider} returned a response that is not JSON: ${sanitizeApiError(text.replace(/\s+/g, ' ').trim())}`, { provider, errorClass: 'server', status: response.statusCode });
  }
}

/**
 * Body chunks of a streaming response; a socket error or idle timeout mid-stream becomes a typed
 * error instead of undici's raw exception.
 */
export async function* bodyChunks(provider: string, url: string, response: HttpResponse, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of response.body) yield chunk as Uint8Array;
  } catch (error) {
    throw transportError(provider, url, error, signal);
  } finally {
    // Leaving early (stop, a parse error) must release the socket.
    if (!response.body.destroyed) response.body.destroy();
  }
}
