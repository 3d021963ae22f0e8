// What the sign-ins that refresh themselves share (MiniMax OAuth, Qwen Code OAuth): the form POST
// to a token endpoint (grant_type=refresh_token, seed-core.md §1.4), one refresh at a time per
// credential however many requests need it, and a caller's cancel that stops its own wait only.
import { readJson, sendRequest } from '../http/client';
import { ProviderError, sanitizeApiError } from '../http/errors';
import { registerSecret } from '../secrets/redact';

/** The seed's timeout for a refresh request (15 s). */
export const REFRESH_TIMEOUT_MS = 15_000;

/** The fields token endpoints answer with; every one optional, because they differ. */
export interface TokenReply {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  resource_url?: unknown;
  token_type?: unknown;
  [field: string]: unknown;
}

/** The JSON object `text` holds, or undefined when it holds anything else or is not JSON. */
export function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function nonBlank(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/**
 * POSTs the refresh form and returns the parsed JSON. Transport and HTTP failures come back as the
 * client's typed errors (the caller words them); the tokens of the reply are registered as secrets
 * before anything else can print them.
 */
export async function postRefreshForm(
  endpointName: string,
  url: string,
  form: Record<string, string>,
  env: NodeJS.ProcessEnv,
): Promise<TokenReply> {
  const response = await sendRequest(
    {
      provider: endpointName,
      url,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      headersTimeoutMs: REFRESH_TIMEOUT_MS,
    },
    env,
  );
  const reply = await readJson<TokenReply>(endpointName, response);
  if (!reply || typeof reply !== 'object' || Array.isArray(reply))
    throw new ProviderError(`${endpointName} answered with something that is not a JSON object.`, {
      provider: endpointName,
      errorClass: 'server',
    });
  registerSecret(nonBlank(reply.access_token));
  registerSecret(nonBlank(reply.refresh_token));
  return reply;
}

const inflight = new Map<string, Promise<unknown>>();

/**
 * Runs `refresh` once per `key` at a time, process-wide: providers are built per request, so two
 * requests that find the same token expired must share one refresh (a refresh token is often
 * single-use, and the second refresh would invalidate the first's result).
 */
export function sharedRefresh<T>(key: string, refresh: () => Promise<T>): Promise<T> {
  let running = inflight.get(key) as Promise<T> | undefined;
  if (!running) {
    running = refresh().finally(() => inflight.delete(key));
    inflight.set(key, running);
  }
  return running;
}

/** Waits for a shared refresh; `signal` ends this wait, never the refresh others share. */
export function untilCancelled<T>(work: Promise<T>, provider: string, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  // A caller that gave up must not leave the shared refresh's failure unhandled.
  work.catch(() => undefined);
  const cancelled = () => new ProviderError(`${provider}: the request was cancelled.`, { provider, errorClass: 'cancelled' });
  if (signal.aborted) return Promise.reject(cancelled());
  let onAbort = () => undefined as void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([work, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}

/** Millisecond expiry from an `expires_in` given in seconds; `fallbackSeconds` when absent. */
export function expiryFrom(expiresIn: unknown, now: number, fallbackSeconds: number): number {
  const seconds = typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : fallbackSeconds;
  return now + seconds * 1000;
}

/**
 * A failed refresh in words a user can act on. The network or the vendor's side (no status, 5xx,
 * 429) keeps its class, so a chain retries or falls back; a refused refresh token is an auth
 * problem with the fix appended (the seed's "<what> refresh failed (HTTP <status>): <detail>").
 */
export function refreshFailure(
  error: unknown,
  words: { provider: string; what: string; endpointName: string; fix: string },
): ProviderError {
  const { provider, what, endpointName, fix } = words;
  if (!(error instanceof ProviderError))
    return new ProviderError(`${what} refresh request failed: ${sanitizeApiError((error as Error)?.message ?? String(error))}`, {
      provider,
      errorClass: 'network',
      cause: error,
    });
  if (error.status === undefined || error.status >= 500 || error.status === 429) {
    return new ProviderError(`${what} refresh request failed: ${error.message}`, {
      provider,
      errorClass: error.errorClass,
      ...(error.status !== undefined && { status: error.status }),
      cause: error,
    });
  }
  const detail = error.message.startsWith(`${endpointName} API error (`)
    ? error.message.slice(error.message.indexOf('):') + 2).trim()
    : error.message;
  return new ProviderError(`${what} refresh failed (HTTP ${error.status}): ${detail} ${fix}`, {
    provider,
    errorClass: 'auth',
    cause: error,
  });
}
