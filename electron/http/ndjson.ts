// Newline-delimited JSON (Ollama's streaming format) from a byte stream: one JSON value per line,
// whatever the chunk boundaries, with UTF-8 decoded as a stream and a last line without a newline.
// A line may be at most MAX_EVENT_BYTES characters: an unfinished line is never held beyond that
// plus one network read.
import { eventTooLarge, MAX_EVENT_BYTES } from './limits';
import type { SseSource } from './sse';

export class NdjsonParseError extends Error {
  constructor(readonly line: string) {
    super(`Invalid JSON line in stream: ${line.slice(0, 200)}`);
    this.name = 'NdjsonParseError';
  }
}

export async function* ndjsonValues<T = unknown>(chunks: AsyncIterable<Uint8Array> & SseSource): AsyncGenerator<T> {
  const decoder = new TextDecoder();
  const dataArrived = chunks.dataArrived;
  const tooLong = () => eventTooLarge(chunks.provider ?? 'The provider', 'a line', MAX_EVENT_BYTES);
  // The unfinished line, kept as pieces and joined once its newline arrives: appending to one
  // string and searching it again on every read would be quadratic in the line's length.
  let open: string[] = [];
  let openLength = 0;
  const parse = (line: string): T => {
    try {
      return JSON.parse(line) as T;
    } catch {
      throw new NdjsonParseError(line);
    }
  };
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    let start = 0;
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      if (openLength + newline - start > MAX_EVENT_BYTES) throw tooLong();
      const piece = text.slice(start, newline);
      const line = (openLength > 0 ? open.join('') + piece : piece).trim();
      open = [];
      openLength = 0;
      if (line) {
        // Blank lines keep a connection open; only a value is data for the idle watch.
        dataArrived?.();
        yield parse(line);
      }
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    if (start < text.length) {
      open.push(start === 0 ? text : text.slice(start));
      openLength += text.length - start;
      if (openLength > MAX_EVENT_BYTES) throw tooLong();
    }
  }
  const last = (open.join('') + decoder.decode()).trim();
  if (last.length > MAX_EVENT_BYTES) throw tooLong();
  if (last) yield parse(last);
}
