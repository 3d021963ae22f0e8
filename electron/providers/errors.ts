// Provider failures, typed. Every adapter error is a ProviderError carrying an ErrorClass that the
// chains and the UI act on (retry, rotate the key, fall back, or tell the user what to fix). The
// message keeps the seed's shape "<Provider> API error (<code> <Reason>): <body>" (seed-core.md
// §4.3) with the body scrubbed and cut to 500 characters.
import { STATUS_CODES } from 'node:http';
import type { AttemptTrace, ErrorClass } from '../../shared/types';
import { AppError } from '../errors';
import { redactSecrets } from '../secrets/redact';

export const MAX_API_ERROR_CHARS = 500;

export interface ProviderErrorInit {
  provider: string;
  errorClass: ErrorClass;
  status?: number;
  retryAfterMs?: number;
  cause?: unknown;
}

export class ProviderError extends AppError {
  readonly provider: string;
  readonly errorClass: ErrorClass;
  readonly status?: number;
  readonly retryAfterMs?: number;
  /** Filled in by chains: every attempt that led to this error. */
  attempts?: AttemptTrace[];

  constructor(message: string, init: ProviderErrorInit) {
    const details: Record<string, unknown> = { provider: init.provider, errorClass: init.errorClass };
    if (init.status !== undefined) details.status = init.status;
    if (init.retryAfterMs !== undefined) details.retryAfterMs = init.retryAfterMs;
    super(init.errorClass, message, details, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ProviderError';
    this.provider = init.provider;
    this.errorClass = init.errorClass;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/**
 * Scrubbed and cut to 500 characters. The seed cut at a byte offset (seed-core.md §4.2 QUIRK), which
 * shortened non-ASCII text; this cuts at 500 characters, never inside a surrogate pair.
 */
export function sanitizeApiError(text: string): string {
  const scrubbed = redactSecrets(text);
  // Only the head is split into characters: 500 characters fit in 1,000 UTF-16 units, and an array
  // of every character of a 1 MB body would cost tens of MB.
  const head = scrubbed.length > MAX_API_ERROR_CHARS * 2 ? scrubbed.slice(0, MAX_API_ERROR_CHARS * 2) : scrubbed;
  const chars = Array.from(head);
  if (head === scrubbed && chars.length <= MAX_API_ERROR_CHARS) return scrubbed;
  return `${chars.slice(0, MAX_API_ERROR_CHARS).join('')}...`;
}

export function statusText(status: number): string {
  const reason = STATUS_CODES[status];
  return reason ? `${status} ${reason}` : String(status);
}

const CONTEXT_WINDOW_HINTS = [
  'exceeds the context window',
  'exceeds the available context size',
  'context window of this model',
  'maximum context length',
  'context length exceeded',
  'context_length_exceeded',
  'too many tokens',
  'token limit exceeded',
  'prompt is too long',
  'input is too long',
  'prompt exceeds max length',
];

const AUTH_HINTS = ['invalid api key', 'incorrect api key', 'missing api key', 'api key not set', 'authentication failed', 'auth failed', 'unauthorized', 'permission denied', 'access denied', 'invalid token'];

const QUOTA_HINTS = ['plan does not include', "doesn't include", 'insufficient balance', 'insufficient_balance', 'insufficient quota', 'insufficient_quota', 'quota exhausted', 'out of credits', 'model not available for your plan'];

export function isContextWindowError(text: string): boolean {
  const lower = text.toLowerCase();
  return CONTEXT_WINDOW_HINTS.some((hint) => lower.includes(hint));
}

/** A 429 that no amount of waiting fixes (a plan or balance problem, seed-core.md §6.2). */
export function isQuotaError(text: string): boolean {
  const lower = text.toLowerCase();
  return QUOTA_HINTS.some((hint) => lower.includes(hint));
}

/** The class of an HTTP failure from its status and body. */
export function classifyHttpFailure(status: number, body: string): ErrorClass {
  if (isContextWindowError(body)) return 'context_window';
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate_limit';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 413) return 'context_window';
  if (status >= 500) return 'server';
  if (status >= 400) return 'bad_request';
  return 'unknown';
}

/** The class of any error, for chains and the UI. Typed errors win; text is the fallback. */
export function classifyError(error: unknown): ErrorClass {
  if (error instanceof ProviderError) return error.errorClass;
  if (error instanceof AppError && isErrorClass(error.code)) return error.code;
  if (error instanceof Error && error.name === 'AbortError') return 'cancelled';
  const text = error instanceof Error ? error.message : String(error);
  const lower = text.toLowerCase();
  if (isContextWindowError(text)) return 'context_window';
  if (AUTH_HINTS.some((hint) => lower.includes(hint))) return 'auth';
  if (/\b429\b/.test(text) || lower.includes('rate limit')) return 'rate_limit';
  if (lower.includes('timeout') || lower.includes('timed out')) return 'timeout';
  if (/econnrefused|econnreset|enotfound|socket|network/.test(lower)) return 'network';
  return 'unknown';
}

const ERROR_CLASSES = new Set<string>(['auth', 'rate_limit', 'context_window', 'bad_request', 'not_found', 'server', 'network', 'timeout', 'cancelled', 'capability', 'not_available', 'unknown']);

function isErrorClass(code: string): code is ErrorClass {
  return ERROR_CLASSES.has(code);
}

/**
 * Retry-After as milliseconds: the header first (seconds, or an HTTP date), then the body's
 * "retry-after: N" / "retry_after N" text as the seed read it (seed-core.md §6.2).
 */
export function parseRetryAfter(header: string | string[] | undefined, body: string, now: number = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value !== undefined && value.trim() !== '') {
    const trimmed = value.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
    const date = Date.parse(trimmed);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const match = /retry[-_]after[:\s]\s*([\d.]+)/i.exec(body);
  if (match) {
    const seconds = Number.parseFloat(match[1]!);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  }
  return undefined;
}

/** Next steps a person can act on, by class; the connection test and chat show these. */
export const ERROR_HINTS: Record<ErrorClass, string> = {
  auth: 'The key was rejected: check that it belongs to this provider and has not been revoked.',
  rate_limit: 'The provider is rate limiting this key: wait, add another key slot for rotation, or use a chain with a fallback.',
  context_window: 'The conversation is longer than this model accepts: start a new chat or pick a model with a larger context.',
  bad_request: 'The provider refused the request: check the model name and parameters.',
  not_found: 'Not found: check the base URL and the model name.',
  server: 'The provider had an internal error: try again in a moment.',
  network: 'Could not reach the provider: check the base URL, your connection and the proxy settings.',
  timeout: 'The provider did not answer in time: try again, or raise the timeout.',
  cancelled: 'Stopped.',
  capability: 'This provider cannot do what was asked (for example images or tools).',
  not_available: 'This provider is not available in this version of Switchyard yet.',
  unknown: 'Something unexpected happened; the message above has the details.',
};

/**
 * The next step for this error. An auth error raised before any request (no credentials, not signed
 * in) already says what to do; "the key was rejected" would be wrong there.
 */
export function errorHint(error: unknown): string {
  const errorClass = classifyError(error);
  if (errorClass === 'auth' && error instanceof ProviderError && error.status === undefined) return 'Add the credentials or sign-in the message names, then try again.';
  return ERROR_HINTS[errorClass];
}
