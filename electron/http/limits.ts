// What the HTTP readers accept from a provider (issue #22 §9): a hostile or broken server can send a
// 50 MB error page, a single endless SSE line, or only keep-alives; none of that may fill memory or
// hang a request. http/client.ts, sse.ts, ndjson.ts and the Bedrock frame decoder enforce these
// bounds; the answer itself is metered by providers/limits.ts. Each failure is a ProviderError that
// says what happened and what to do.
import { ProviderError } from './errors';

const MB = 1024 * 1024;

/** An error body is read up to this size; the rest is not read and the connection is closed. */
export const MAX_ERROR_BODY_BYTES = 1 * MB;
/** One SSE event (its lines together) or one NDJSON line; counted in characters for SSE, bytes for NDJSON. */
export const MAX_EVENT_BYTES = 1 * MB;
/** One AWS event-stream frame (Bedrock). AWS allows 16 MB, but no Converse event comes near 1 MB. */
export const MAX_FRAME_BYTES = MAX_EVENT_BYTES;
/** A whole JSON response: model lists (OpenRouter's is about 1 MB), a non-streamed answer, a token exchange. */
export const MAX_JSON_BODY_BYTES = 32 * MB;
/**
 * Longest wait for the next real data event of a stream. SSE comments and Anthropic's `ping` events
 * are keep-alives: they do not restart it, so a server that only keeps the line open is given up on.
 */
export const STREAM_IDLE_TIMEOUT_MS = 120_000;
/**
 * Longest a request may take from sending it to the last byte of its answer, whatever arrives
 * meanwhile. Long enough for a 64k-token answer at 60 tokens/s; Ollama model pulls have none.
 */
export const REQUEST_DEADLINE_MS = 30 * 60_000;
/** Environment variables that override the two timeouts (milliseconds), for slow local models or tests. */
export const REQUEST_DEADLINE_ENV = 'SWITCHYARD_REQUEST_DEADLINE_MS';
export const STREAM_IDLE_ENV = 'SWITCHYARD_STREAM_IDLE_MS';

function positiveMs(value: string | undefined, fallback: number): number {
  const ms = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isFinite(ms) && ms > 0 ? ms : fallback;
}

export function requestDeadlineMs(env: NodeJS.ProcessEnv = process.env): number {
  return positiveMs(env[REQUEST_DEADLINE_ENV], REQUEST_DEADLINE_MS);
}

export function streamIdleMs(env: NodeJS.ProcessEnv = process.env): number {
  return positiveMs(env[STREAM_IDLE_ENV], STREAM_IDLE_TIMEOUT_MS);
}

/** "1 MB", "4 MB", "512 KB": sizes as people read them. */
export function sizeText(bytes: number): string {
  return bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** "2 min", "45 s", "300 ms". */
export function durationText(ms: number): string {
  if (ms >= 120_000) return `${Math.round(ms / 60_000)} min`;
  if (ms >= 1000) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms)} ms`;
}

export function eventTooLarge(provider: string, what: string, maxBytes: number): ProviderError {
  return new ProviderError(
    `${provider} sent ${what} larger than ${sizeText(maxBytes)}; the stream was stopped. This is not a normal answer: check that the base URL points at the provider's API.`,
    { provider, errorClass: 'server' },
  );
}
