// Everything a provider sends is bounded, and every bound is here (issue #22 §9): a hostile or broken
// server can send a 50 MB error page, a single endless SSE line, an answer that never ends, or only
// keep-alives; none of that may fill memory, hang a request, or become a 50 MB history record.
// The HTTP readers (http/client.ts, sse.ts, ndjson.ts, the Bedrock frame decoder) and the answer
// meter below enforce them; each failure is a ProviderError that says what happened and what to do.
import type { StreamEvent } from './traits';
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
 * The text, reasoning and tool input of one answer, in characters: about a million tokens, far past
 * any model's output limit, so only a runaway or hostile stream reaches it.
 */
export const MAX_ANSWER_CHARS = 4 * MB;
/** What a CLI-backed provider (claude, gemini, kilo) may write to stdout; its stderr is kept to 64 KB. */
export const MAX_CLI_OUTPUT_BYTES = 32 * MB;
export const MAX_CLI_STDERR_BYTES = 64 * 1024;
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

export function answerTooLong(provider: string, maxChars: number = MAX_ANSWER_CHARS): ProviderError {
  return new ProviderError(`${provider}: the answer is too long (over ${sizeText(maxChars)} of text); it was stopped there and what arrived is kept. Ask for a shorter answer or set a lower max tokens.`, { provider, errorClass: 'server' });
}

export function eventTooLarge(provider: string, what: string, maxBytes: number): ProviderError {
  return new ProviderError(`${provider} sent ${what} larger than ${sizeText(maxBytes)}; the stream was stopped. This is not a normal answer: check that the base URL points at the provider's API.`, { provider, errorClass: 'server' });
}

/**
 * What an adapter assembles before it can emit anything (tool-call input arriving in pieces) counts
 * toward the answer cap too, so an endless tool call cannot fill memory either.
 */
export class AnswerBudget {
  private used = 0;

  constructor(private readonly provider: string) {}

  spend(chars: number): void {
    this.used += chars;
    if (this.used > MAX_ANSWER_CHARS) throw answerTooLong(this.provider);
  }
}

/**
 * The answer cap over a stream of events: text, reasoning and tool input are counted; the delta that
 * crosses the cap is cut to fit and delivered, then the stream is closed (releasing its connection)
 * and the next read throws "answer too long". Callers keep what was delivered.
 * A plain iterator rather than an async generator: one await per event, no generator hop.
 */
export function limitAnswer(events: AsyncIterable<StreamEvent>, provider: string, maxChars: number = MAX_ANSWER_CHARS): AsyncIterableIterator<StreamEvent> {
  const inner = events[Symbol.asyncIterator]();
  let used = 0;
  let over: ProviderError | null = null;
  const stop = async (error: ProviderError): Promise<never> => {
    await inner.return?.();
    throw error;
  };
  const iterator: AsyncIterableIterator<StreamEvent> = {
    async next(): Promise<IteratorResult<StreamEvent>> {
      if (over) return stop(over);
      const result = await inner.next();
      if (result.done) return result;
      const event = result.value;
      const size = event.type === 'text' || event.type === 'reasoning' ? event.delta.length : event.type === 'tool_call' ? event.call.arguments.length : 0;
      if (size === 0) return result;
      used += size;
      if (used <= maxChars) return result;
      over = answerTooLong(provider, maxChars);
      if (event.type !== 'text' && event.type !== 'reasoning') return stop(over);
      let room = size - (used - maxChars);
      // Never cut between the two halves of a surrogate pair.
      if (room > 0 && /[\uD800-\uDBFF]/.test(event.delta[room - 1]!)) room -= 1;
      if (room > 0) return { done: false, value: { type: event.type, delta: event.delta.slice(0, room) } };
      return stop(over);
    },
    async return(): Promise<IteratorResult<StreamEvent>> {
      await inner.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
