// A hostile provider on loopback (issue #22 §9): whatever path is asked, it answers with the act set
// for the test, in the wire format of the adapter under test — a huge error body, one huge SSE line
// (or NDJSON line, or event-stream frame), an endless stream, keep-alives and nothing else, or a
// never-ending slow trickle of real tokens. Big bodies are generated as they are sent, with
// backpressure, so the fake itself never holds 50 MB; it records how much it wrote and whether the
// client hung up before the end.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventFrame } from './bedrock';

export type Wire = 'openai' | 'anthropic' | 'gemini' | 'codex' | 'ollama' | 'bedrock';

export type Act =
  /** An error status with a body of `bytes` (JSON-shaped, with the message first). */
  | { kind: 'error-body'; bytes: number; status?: number }
  /** One event (SSE), line (NDJSON) or frame (Bedrock) of `bytes`, after one normal token. */
  | { kind: 'huge-line'; bytes: number }
  /** Valid text tokens forever, as fast as the client reads them. */
  | { kind: 'endless' }
  /** A tool call whose input never ends (OpenAI, Anthropic and Bedrock send it in pieces). */
  | { kind: 'endless-tool-input' }
  /** One token, then only keep-alives (SSE comments, Anthropic pings, blank NDJSON lines) every `everyMs`. */
  | { kind: 'keep-alives'; everyMs: number }
  /** One real token every `everyMs`, forever. */
  | { kind: 'trickle'; everyMs: number };

export interface HostileProvider {
  url: string;
  act(next: Act): void;
  /** What the last response wrote, and whether the client closed it before the fake was done. */
  last(): { bytesWritten: number; clientHungUp: boolean };
  /** Resolves once the client has closed the last response (the socket destroyed or the body read). */
  lastClosed(): Promise<void>;
  requests: number;
  close(): Promise<void>;
}

const CONTENT_TYPE: Record<Wire, string> = {
  openai: 'text/event-stream',
  anthropic: 'text/event-stream',
  gemini: 'text/event-stream',
  codex: 'text/event-stream',
  ollama: 'application/x-ndjson',
  bedrock: 'application/vnd.amazon.eventstream',
};

/** The bytes of one text token in the wire's format. */
export function tokenBytes(wire: Wire, text: string): Buffer {
  const json = JSON.stringify(text);
  switch (wire) {
    case 'openai':
      return Buffer.from(
        `data: {"id":"h","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":${json}},"finish_reason":null}]}\n\n`,
      );
    case 'anthropic':
      return Buffer.from(
        `event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":${json}}}\n\n`,
      );
    case 'gemini':
      return Buffer.from(`data: {"candidates":[{"content":{"role":"model","parts":[{"text":${json}}]}}]}\n\n`);
    case 'codex':
      return Buffer.from(`data: {"type":"response.output_text.delta","delta":${json}}\n\n`);
    case 'ollama':
      return Buffer.from(`{"model":"m","message":{"role":"assistant","content":${json}},"done":false}\n`);
    case 'bedrock':
      return eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text } });
  }
}

/** The opening of a tool call and one piece of its input, in the wire's format. */
function toolInputBytes(wire: Wire, piece: string): { start: Buffer; piece: Buffer } {
  const json = JSON.stringify(piece);
  switch (wire) {
    case 'openai':
      return {
        start: Buffer.alloc(0),
        piece: Buffer.from(
          `data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","function":{"name":"write_file","arguments":${json}}}]}}]}\n\n`,
        ),
      };
    case 'anthropic':
      return {
        start: Buffer.from(
          'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"write_file","input":{}}}\n\n',
        ),
        piece: Buffer.from(
          `event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":${json}}}\n\n`,
        ),
      };
    case 'bedrock':
      return {
        start: eventFrame('contentBlockStart', {
          contentBlockIndex: 0,
          start: { toolUse: { toolUseId: 'tooluse_1', name: 'write_file' } },
        }),
        piece: eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { toolUse: { input: piece } } }),
      };
    default:
      throw new Error(`${wire} sends a tool call whole`);
  }
}

function keepAliveBytes(wire: Wire): Buffer {
  if (wire === 'anthropic') return Buffer.from('event: ping\ndata: {"type": "ping"}\n\n');
  if (wire === 'ollama') return Buffer.from('\n');
  if (wire === 'bedrock') throw new Error('AWS event streams have no keep-alive');
  return Buffer.from(': keep-alive\n\n');
}

