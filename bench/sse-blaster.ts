// A loopback server for benchmarks that streams an OpenAI-style chat completion of N chunks as
// fast as the socket takes them, and answers non-streaming chats with a fixed small body. It counts
// the TCP connections it sees (to check keep-alive reuse).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createParser } from 'eventsource-parser';

export interface Blaster {
  baseUrl: string;
  connections(): number;
  close(): Promise<void>;
}

function chunk(i: number): string {
  return `data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1,"model":"bench","choices":[{"index":0,"delta":{"content":"tok${i} "},"finish_reason":null}]}\n\n`;
}

export async function startBlaster(chunks: number): Promise<Blaster> {
  // Pre-render the whole body once so the server's own cost is not in the measurement.
  const body =
    Array.from({ length: chunks }, (_, i) => chunk(i)).join('') +
    'data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1,"model":"bench","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":' +
    chunks +
    ',"total_tokens":' +
    (chunks + 5) +
    '}}\n\ndata: [DONE]\n\n';
  const bodyBuffer = Buffer.from(body);
  const pieces: Buffer[] = [];
  // Write in pieces of ~8 chunks, as a real server flushing tokens would.
  const perPiece = Math.ceil(bodyBuffer.length / Math.max(1, Math.floor(chunks / 8)));
  for (let offset = 0; offset < bodyBuffer.length; offset += perPiece) pieces.push(bodyBuffer.subarray(offset, offset + perPiece));
  const plain = Buffer.from(
    JSON.stringify({
      id: 'chatcmpl-bench',
      object: 'chat.completion',
      created: 1,
      model: 'bench',
      choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
    }),
  );
  let connections = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (data: Buffer) => (raw += data.toString()));
    req.on('end', () => {
      const streaming = raw.includes('"stream":true');
      if (!streaming) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': plain.length });
        res.end(plain);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const piece of pieces) res.write(piece);
      res.end();
    });
  });
  server.keepAliveTimeout = 30_000;
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    connections: () => connections,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The bare client: reads an OpenAI-style event stream with eventsource-parser and counts the chunks
 * that carry content (the floor every other path is compared with).
 */
export async function countContentChunks(body: AsyncIterable<unknown>): Promise<number> {
  let tokens = 0;
  const parser = createParser({
    onEvent(event) {
      if (event.data === '[DONE]') return;
      const parsed = JSON.parse(event.data) as { choices: Array<{ delta: { content?: string } }> };
      if (parsed.choices[0]?.delta.content) tokens += 1;
    },
  });
  const decoder = new TextDecoder();
  for await (const data of body) parser.feed(decoder.decode(data as Uint8Array, { stream: true }));
  return tokens;
}
