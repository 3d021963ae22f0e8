// Server-sent events from a byte stream. eventsource-parser does the line protocol (CRLF, comments,
// multi-line data, a last event without a newline); a streaming TextDecoder rejoins UTF-8
// characters split across chunks. Bytes arrive in whatever pieces the socket gives.
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface SseEvent {
  event?: string;
  data: string;
}

export async function* sseEvents(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  let queue: SseEvent[] = [];
  const parser = createParser({
    onEvent(message: EventSourceMessage) {
      queue.push(message.event ? { event: message.event, data: message.data } : { data: message.data });
    },
  });
  for await (const chunk of chunks) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    if (queue.length > 0) {
      const ready = queue;
      queue = [];
      yield* ready;
    }
  }
  const rest = decoder.decode();
  // A final event with no blank line after it still counts (some servers end that way).
  parser.feed(`${rest}\n\n`);
  yield* queue;
}
