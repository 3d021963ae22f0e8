// One provider's answer as a traced stream: a single attempt recorded the way a chain records
// each of its own, so that whoever reads the answer finds the trace in the same place.
import type { AttemptTrace } from '../../../shared/types';
import { classifyError, ProviderError } from '../../http/errors';
import { limitAnswer } from '../../providers/limits';
import type { ChatRequest, Provider, StreamEvent, TracedStream } from '../../providers/traits';

export function tracedStream(provider: Provider, meta: { profileId: string; keySlot?: number }, request: ChatRequest): TracedStream {
  const attempts: AttemptTrace[] = [];
  return {
    attempts,
    [Symbol.asyncIterator]: () => tracedEvents(provider, meta, request, attempts),
  };
}

/**
 * A plain iterator rather than an async generator around the provider's stream: a generator's
 * `yield*` adds a suspend and resume, several promise hops, to every event. The provider's stream
 * opens on the first read, as the generator's did, and the attempt is recorded when the stream
 * ends or fails (not when the reader stops early).
 */
function tracedEvents(
  provider: Provider,
  meta: { profileId: string; keySlot?: number },
  request: ChatRequest,
  attempts: AttemptTrace[],
): AsyncIterableIterator<StreamEvent> {
  let inner: AsyncIterableIterator<StreamEvent> | null = null;
  let base: Omit<AttemptTrace, 'durationMs' | 'outcome'> | null = null;
  let started = 0;
  let finished = false;
  const fail = (error: unknown): never => {
    finished = true;
    attempts.push({
      ...base!,
      durationMs: performance.now() - started,
      outcome: 'error',
      errorClass: classifyError(error),
      ...(error instanceof ProviderError && error.status !== undefined && { status: error.status }),
      ...(error instanceof ProviderError && error.retryAfterMs !== undefined && { retryAfterMs: error.retryAfterMs }),
      message: (error as Error).message,
    });
    // The error carries its trace as a chain's does: the gateway maps it to a status and a
    // Retry-After from there. Readers of the answer take the trace from the stream.
    if (error instanceof ProviderError) error.attempts = attempts;
    throw error;
  };
  const iterator: AsyncIterableIterator<StreamEvent> = {
    async next(): Promise<IteratorResult<StreamEvent>> {
      if (finished) return { done: true, value: undefined };
      if (!inner) {
        base = {
          provider: provider.displayName,
          profileId: meta.profileId,
          model: request.model,
          keySlot: meta.keySlot,
          startedAt: Date.now(),
        };
        started = performance.now();
        try {
          inner = limitAnswer(provider.stream(request), provider.displayName);
        } catch (error) {
          return fail(error);
        }
      }
      let result: IteratorResult<StreamEvent>;
      try {
        result = await inner.next();
      } catch (error) {
        return fail(error);
      }
      if (result.done) {
        finished = true;
        attempts.push({ ...base!, durationMs: performance.now() - started, outcome: 'success' });
      }
      return result;
    },
    async return(): Promise<IteratorResult<StreamEvent>> {
      const wasOpen = inner !== null && !finished;
      finished = true;
      if (wasOpen) await inner!.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