/** Head and tail around `bytes` of filler for one oversized unit of the wire. */
function hugeUnit(wire: Wire): { head: Buffer; tail: Buffer } {
  switch (wire) {
    case 'ollama':
      return { head: Buffer.from('{"model":"m","message":{"role":"assistant","content":"'), tail: Buffer.from('"},"done":false}\n') };
    case 'bedrock':
      // Only the 4-byte length matters: a reader that trusts it would wait for all of it.
      return { head: Buffer.alloc(4), tail: Buffer.alloc(0) };
    case 'anthropic':
      return {
        head: Buffer.from(
          'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"',
        ),
        tail: Buffer.from('"}}\n\n'),
      };
    default:
      return { head: Buffer.from('data: {"choices":[{"index":0,"delta":{"content":"'), tail: Buffer.from('"}}]}\n\n') };
  }
}

const FILL = Buffer.alloc(64 * 1024, 'x');

/** Resolves when the socket can take more, or when the client is gone. */
function drained(res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Tokens of the endless act: 1 KB each, so 4 MB of answer is 4,000 events, not 800,000. */
export const ENDLESS_TOKEN = ` ${'more '.repeat(204)}`.slice(0, 1024);

export async function startHostileProvider(wire: Wire): Promise<HostileProvider> {
  let current: Act = { kind: 'endless' };
  let stats = { bytesWritten: 0, clientHungUp: false };
  let closed: Promise<void> = Promise.resolve();
  const timers = new Set<NodeJS.Timeout>();
  let requests = 0;

  const serve = async (res: http.ServerResponse, act: Act): Promise<void> => {
    const write = async (bytes: Buffer): Promise<boolean> => {
      if (res.destroyed) return false;
      stats.bytesWritten += bytes.length;
      if (!res.write(bytes)) await drained(res);
      return !res.destroyed;
    };
    const finish = () => {
      if (!res.destroyed) res.end();
    };
    /** `bytes` of filler between a head and a tail, 64 KB at a time. */
    const fill = async (bytes: number): Promise<boolean> => {
      for (let left = bytes; left > 0; left -= FILL.length)
        if (!(await write(left >= FILL.length ? FILL : FILL.subarray(0, left)))) return false;
      return true;
    };
    const every = (ms: number, bytes: () => Buffer) => {
      const tick = () => {
        if (res.destroyed) return;
        void write(bytes()).then(() => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            tick();
          }, ms);
          timers.add(timer);
        });
      };
      tick();
    };

    if (act.kind === 'error-body') {
      res.writeHead(act.status ?? 500, { 'content-type': 'application/json' });
      const head = Buffer.from('{"error":{"message":"Something went wrong upstream: ');
      if ((await write(head)) && (await fill(act.bytes - head.length - 4))) await write(Buffer.from('"}}\n'));
      return finish();
    }
    res.writeHead(200, { 'content-type': CONTENT_TYPE[wire] });
    if (!(await write(tokenBytes(wire, 'Hello')))) return;
    if (act.kind === 'huge-line') {
      const { head, tail } = hugeUnit(wire);
      if (wire === 'bedrock') head.writeUInt32BE(act.bytes, 0);
      if ((await write(head)) && (await fill(act.bytes - head.length - tail.length))) await write(tail);
      return finish();
    }
    if (act.kind === 'endless') {
      const token = tokenBytes(wire, ENDLESS_TOKEN);
      const batch = Buffer.concat(Array.from({ length: 16 }, () => token));
      while (await write(batch));
      return;
    }
    if (act.kind === 'endless-tool-input') {
      const { start, piece } = toolInputBytes(wire, ENDLESS_TOKEN);
      if (start.length > 0 && !(await write(start))) return;
      const batch = Buffer.concat(Array.from({ length: 16 }, () => piece));
      while (await write(batch));
      return;
    }
    if (act.kind === 'keep-alives') return every(act.everyMs, () => keepAliveBytes(wire));
    every(act.everyMs, () => tokenBytes(wire, ' drip'));
  };

  const server = http.createServer((req, res) => {
    requests += 1;
    const act = current;
    stats = { bytesWritten: 0, clientHungUp: false };
    const mine = stats;
    let done = false;
    res.on('finish', () => (done = true));
    closed = new Promise((resolve) => {
      res.on('close', () => {
        if (!done) mine.clientHungUp = true;
        resolve();
      });
    });
    req.resume();
    req.on('end', () => void serve(res, act));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    act(next) {
      current = next;
    },
    last: () => ({ ...stats }),
    lastClosed: () => closed,
    get requests() {
      return requests;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
