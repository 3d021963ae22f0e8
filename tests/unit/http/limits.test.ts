// The limits on what a provider may send, at the parser level: the same bytes cut any way hit the
// same limit, multi-line events count whole, and the timeouts read their overrides from the env.
import { describe, expect, it } from 'vitest';
import { ndjsonValues } from '../../../electron/http/ndjson';
import { SseDecoder, sseEvents } from '../../../electron/http/sse';
import { ProviderError } from '../../../electron/http/errors';
import {
  MAX_EVENT_BYTES,
  REQUEST_DEADLINE_ENV,
  REQUEST_DEADLINE_MS,
  requestDeadlineMs,
  STREAM_IDLE_ENV,
  STREAM_IDLE_TIMEOUT_MS,
  streamIdleMs,
} from '../../../electron/http/limits';
import { AnswerBudget, limitAnswer, MAX_ANSWER_CHARS } from '../../../electron/providers/limits';
import { toolCallsFromText } from '../../../electron/providers/openai-compatible/tool-fallback';
import type { StreamEvent } from '../../../electron/providers/traits';

const encoder = new TextEncoder();

async function* pieces(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = encoder.encode(text);
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function collect<T>(values: AsyncIterable<T>): Promise<{ values: T[]; error?: Error }> {
  const out: T[] = [];
  try {
    for await (const value of values) out.push(value);
  } catch (error) {
    return { values: out, error: error as Error };
  }
  return { values: out };
}

describe('an SSE event may be at most MAX_EVENT_BYTES', () => {
  const small = 'data: {"ok":true}\n\n';

  it('stops at one line over the limit, after the events before it, however the bytes are cut', async () => {
    const wire = `${small}data: ${'x'.repeat(MAX_EVENT_BYTES + 10)}\n\n${small}`;
    for (const size of [333, 4096, 65_536, wire.length]) {
      const { values, error } = await collect(sseEvents(Object.assign(pieces(wire, size), { provider: 'Hostile' })));
      expect(values.map((e) => e.data).slice(0, 1)).toEqual(['{"ok":true}']);
      expect(values.every((e) => e.data.length < MAX_EVENT_BYTES)).toBe(true);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error?.message).toMatch(/^Hostile sent a stream event or line larger than 1 MB; the stream was stopped/);
    }
  });

  it('counts the lines of one event together', async () => {
    const line = `data: ${'y'.repeat(1000)}\n`;
    const wire = `${line.repeat(Math.ceil(MAX_EVENT_BYTES / 1000) + 5)}\n`;
    const { values, error } = await collect(sseEvents(pieces(wire, 65_536)));
    expect(values).toEqual([]);
    expect(error?.message).toMatch(/larger than 1 MB/);
  });

  it('lets an event just under the limit through whole', () => {
    const data = 'z'.repeat(MAX_EVENT_BYTES - 100);
    const decoder = new SseDecoder();
    const events = [
      ...decoder.feed(encoder.encode(`data: ${data.slice(0, 500_000)}`)),
      ...decoder.feed(encoder.encode(`${data.slice(500_000)}\n\n`)),
    ];
    expect(events).toEqual([{ data }]);
  });

  it('tells the idle watch about data events only, not comments or pings', () => {
    let data = 0;
    const decoder = new SseDecoder({ dataArrived: () => (data += 1) });
    decoder.feed(encoder.encode(': keep-alive\n\nevent: ping\ndata: {"type":"ping"}\n\n: again\n\n'));
    expect(data).toBe(0);
    decoder.feed(encoder.encode('data: {"token":"hi"}\n\n'));
    expect(data).toBe(1);
  });
});

describe('an NDJSON line may be at most MAX_EVENT_BYTES', () => {
  it('stops at the line over the limit, whether it spans reads or not', async () => {
    const long = `{"text":"${'x'.repeat(MAX_EVENT_BYTES)}"}`;
    const wire = `{"n":1}\n${long}\n{"n":2}\n`;
    for (const size of [1000, 65_536, 3 * MAX_EVENT_BYTES]) {
      const { values, error } = await collect(ndjsonValues(Object.assign(pieces(wire, size), { provider: 'Ollama' })));
      expect(values).toEqual([{ n: 1 }]);
      expect(error?.message).toMatch(/^Ollama sent a line larger than 1 MB/);
    }
  });

  it('does not count blank lines as data for the idle watch', async () => {
    let data = 0;
    const { values } = await collect(ndjsonValues(Object.assign(pieces('\n\n{"n":1}\n\n', 3), { dataArrived: () => (data += 1) })));
    expect(values).toEqual([{ n: 1 }]);
    expect(data).toBe(1);
  });
});

