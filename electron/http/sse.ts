// Server-sent events from a byte stream. eventsource-parser does the line protocol (CRLF, comments,
// multi-line data, a last event without a newline) and bounds what it buffers; a streaming
// TextDecoder rejoins UTF-8 characters split across chunks. Bytes arrive in whatever pieces the
// socket gives.
import { createParser, type EventSourceMessage, type EventSourceParser, type ParseError } from 'eventsource-parser';
import { eventTooLarge, MAX_EVENT_BYTES } from './limits';

export interface SseEvent {
  event?: string;
  data: string;
}

/** Where the bytes come from: a ProviderBody (http/client.ts) or, in tests, any byte iterable. */
export interface SseSource {
  provider?: string;
  dataArrived?: () => void;
}

/**
 * Synchronous decoding, one network chunk at a time: adapters read events straight off each chunk
 * instead of through another async generator, which would add a scheduling hop per token.
 */
export class SseDecoder {
  private readonly decoder = new TextDecoder();
  private readonly parser: EventSourceParser;
  private ready: SseEvent[] = [];
  private overflow = false;

  constructor(private readonly source: SseSource = {}) {
    const dataArrived = source.dataArrived;
    this.parser = createParser({
      // One event (its lines together) or one line; the parser drops what it held and stops.
      maxBufferSize: MAX_EVENT_BYTES,
      onEvent: (message: EventSourceMessage) => {
        // An event that came whole in one read skips the parser's buffer, so its size is checked here.
        if (this.overflow || message.data.length > MAX_EVENT_BYTES) {
          this.overflow = true;
          return;
        }
        // Anthropic's `ping` events, like comments, only keep the line open: not data for the idle watch.
        if (dataArrived && message.event !== 'ping') dataArrived();
        this.ready.push(message.event ? { event: message.event, data: message.data } : { data: message.data });
      },
      onError: (error: ParseError) => {
        if (error.type === 'max-buffer-size-exceeded') this.overflow = true;
      },
    });
  }

  /**
   * The events completed by this chunk. Past the size limit it throws; events that completed before
   * the oversized one are returned first, and the next call throws.
   */
  feed(chunk: Uint8Array): SseEvent[] {
    this.throwIfOverflowed();
    this.parser.feed(this.decoder.decode(chunk, { stream: true }));
    if (this.ready.length === 0) this.throwIfOverflowed();
    return this.take();
  }

  /** Flushes the decoder; a final event with no blank line after it still counts. */
  end(): SseEvent[] {
    this.throwIfOverflowed();
    this.parser.feed(`${this.decoder.decode()}\n\n`);
    if (this.ready.length === 0) this.throwIfOverflowed();
    return this.take();
  }

  private throwIfOverflowed(): void {
    if (this.overflow) throw eventTooLarge(this.source.provider ?? 'The provider', 'a stream event or line', MAX_EVENT_BYTES);
  }

  private take(): SseEvent[] {
    if (this.ready.length === 0) return EMPTY;
    const out = this.ready;
    this.ready = [];
    return out;
  }
}

const EMPTY: SseEvent[] = [];

export async function* sseEvents(chunks: AsyncIterable<Uint8Array> & SseSource): AsyncGenerator<SseEvent> {
  const decoder = new SseDecoder(chunks);
  for await (const chunk of chunks) yield* decoder.feed(chunk);
  yield* decoder.end();
}
