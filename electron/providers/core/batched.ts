// Events parsed a network chunk at a time, handed out one by one. An async generator that yields
// each event pays a suspend/resume and several promise hops per token; here the producer yields
// one batch per chunk and `next()` answers from the batch at once.
import { SseDecoder, type SseEvent, type SseSource } from '../../http/sse';

export function flattenBatches<T>(batches: AsyncIterator<T[]>): AsyncIterableIterator<T> {
  let buffer: T[] = [];
  let index = 0;
  const iterator: AsyncIterableIterator<T> = {
    async next(): Promise<IteratorResult<T>> {
      while (index >= buffer.length) {
        const batch = await batches.next();
        if (batch.done) return { done: true, value: undefined };
        buffer = batch.value;
        index = 0;
      }
      return { done: false, value: buffer[index++]! };
    },
    // Leaving early (stop, break, an error in the consumer) closes the producer, which releases the socket.
    async return(): Promise<IteratorResult<T>> {
      buffer = [];
      await batches.return?.();
      return { done: true, value: undefined };
    },
    async throw(error?: unknown): Promise<IteratorResult<T>> {
      buffer = [];
      if (batches.throw) await batches.throw(error);
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/**
 * An SSE body read one network chunk at a time: `handle` turns each event into stream events pushed
 * onto that chunk's batch; `finish` adds the closing events (usage, done) after the body ends.
 * `stopped` ends the read early (a provider's own end-of-stream event).
 */
export async function* sseBatches<T>(
  chunks: AsyncIterable<Uint8Array> & SseSource,
  handle: (event: SseEvent, out: T[]) => void,
  finish: () => T[],
  stopped: () => boolean = () => false,
): AsyncGenerator<T[]> {
  const decoder = new SseDecoder(chunks);
  for await (const bytes of chunks) {
    const out: T[] = [];
    const failure = handleEach(decoder.feed(bytes), handle, out);
    if (out.length > 0) yield out;
    if (failure) throw failure.error;
    if (stopped()) break;
  }
  const out: T[] = [];
  const failure = handleEach(decoder.end(), handle, out);
  if (failure) {
    if (out.length > 0) yield out;
    throw failure.error;
  }
  yield [...out, ...finish()];
}

/**
 * Handles the events of one chunk; an error (a provider's error event) stops there and is handed
 * back, so that what came before it in the same chunk still reaches the user, whatever way the
 * network happened to cut the bytes.
 */
export function handleEach<E, T>(events: Iterable<E>, handle: (event: E, out: T[]) => void, out: T[]): { error: unknown } | null {
  try {
    for (const event of events) handle(event, out);
    return null;
  } catch (error) {
    return { error };
  }
}
