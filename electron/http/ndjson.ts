// Newline-delimited JSON (Ollama's streaming format) from a byte stream: one JSON value per line,
// whatever the chunk boundaries, with UTF-8 decoded as a stream and a last line without a newline.
export class NdjsonParseError extends Error {
  constructor(readonly line: string) {
    super(`Invalid JSON line in stream: ${line.slice(0, 200)}`);
    this.name = 'NdjsonParseError';
  }
}

export async function* ndjsonValues<T = unknown>(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<T> {
  const decoder = new TextDecoder();
  let buffer = '';
  const parse = (line: string): T => {
    try {
      return JSON.parse(line) as T;
    } catch {
      throw new NdjsonParseError(line);
    }
  };
  for await (const chunk of chunks) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline = buffer.indexOf('\n');
    while (newline !== -1) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) yield parse(line);
      newline = buffer.indexOf('\n');
    }
  }
  const last = (buffer + decoder.decode()).trim();
  if (last) yield parse(last);
}
