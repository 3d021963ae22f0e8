// One provider's answer as a traced stream: a single attempt recorded the way a chain records
// each of its own, so that whoever reads the answer finds the trace in the same place.
import type { AttemptTrace } from '../../../shared/types';
import { classifyError, ProviderError } from '../../http/errors';
import { limitAnswer } from '../../providers/limits';
import type { ChatRequest, Provider, TracedStream } from '../../providers/traits';

export function tracedStream(provider: Provider, meta: { profileId: string; keySlot?: number }, request: ChatRequest): TracedStream {
  const attempts: AttemptTrace[] = [];
  return {
    attempts,
    async *[Symbol.asyncIterator]() {
      const startedAt = Date.now();
      const started = performance.now();
      const base = { provider: provider.displayName, profileId: meta.profileId, model: request.model, keySlot: meta.keySlot, startedAt };
      try {
        yield* limitAnswer(provider.stream(request), provider.displayName);
        attempts.push({ ...base, durationMs: performance.now() - started, outcome: 'success' });
      } catch (error) {
        attempts.push({
          ...base,
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
      }
    },
  };
}
