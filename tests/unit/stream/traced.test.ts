import { describe, expect, it } from 'vitest';
import { FaultyProvider } from '../../../electron/providers/faults';
import { ProviderError } from '../../../electron/http/errors';
import { tracedStream } from '../../../electron/services/stream/traced';
import type { StreamEvent } from '../../../electron/providers/traits';

const request = { model: 'm1', messages: [{ role: 'user' as const, content: 'hi' }] };

async function read(stream: AsyncIterable<StreamEvent>): Promise<{ text: string; error: unknown }> {
  let text = '';
  try {
    for await (const event of stream) if (event.type === 'text') text += event.delta;
    return { text, error: null };
  } catch (error) {
    return { text, error };
  }
}

describe('a traced stream (one profile, one attempt)', () => {
  it('passes the answer through and records one successful attempt when it ends', async () => {
    const provider = new FaultyProvider('Work', [{ kind: 'ok', text: 'one two three' }]);
    const stream = tracedStream(provider, { profileId: 'p1', keySlot: 2 }, request);
    expect(provider.calls).toHaveLength(0); // opens on the first read, not before
    const { text, error } = await read(stream);
    expect(error).toBeNull();
    expect(text).toBe('one two three');
    expect(stream.attempts).toEqual([
      expect.objectContaining({ provider: 'Work', profileId: 'p1', model: 'm1', keySlot: 2, outcome: 'success' }),
    ]);
  });

  it('records a failed attempt with its class and status, and hands the trace to the error', async () => {
    const provider = new FaultyProvider('Work', [{ kind: 'error', errorClass: 'rate_limit', status: 429, retryAfterMs: 3000 }]);
    const stream = tracedStream(provider, { profileId: 'p1' }, request);
    const { error } = await read(stream);
    expect(error).toBeInstanceOf(ProviderError);
    expect(stream.attempts).toEqual([
      expect.objectContaining({ outcome: 'error', errorClass: 'rate_limit', status: 429, retryAfterMs: 3000 }),
    ]);
    expect((error as ProviderError).attempts).toBe(stream.attempts);
  });

  it('keeps what arrived before a stream is cut, and records the cut', async () => {
    const provider = new FaultyProvider('Work', [{ kind: 'cut', afterChunks: 2 }]);
    const stream = tracedStream(provider, { profileId: 'p1' }, request);
    const { text, error } = await read(stream);
    expect(text).toBe('partial answer ');
    expect((error as ProviderError).errorClass).toBe('network');
    expect(stream.attempts.map((a) => a.outcome)).toEqual(['error']);
  });

  it('records nothing when the reader stops early, and reads nothing more after', async () => {
    const provider = new FaultyProvider('Work', [{ kind: 'ok', text: 'one two three' }]);
    const stream = tracedStream(provider, { profileId: 'p1' }, request);
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual({ type: 'text', delta: 'one ' });
    await iterator.return?.();
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(stream.attempts).toEqual([]);
  });
});
