// The answer cap (issue #22 §9): an answer that never ends may not fill memory or become a 50 MB
// history record. What the HTTP readers accept (error bodies, events, timeouts) is bounded in
// http/limits.ts; this file meters what the adapters make of it: text, reasoning and tool input,
// and what a CLI-backed provider writes.
import type { StreamEvent } from './traits';
import { ProviderError } from '../http/errors';
import { sizeText } from '../http/limits';

const MB = 1024 * 1024;

/**
 * The text, reasoning and tool input of one answer, in characters: about a million tokens, far past
 * any model's output limit, so only a runaway or hostile stream reaches it.
 */
export const MAX_ANSWER_CHARS = 4 * MB;
/** What a CLI-backed provider (claude, gemini, kilo) may write to stdout; its stderr is kept to 64 KB. */
export const MAX_CLI_OUTPUT_BYTES = 32 * MB;
export const MAX_CLI_STDERR_BYTES = 64 * 1024;

export function answerTooLong(provider: string, maxChars: number = MAX_ANSWER_CHARS): ProviderError {
  return new ProviderError(
    `${provider}: the answer is too long (over ${sizeText(maxChars)} of text); it was stopped there and what arrived is kept. Ask for a shorter answer or set a lower max tokens.`,
    { provider, errorClass: 'server' },
  );
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
export function limitAnswer(
  events: AsyncIterable<StreamEvent>,
  provider: string,
  maxChars: number = MAX_ANSWER_CHARS,
): AsyncIterableIterator<StreamEvent> {
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
      const size =
        event.type === 'text' || event.type === 'reasoning'
          ? event.delta.length
          : event.type === 'tool_call'
            ? event.call.arguments.length
            : 0;
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
