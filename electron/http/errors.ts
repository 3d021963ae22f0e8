// Provider failures, typed. Every adapter error is a ProviderError carrying an ErrorClass that the
// chains and the UI act on (retry, rotate the key, fall back, or tell the user what to fix). The
// message keeps the seed's shape "<Provider> API error (<code> <Reason>): <body>" (seed-core.md
// §4.3) with the body scrubbed and cut to 500 characters.
import { STATUS_CODES } from 'node:http';
import { type AttemptTrace, ErrorClass } from '../../shared/types';
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

/** Words that name the key itself: a 400 carrying them is about the key, not the request. */
const KEY_HINTS = ['invalid api key', 'api key not valid', 'incorrect api key', 'missing api key', 'api key not set', 'invalid token'];
const AUTH_HINTS = [
  ...KEY_HINTS,
  'authentication failed',
  'auth failed',
  'unauthorized',
  'forbidden',
  'permission denied',
  'access denied',
];

/** The seed's business-429 hints (seed-core.md §6.2 is_non_retryable_rate_limit). */
const QUOTA_HINTS = [
  'plan does not include',
  "doesn't include",
  'not include',
  'insufficient balance',
  'insufficient_balance',
  'insufficient quota',
  'insufficient_quota',
  'quota exhausted',
  'out of credits',
  'no available package',
  'package not active',
  'purchase package',
  'model not available for your plan',
];

/** Z.AI's business codes: 1113 insufficient balance, 1311 the plan does not include the model. */
const QUOTA_CODES = /(?<!\d)(?:1113|1311)(?!\d)/;

const MODEL_MISSING_HINTS = ['not found', 'unknown', 'unsupported', 'does not exist', 'invalid'];

export function isContextWindowError(text: string): boolean {
  const lower = text.toLowerCase();
  return CONTEXT_WINDOW_HINTS.some((hint) => lower.includes(hint));
}

/** A 429 that no amount of waiting fixes (a plan or balance problem, seed-core.md §6.2). */
export function isQuotaError(text: string): boolean {
  const lower = text.toLowerCase();
  return QUOTA_HINTS.some((hint) => lower.includes(hint)) || QUOTA_CODES.test(text);
}

/**
 * An HTTP 4xx status written in a message ("403 Forbidden", "HTTP 404", "API error (401)"). The seed
 * took the first number from 400 to 499 anywhere in the text, so "(450 tokens)" read as a client
 * error (seed-core.md §6.2 QUIRK); here the number must look like a status: followed by its reason
 * phrase, or after "HTTP", "status", "code" or "error".
 */
export function statusInText(text: string): number | undefined {
  for (const match of text.matchAll(/(?<![\d.])(4\d\d)(?![\d.])/g)) {
    const status = Number(match[1]);
    const reason = STATUS_CODES[status];
    const after = text
      .slice(match.index + 3, match.index + 4 + (reason?.length ?? 0))
      .trim()
      .toLowerCase();
    const before = text.slice(Math.max(0, match.index - 12), match.index);
    if ((reason && after.startsWith(reason.toLowerCase())) || /(?:http(?:\/[\d.]+)?|status(?:\s*code)?|code|error)[\s:=(]*$/i.test(before))
      return status;
  }
  return undefined;
}

/**
 * The class an error's text implies when it carries no HTTP status (a CLI's stderr, a message an
 * SDK or a proxy wrote), in the seed's order (seed-core.md §6.2 is_non_retryable): context window,
 * a written status, auth words, a model that does not exist; then rate limit, timeout, network.
 */
export function classifyErrorText(text: string): ErrorClass {
  const lower = text.toLowerCase();
  if (isContextWindowError(text)) return 'context_window';
  const status = statusInText(text);
  if (status !== undefined) return classifyHttpFailure(status, text);
  if (AUTH_HINTS.some((hint) => lower.includes(hint))) return 'auth';
  if (lower.includes('model') && MODEL_MISSING_HINTS.some((hint) => lower.includes(hint))) return 'not_found';
  if (/\b429\b/.test(text) || lower.includes('rate limit')) return 'rate_limit';
  if (lower.includes('timeout') || lower.includes('timed out')) return 'timeout';
  if (/econnrefused|econnreset|enotfound|socket|network/.test(lower)) return 'network';
  return 'unknown';
}

/** Classes a statusless error's text may sharpen: a generic failure that says what it was. */
const REFINABLE = new Set<ErrorClass>(['server', 'unknown']);

/** The class of an HTTP failure from its status and body. */
export function classifyHttpFailure(status: number, body: string): ErrorClass {
  if (isContextWindowError(body)) return 'context_window';
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate_limit';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 413) return 'context_window';
  if (status >= 500) return 'server';
  // Some APIs answer a bad key with 400 ("400 Bad Request: invalid api key provided", Gemini's
  // "API key not valid"): it is the key to fix or rotate, not the request.
  if (status >= 400) return KEY_HINTS.some((hint) => body.toLowerCase().includes(hint)) ? 'auth' : 'bad_request';
  return 'unknown';
}

/** The class of any error, for chains and the UI. Typed errors win; text is the fallback. */
export function classifyError(error: unknown): ErrorClass {
  if (error instanceof ProviderError) {
    // A failure with no status ("Claude Code exited with 1. Stderr: 403 Forbidden", an error event
    // mid-stream) was labelled generically by its adapter; its text may say it cannot be retried.
    // A chain's summary (it has attempts) lists other errors' texts, so it keeps its class.
    if (error.status !== undefined || !REFINABLE.has(error.errorClass) || error.attempts) return error.errorClass;
    const refined = classifyErrorText(error.message);
    return refined === 'unknown' ? error.errorClass : refined;
  }
  if (error instanceof AppError && isErrorClass(error.code)) return error.code;
  if (error instanceof Error && error.name === 'AbortError') return 'cancelled';
  return classifyErrorText(error instanceof Error ? error.message : String(error));
}

const ERROR_CLASSES = new Set<string>(ErrorClass.options);

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
  // Google sends no header: a 429's wait is a google.rpc.RetryInfo in error.details, its
  // retryDelay a protobuf Duration in JSON ("34.4s"); cloud.google.com/apis/design/errors#retry_info.
  const match = /retry[-_]after[:\s]\s*([\d.]+)/i.exec(body) ?? /"retryDelay"\s*:\s*"(\d+(?:\.\d+)?)s"/.exec(body);
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
/** Host errors that stop a request before it is sent; each hint says what the user can do. */
const APP_ERROR_HINTS: Readonly<Record<string, string>> = {
  keychain_locked: 'Unlock your keyring (log in to the desktop session or unlock it in your keyring app), then try again.',
  keys_on_hold: "Confirm the profile's new endpoint on the Providers page, or remove its keys.",
  key_missing: 'Paste the key again on the Providers page.',
};

export function errorHint(error: unknown): string {
  if (error instanceof AppError && Object.hasOwn(APP_ERROR_HINTS, error.code)) return APP_ERROR_HINTS[error.code]!;
  const errorClass = classifyError(error);
  if (errorClass === 'auth' && error instanceof ProviderError && error.status === undefined)
    return 'Add the credentials or sign-in the message names, then try again.';
  if (errorClass === 'rate_limit' && isQuotaError((error as Error)?.message ?? ''))
    return 'The account is out of credit or its plan does not include this model: waiting will not help. Top up, change the plan, or use another key or provider.';
  return ERROR_HINTS[errorClass];
}