describe('the answer cap', () => {
  async function* events(list: StreamEvent[]): AsyncGenerator<StreamEvent> {
    yield* list;
  }

  it('delivers what fits, cut without splitting a character, then says the answer was too long', async () => {
    const closed: string[] = [];
    async function* source(): AsyncGenerator<StreamEvent> {
      try {
        yield { type: 'text', delta: 'abcd' };
        yield { type: 'reasoning', delta: 'ef' };
        yield { type: 'text', delta: 'g😀h' };
        yield { type: 'text', delta: 'never read' };
      } finally {
        closed.push('source');
      }
    }
    const { values, error } = await collect(limitAnswer(source(), 'Hostile', 7));
    expect(values).toEqual([
      { type: 'text', delta: 'abcd' },
      { type: 'reasoning', delta: 'ef' },
      { type: 'text', delta: 'g' },
    ]);
    expect(error?.message).toMatch(/^Hostile: the answer is too long \(over 0 KB of text\); it was stopped there and what arrived is kept/);
    expect(closed).toEqual(['source']);
  });

  it('counts tool input and passes usage and done through untouched', async () => {
    const ok = await collect(
      limitAnswer(
        events([
          { type: 'usage', usage: { outputTokens: 3 } },
          { type: 'done', finishReason: 'stop' },
        ]),
        'P',
        1,
      ),
    );
    expect(ok).toEqual({
      values: [
        { type: 'usage', usage: { outputTokens: 3 } },
        { type: 'done', finishReason: 'stop' },
      ],
    });
    const tools = await collect(limitAnswer(events([{ type: 'tool_call', call: { id: '1', name: 'f', arguments: '{"a":1}' } }]), 'P', 5));
    expect(tools.values).toEqual([]);
    expect(tools.error).toBeInstanceOf(ProviderError);
  });

  it('bounds a prompt-guided <tool_call> block that never closes', async () => {
    async function* endless(): AsyncGenerator<StreamEvent> {
      yield { type: 'text', delta: 'Calling it: <tool_call>{"name":"write_file","arguments":{"text":"' };
      for (;;) yield { type: 'text', delta: 'x'.repeat(1024) };
    }
    const { values, error } = await collect(toolCallsFromText(endless(), () => 'call_1', 'GLM'));
    const held = values.reduce((n, event) => n + (event.type === 'text' ? event.delta.length : 0), 0);
    // What the scanner gives back as text may carry the block's own tags around it.
    expect(held).toBeLessThan(MAX_ANSWER_CHARS + 100);
    expect(error?.message).toMatch(/^GLM: the answer is too long \(over 4 MB of text\)/);
  });

  it('also bounds tool input an adapter assembles before it can emit it', () => {
    const budget = new AnswerBudget('Anthropic');
    budget.spend(MAX_ANSWER_CHARS);
    expect(() => budget.spend(1)).toThrow(/^Anthropic: the answer is too long \(over 4 MB of text\)/);
  });
});

describe('the timeouts', () => {
  it('default to REQUEST_DEADLINE_MS and STREAM_IDLE_TIMEOUT_MS, and take an override in milliseconds from the env', () => {
    expect(REQUEST_DEADLINE_MS).toBe(30 * 60_000);
    expect(STREAM_IDLE_TIMEOUT_MS).toBe(120_000);
    expect(requestDeadlineMs({})).toBe(REQUEST_DEADLINE_MS);
    expect(streamIdleMs({})).toBe(STREAM_IDLE_TIMEOUT_MS);
    expect(requestDeadlineMs({ [REQUEST_DEADLINE_ENV]: '7200000' })).toBe(7_200_000);
    expect(streamIdleMs({ [STREAM_IDLE_ENV]: '300000' })).toBe(300_000);
    for (const bad of ['', '0', '-5', 'soon', 'Infinity']) {
      expect(requestDeadlineMs({ [REQUEST_DEADLINE_ENV]: bad })).toBe(REQUEST_DEADLINE_MS);
      expect(streamIdleMs({ [STREAM_IDLE_ENV]: bad })).toBe(STREAM_IDLE_TIMEOUT_MS);
    }
  });
});
