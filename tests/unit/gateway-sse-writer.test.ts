// How the gateway's stream writer hands bytes to the socket: a turn's small events as one write, a
// long burst in pieces as it is encoded (so the client reads while the rest is encoded), every byte
// intact and in order across the pieces, and a promise to wait on while the client is not keeping up.
import { EventEmitter } from 'node:events';
import type http from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { FLUSH_BYTES, sseWriter } from '../../electron/gateway/sse-writer';

/** The part of a ServerResponse the writer uses, recording each write. */
function recordingResponse(accepts: () => boolean = () => true) {
  const emitter = new EventEmitter();
  const writes: Buffer[] = [];
  const res = Object.assign(emitter, {
    destroyed: false,
    write(bytes: Buffer) {
      writes.push(Buffer.from(bytes));
      return accepts();
    },
  });
  return { res: res as unknown as http.ServerResponse, writes, emit: (event: string) => emitter.emit(event) };
}

const event = (i: number) => `data: {"choices":[{"delta":{"content":"tok${i} é 🚀"}}]}\n\n`;

describe('the gateway stream writer', () => {
  it('sends the small events of one turn as a single write, after the turn', async () => {
    const { res, writes } = recordingResponse();
    const out = sseWriter(res);
    const texts = Array.from({ length: 50 }, (_, i) => event(i));
    for (const text of texts) out.write(text);
    expect(writes).toHaveLength(0);
    await nextTurn();
    expect(writes).toHaveLength(1);
    expect(writes[0]!.toString('utf8')).toBe(texts.join(''));
  });

  it('sends a long burst in pieces while it is still being encoded, each byte intact and in order', async () => {
    const { res, writes } = recordingResponse();
    const out = sseWriter(res);
    const texts = Array.from({ length: 4000 }, (_, i) => event(i));
    const total = Buffer.byteLength(texts.join(''));
    let writesAtHalf = 0;
    texts.forEach((text, i) => {
      out.write(text);
      if (i === texts.length / 2) writesAtHalf = writes.length;
    });
    // Half the burst in, the client already has most of that half.
    expect(writesAtHalf).toBeGreaterThanOrEqual(Math.floor(total / 2 / FLUSH_BYTES) - 1);
    const longest = Math.max(...texts.map((text) => Buffer.byteLength(text)));
    for (const piece of writes) expect(piece.length).toBeLessThan(FLUSH_BYTES + longest);
    await out.flush();
    // Multi-byte characters cut across pieces come back whole once the pieces are joined.
    expect(Buffer.concat(writes).toString('utf8')).toBe(texts.join(''));
  });

  it('asks the caller to wait while the client is not keeping up, and lets it go on drain', async () => {
    let accepting = false;
    const { res, writes, emit } = recordingResponse(() => accepting);
    const out = sseWriter(res);
    const texts = Array.from({ length: 1000 }, (_, i) => event(i));
    let wait: Promise<void> | undefined;
    for (const text of texts) wait = out.write(text) ?? wait;
    expect(writes.length).toBeGreaterThan(0);
    expect(wait).toBeInstanceOf(Promise);
    let released = false;
    void wait!.then(() => (released = true));
    await nextTurn();
    expect(released).toBe(false);
    accepting = true;
    emit('drain');
    await wait;
    expect(released).toBe(true);
    await out.flush();
    expect(Buffer.concat(writes).toString('utf8')).toBe(texts.join(''));
  });
});
