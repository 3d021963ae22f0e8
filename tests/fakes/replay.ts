// Replays real recordings (tests/helpers/recordings.ts) from a loopback server, in each provider's
// own framing, cut into irregular pieces of a few bytes:
//   OpenAI-style chat (OpenAI, Azure, Mistral, DeepSeek, Groq, xAI, Qwen): SSE `data:` lines, [DONE]
//   Anthropic Messages and OpenAI Responses: SSE with `event:` names
//   Gemini: SSE as streamGenerateContent?alt=sse sends it (CRLF line ends)
//   Bedrock ConverseStream: AWS event-stream binary frames (@smithy/eventstream-codec)
// The recording files keep one event per line, without framing (the Vercel AI SDK's saveRawChunks
// format), so the framing is added here, as each provider's documentation describes it.
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { startFakeServer, type FakeServer, type RecordedRequest, type Reply } from './server';

/** mulberry32: a small seeded generator, so that a failing cut can be replayed exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The bytes in pieces of 1 to `maxPiece` bytes, at seeded random places (inside UTF-8 characters too). */
export function irregularPieces(bytes: Buffer, seed: number, maxPiece = 7): Buffer[] {
  const random = seededRandom(seed);
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; ) {
    const size = 1 + Math.floor(random() * maxPiece);
    pieces.push(bytes.subarray(at, at + size));
    at += size;
  }
  return pieces;
}

const typeOf = (event: unknown) => String((event as { type?: unknown }).type);

/** platform.openai.com/docs/api-reference/chat-streaming: `data: {json}` events, then `data: [DONE]`. */
export function openaiChatSse(lines: string[]): Buffer {
  return Buffer.from(`${lines.map((line) => `data: ${line}\n\n`).join('')}data: [DONE]\n\n`);
}

/**
 * docs.anthropic.com/en/docs/build-with-claude/streaming and platform.openai.com/docs/api-reference/
 * responses-streaming: each event named after its `type`.
 */
export function namedEventSse(lines: string[], events: unknown[]): Buffer {
  return Buffer.from(lines.map((line, i) => `event: ${typeOf(events[i])}\ndata: ${line}\n\n`).join(''));
}

/** ai.google.dev/api/generate-content#method:-models.streamgeneratecontent with alt=sse. */
export function geminiSse(lines: string[]): Buffer {
  return Buffer.from(lines.map((line) => `data: ${line}\r\n\r\n`).join(''));
}

/**
 * docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html: one event-stream
 * message per event, named by its single key (messageStart, contentBlockDelta…), the value as JSON.
 */
export function bedrockFrames(events: unknown[]): Buffer {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const frames = events.map((event) => {
    const [name, value] = Object.entries(event as Record<string, unknown>)[0]!;
    const headers = {
      ':event-type': { type: 'string' as const, value: name },
      ':content-type': { type: 'string' as const, value: 'application/json' },
      ':message-type': { type: 'string' as const, value: 'event' },
    };
    return Buffer.from(codec.encode({ headers, body: fromUtf8(JSON.stringify(value)) }));
  });
  return Buffer.concat(frames);
}

export interface Served {
  contentType: string;
  bytes: Buffer;
  status?: number;
}

export interface ReplayServer extends FakeServer {
  /** Serves these bytes, in irregular pieces cut with `seed`, for every request to the path. */
  serve(method: string, path: string, served: Served | ((request: RecordedRequest) => Served), seed: number): void;
  /** How many pieces the last reply was cut into. */
  lastPieces(): number;
}

export async function startReplayServer(): Promise<ReplayServer> {
  const server = await startFakeServer();
  let pieces = 0;
  return Object.assign(server, {
    serve(method: string, path: string, served: Served | ((request: RecordedRequest) => Served), seed: number) {
      server.route(method, path, (request): Reply => {
        const { contentType, bytes, status } = typeof served === 'function' ? served(request) : served;
        const chunks = irregularPieces(bytes, seed);
        pieces = chunks.length;
        return { status: status ?? 200, headers: { 'content-type': contentType }, chunks, paced: true };
      });
    },
    lastPieces: () => pieces,
  });
}
