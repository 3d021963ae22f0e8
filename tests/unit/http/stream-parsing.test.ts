// Stream parsing survives any chunk boundary: a UTF-8 character split across chunks, a `data:` line
// split, CRLF line ends, comments and keep-alives, a last event without a newline.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ndjsonValues } from '../../../electron/http/ndjson';
import { sseEvents } from '../../../electron/http/sse';

async function* pieces(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  let start = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    if (cut <= start || cut >= bytes.length) continue;
    yield bytes.subarray(start, cut);
    start = cut;
  }
  yield bytes.subarray(start);
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const payloads = fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { minLength: 1, maxLength: 8 });

describe('SSE parsing', () => {
  it('yields the same events for every way of cutting the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        payloads,
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.boolean(),
        fc.boolean(),
        async (texts, cuts, crlf, trailingNewline) => {
          const nl = crlf ? '\r\n' : '\n';
          let wire = `: keep-alive comment${nl}${nl}`;
          wire += texts.map((text) => `data: ${JSON.stringify({ t: `${text}é😀` })}${nl}${nl}`).join(`:ping${nl}${nl}`);
          wire += trailingNewline ? `data: [DONE]${nl}${nl}` : 'data: [DONE]';
          const bytes = new TextEncoder().encode(wire);
          const events = await collect(
            sseEvents(
              pieces(
                bytes,
                cuts.map((c) => c % (bytes.length + 1)),
              ),
            ),
          );
          expect(events.map((e) => e.data)).toEqual([...texts.map((text) => JSON.stringify({ t: `${text}é😀` })), '[DONE]']);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps multi-line data and event names', async () => {
    const bytes = new TextEncoder().encode('event: message_delta\ndata: {"a":\ndata: 1}\n\n');
    expect(await collect(sseEvents(pieces(bytes, [3, 17, 30])))).toEqual([{ event: 'message_delta', data: '{"a":\n1}' }]);
  });
});

describe('NDJSON parsing', () => {
  it('yields the same values for every way of cutting the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(payloads, fc.array(fc.nat(), { maxLength: 30 }), fc.boolean(), async (texts, cuts, trailingNewline) => {
        const lines = texts.map((text, i) => JSON.stringify({ i, message: { content: `${text}ü🚀` } }));
        const wire = lines.join('\n') + (trailingNewline ? '\n' : '');
        const bytes = new TextEncoder().encode(wire);
        const values = await collect(
          ndjsonValues(
            pieces(
              bytes,
              cuts.map((c) => c % (bytes.length + 1)),
            ),
          ),
        );
        expect(values).toEqual(lines.map((line) => JSON.parse(line)));
      }),
      { numRuns: 300 },
    );
  });

  it('names the broken line', async () => {
    await expect(collect(ndjsonValues(pieces(new TextEncoder().encode('{"ok":1}\n{broken\n'), [])))).rejects.toThrow(
      'Invalid JSON line in stream: {broken',
    );
  });
});
