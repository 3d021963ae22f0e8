// The one stream consumer chat and compare read answers with: what it keeps, what it hands on, and
// what a stopped or failed answer looks like.
import { describe, expect, it } from 'vitest';
import type { AttemptTrace } from '../../../shared/types';
import { AppError } from '../../../electron/errors';
import type { StreamEvent, TracedStream } from '../../../electron/providers/traits';
import { consumeAnswer, type AnswerSource } from '../../../electron/services/stream/consumer';

const attempt = (outcome: AttemptTrace['outcome'], extra: Partial<AttemptTrace> = {}): AttemptTrace => ({
  provider: 'P',
  profileId: 'p',
  model: 'm',
  startedAt: 0,
  durationMs: 1,
  outcome,
  ...extra,
});

/** A source whose stream plays `events` (each after `tick` ms of the fake clock) with `attempts` as its trace. */
function source(
  events: StreamEvent[],
  attempts: AttemptTrace[],
  clock: { t: number },
  tail?: (signal: AbortSignal) => Promise<void>,
): AnswerSource {
  return {
    price: { inputPerMTok: 1, outputPerMTok: 2 },
    stream: (request): TracedStream => ({
      attempts,
      async *[Symbol.asyncIterator]() {
        for (const event of events) {
          clock.t += 100;
          yield event;
        }
        await tail?.(request.signal!);
      },
    }),
  };
}

const ask = { messages: [{ role: 'user' as const, content: 'four' }] };

describe('the stream consumer', () => {
  it('keeps the whole answer, hands it on in batches, and returns the trace and metrics', async () => {
    const clock = { t: 0 };
    const batches: string[] = [];
    const events: StreamEvent[] = [
      { type: 'reasoning', delta: 'hm ' },
      { type: 'text', delta: 'one ' },
      { type: 'text', delta: '' },
      { type: 'text', delta: 'two' },
      { type: 'usage', usage: { inputTokens: 3, outputTokens: 5 } },
    ];
    const answer = await consumeAnswer(
      source(events, [attempt('success')], clock),
      { ...ask, signal: new AbortController().signal },
      { onDelta: (text, reasoning) => batches.push(reasoning + text) },
      { clock: () => clock.t, flushMs: 60_000 },
    );
    expect(answer).toMatchObject({ status: 'done', text: 'one two', reasoning: 'hm ', attempts: [{ outcome: 'success' }] });
    // Nothing was due within the interval, so everything went out once, at the end.
    expect(batches).toEqual(['hm one two']);
    expect(answer.metrics).toMatchObject({
      ttftMs: 100,
      totalMs: 500,
      chunks: 3,
      outputTokens: 5,
      inputTokens: 3,
      costUsd: (3 * 1 + 5 * 2) / 1_000_000,
    });
  });

  it("makes a target that cannot be resolved the answer's error, with no attempts", async () => {
    const answer = await consumeAnswer(
      Promise.reject(new AppError('not_found', 'That chain no longer exists.')),
      { ...ask, signal: new AbortController().signal },
      { onDelta: () => undefined },
    );
    expect(answer).toMatchObject({ status: 'error', text: '', attempts: [] });
    expect((answer.error as AppError).code).toBe('not_found');
  });

  it('calls an answer stopped when Stop ends it, even quietly, and the attempt it cut short no failure', async () => {
    const clock = { t: 0 };
    const stop = new AbortController();
    const trace = [attempt('error', { errorClass: 'cancelled', status: 499, message: 'The request was cancelled.' })];
    // This stream ends quietly when stopped instead of throwing.
    const quiet = source(
      [{ type: 'text', delta: 'partial' }],
      trace,
      clock,
      (signal) => new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve()))),
    );
    const answer = consumeAnswer(quiet, { ...ask, signal: stop.signal }, { onDelta: () => undefined, onFirstDelta: () => stop.abort() });
    expect(await answer).toMatchObject({
      status: 'stopped',
      text: 'partial',
      attempts: [{ outcome: 'stopped', message: 'Stopped by you.' }],
    });
    expect((await answer).attempts[0]).not.toHaveProperty('errorClass');
    expect((await answer).attempts[0]).not.toHaveProperty('status');
  });

  it('never hands on a key that a model echoes, even when it is split between two batches', async () => {
    const key = 'sk-proj-Zq7Rk2Lm9Pw4Xt8Vb3Nc6Hd1Jf5Gs0Ya';
    const pieces = ['Your key is ', key.slice(0, 15), key.slice(15), ' — keep it safe.'];
    const batches: string[] = [];
    const splitting: AnswerSource = {
      stream: (): TracedStream => ({
        attempts: [attempt('success')],
        async *[Symbol.asyncIterator]() {
          for (const delta of pieces) {
            yield { type: 'text', delta } satisfies StreamEvent;
            // Let the flush timer (0 ms, queued first) hand this piece on before the next arrives.
            await new Promise((resolve) => setTimeout(resolve, 1));
          }
        },
      }),
    };
    const answer = await consumeAnswer(
      splitting,
      { ...ask, signal: new AbortController().signal },
      { onDelta: (text) => batches.push(text) },
      { flushMs: 0 },
    );
    expect(answer.status).toBe('done');
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.join('')).not.toContain(key.slice(0, 15));
    expect(batches.join('')).not.toContain(key.slice(15));
    expect(batches.join('')).toMatch(/^Your key is .+ — keep it safe\.$/);
  });
});
