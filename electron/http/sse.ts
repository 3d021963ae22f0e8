// Server-sent events from a byte stream. eventsource-parser does the line protocol (CRLF, comments,
// multi-line data, a last event without a newline); a streaming TextDecoder rejoins UTF-8
// characters split across chunks. Bytes arrive in whatever pieces the socket gives.
import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';

export interface SseEvent {
  event?: string;
  data: string;
}

/**
 * Synchronous decoding, one network chunk at a time: adapters read events straight off each chunk
 * instead of through another async generator, which would add a scheduling hop per token.
 */
export class SseDecoder {
  private readonly decoder = new TextDecoder();
  private readonly parser: EventSourceParser;
  private ready: SseEvent[] = [];

  constructor() {
    this.parser = createParser({
      onEvent: (message: EventSourceMessage) => {
        this.ready.push(message.event ? { event: message.event, data: message.data } : { data: message.data });
      },
    });
  }

  feed(chunk: Uint8Array): SseEvent[] {
    this.parser.feed(this.decoder.decode(chunk, { stream: true }));
    return this.take();
  }

  /** Flushes the decoder; a final event with no blank line after it still counts. */
  end(): SseEvent[] {
    this.parser.feed(`${this.decoder.decode()}\n\n`);
    return this.take();
  }

  private take(): SseEvent[] {
    if (this.ready.length === 0) return EMPTY;
    const out = this.ready;
    this.ready = [];
    return out;
  }
}

const EMPTY: SseEvent[] = [];

export async function* sseEvents(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<SseEvent> {
  const decoder = new SseDecoder();
  for await (const chunk of chunks) yield* decoder.feed(chunk);
  yield* decoder.end();
}
