import { describe, expect, it } from 'vitest';
import { flattenBatches, sseBatches } from '../../../electron/providers/core/batched';

describe('events handed out from per-chunk batches', () => {
  it('keeps the order across batches and skips empty ones', async () => {
    async function* batches() {
      yield [1, 2];
      yield [];
      yield [3];
    }
    const seen: number[] = [];
    for await (const value of flattenBatches(batches())) seen.push(value);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('closes the producer when the consumer stops early (the socket is released there)', async () => {
    let closed = false;
    async function* batches() {
      try {
        yield [1, 2, 3];
        yield [4];
      } finally {
        closed = true;
      }
    }
    for await (const value of flattenBatches(batches())) if (value === 2) break;
    expect(closed).toBe(true);
  });

  it("passes the producer's error on after the events before it", async () => {
    async function* batches(): AsyncGenerator<number[]> {
      yield [1];
      throw new Error('stream cut');
    }
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const value of flattenBatches(batches())) seen.push(value);
      })(),
    ).rejects.toThrow('stream cut');
    expect(seen).toEqual([1]);
  });

  it('delivers the events before an error event that arrived in the same network chunk, then the error', async () => {
    async function* oneChunk() {
      yield new TextEncoder().encode('data: Partial\n\ndata: ERROR\n\ndata: never\n\n');
    }
    const handle = ({ data }: { data: string }, out: string[]) => {
      if (data === 'ERROR') throw new Error('overloaded mid-stream');
      out.push(data);
    };
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const value of flattenBatches(sseBatches(oneChunk(), handle, () => ['done']))) seen.push(value);
      })(),
    ).rejects.toThrow('overloaded mid-stream');
    expect(seen).toEqual(['Partial']);
  });
});
