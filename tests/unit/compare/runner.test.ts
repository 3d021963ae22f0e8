import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CompareRun } from '../../../shared/api/compare';
import type { Target } from '../../../shared/types';
import { AppError } from '../../../electron/errors';
import type { AttemptTrace } from '../../../shared/types';
import type { ChatRequest, StreamEvent, TracedStream } from '../../../electron/providers/traits';
import { CompareRunner, type CompareSource } from '../../../electron/services/compare/runner';
import { CompareStore } from '../../../electron/services/compare/store';

/** A stream with the attempt trace a resolved target's stream carries (none, unless given). */
function traced(events: AsyncIterable<StreamEvent>, attempts: AttemptTrace[] = []): TracedStream {
  return { attempts, [Symbol.asyncIterator]: () => events[Symbol.asyncIterator]() };
}

/** A scripted stream: each step advances the shared fake clock, then yields an event. */
type Step = { after: number; event: StreamEvent } | { after: number; fail: Error } | { hang: true };

class Clock {
  t = 0;
  now = () => this.t;
}

function scripted(
  clock: Clock,
  label: string,
  steps: Step[],
  options: { local?: boolean; price?: CompareSource['price']; attempts?: AttemptTrace[] } = {},
): CompareSource & { calls: number; sawAbort: boolean; hanging: Promise<void> } {
  const reachedHang = Promise.withResolvers<void>();
  const source = {
    label,
    model: `${label}-model`,
    local: options.local ?? false,
    price: options.price,
    calls: 0,
    sawAbort: false,
    /** Settles once the stream has sent everything before its hang step. */
    hanging: reachedHang.promise,
    stream: (request: Omit<ChatRequest, 'model'>) => traced(play(request.signal!), options.attempts),
  };
  async function* play(signal: AbortSignal): AsyncGenerator<StreamEvent> {
    source.calls += 1;
    for (const step of steps) {
      if ('hang' in step) {
        reachedHang.resolve();
        await new Promise<void>((_, reject) =>
          signal.addEventListener('abort', () => {
            source.sawAbort = true;
            reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
          }),
        );
      } else {
        clock.t += step.after;
        if ('fail' in step) throw step.fail;
        yield step.event;
      }
    }
  }
  return source;
}

const text = (after: number, delta: string): Step => ({ after, event: { type: 'text', delta } });
const target = (profileId: string): Target => ({ kind: 'profile', profileId, model: 'm' });

describe('compare runner', () => {
  let dataDir: string;
  let clock: Clock;
  let events: Array<{ event: string; payload: unknown }>;
  let sources: Record<string, CompareSource>;
  let runner: CompareRunner;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-compare-'));
    clock = new Clock();
    events = [];
    sources = {};
    runner = new CompareRunner({
      resolve: async (t) => {
        const source = t.kind === 'profile' ? sources[t.profileId] : undefined;
        if (!source) throw new AppError('not_found', `The profile ${t.kind === 'profile' ? t.profileId : ''} was deleted.`);
        return source;
      },
      emit: ((event: string, payload: unknown) => events.push({ event, payload })) as never,
      store: new CompareStore(dataDir),
      clock: clock.now,
      flushMs: 1,
    });
  });

  afterEach(async () => {
    await runner.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('streams every column and computes exact metrics from the clock', async () => {
    sources.fast = scripted(
      clock,
      'fast',
      [
        text(100, 'aaaa'),
        text(100, 'bbbb'),
        text(100, 'cccc'),
        { after: 0, event: { type: 'usage', usage: { inputTokens: 10, outputTokens: 3 } } },
      ],
      { price: { inputPerMTok: 1, outputPerMTok: 2 } },
    );
    sources.single = scripted(
      clock,
      'single',
      [text(40, 'whole answer at once'), { after: 0, event: { type: 'usage', usage: { inputTokens: 10, outputTokens: 5 } } }],
      { price: { inputPerMTok: 10, outputPerMTok: 20 } },
    );
    const started = await runner.start({ prompt: 'hi', targets: [target('fast'), target('single')] });
    expect(started.columns.map((c) => c.label)).toEqual(['fast', 'single']);
    const run = await runner.whenFinished(started.runId);
    const [fast, single] = run.columns as [CompareRun['columns'][0], CompareRun['columns'][0]];
    expect(fast.status).toBe('done');
    expect(fast.text).toBe('aaaabbbbcccc');
    expect(single.text).toBe('whole answer at once');
    // Both columns run at once on one clock: the exact figures are asserted in the metrics tests;
    // here, what a user sees: a single-chunk answer gets no rate, the streamed one does.
    expect(single.metrics!.tokensPerSecond).toBeNull();
    expect(fast.metrics!.outputTokens).toBe(3);
    expect(fast.metrics!.tokensPerSecond).not.toBeNull();
    expect(fast.metrics!.costUsd).toBeCloseTo((10 * 1 + 3 * 2) / 1e6, 12);
    expect(run.badges.cheapest).toBe('c1');
  });

  it('runs one at a time when asked, with exact per-column timings', async () => {
    sources.a = scripted(clock, 'a', [text(200, 'x1'), text(100, 'x2'), text(100, 'x3')], { local: true });
    sources.b = scripted(clock, 'b', [text(50, 'y1'), text(50, 'y2'), text(50, 'y3')], { local: true });
    const started = await runner.start({ prompt: 'p', targets: [target('a'), target('b')] });
    expect(started.oneAtATime).toBe(true);
    const run = await runner.whenFinished(started.runId);
    expect(run.columns[0]!.metrics).toMatchObject({ ttftMs: 200, generationMs: 200, totalMs: 400 });
    expect(run.columns[1]!.metrics).toMatchObject({ ttftMs: 50, generationMs: 100, totalMs: 150 });
    expect(run.badges.fastestTtft).toBe('c2');
    // Column b did not start before column a finished.
    const statuses = events
      .filter((e) => e.event === 'compare.column')
      .map(
        (e) =>
          `${(e.payload as { column: { columnId: string; status: string } }).column.columnId}:${(e.payload as { column: { status: string } }).column.status}`,
      );
    expect(statuses.indexOf('c2:waiting')).toBeGreaterThan(statuses.indexOf('c1:done'));
  });

  it('times a reasoning model from its first reasoning token, with reasoning tokens apart', async () => {
    const thinking = (after: number, delta: string): Step => ({ after, event: { type: 'reasoning', delta } });
    sources.r = scripted(
      clock,
      'r',
      [
        thinking(300, 'hmm '),
        thinking(100, 'let me see '),
        text(400, 'Answer'),
        text(100, ' here'),
        { after: 0, event: { type: 'usage', usage: { inputTokens: 7, outputTokens: 40, reasoningTokens: 30 } } },
      ],
      { local: true },
    );
    sources.s = scripted(clock, 's', [text(50, 'one chunk only')], { local: true });
    const started = await runner.start({ prompt: 'p', targets: [target('r'), target('s')], oneAtATime: true });
    const run = await runner.whenFinished(started.runId);
    const [r, s] = run.columns as [CompareRun['columns'][0], CompareRun['columns'][0]];
    expect(r.reasoning).toBe('hmm let me see ');
    expect(r.text).toBe('Answer here');
    // TTFT is the first reasoning token at 300 ms, not the first answer token at 800 ms.
    expect(r.metrics).toMatchObject({
      ttftMs: 300,
      generationMs: 600,
      totalMs: 900,
      outputTokens: 40,
      reasoningTokens: 30,
      reasoningTokensEstimated: false,
    });
    // 40 tokens over 26 characters; those after the first chunk (22 of 26) took 600 ms.
    expect(r.metrics!.tokensPerSecond).toBeCloseTo((40 * (22 / 26)) / 0.6, 9);
    expect(s.metrics).toMatchObject({ ttftMs: 50, tokensPerSecond: null, outputTokensEstimated: true });
  });

  it('suggests one-at-a-time only when two or more targets are local', async () => {
    sources.l1 = scripted(clock, 'l1', [], { local: true });
    sources.l2 = scripted(clock, 'l2', [], { local: true });
    sources.cloud = scripted(clock, 'cloud', []);
    expect((await runner.plan([target('l1'), target('cloud')])).suggestOneAtATime).toBe(false);
    expect((await runner.plan([target('l1'), target('l2'), target('cloud')])).suggestOneAtATime).toBe(true);
    expect((await runner.plan([target('gone'), target('cloud')])).columns[0]!.problem).toContain('was deleted');
  });

  it("keeps one column's failure in that column", async () => {
    sources.ok = scripted(clock, 'ok', [text(10, 'fine'), text(10, ' answer'), text(10, '.')]);
    sources.bad = scripted(clock, 'bad', [
      { after: 5, fail: Object.assign(new AppError('rate_limit', 'Too many requests; retry in 20 s.'), { errorClass: 'rate_limit' }) },
    ]);
    const started = await runner.start({ prompt: 'p', targets: [target('ok'), target('bad'), target('deleted')] });
    const run = await runner.whenFinished(started.runId);
    expect(run.columns.map((c) => c.status)).toEqual(['done', 'error', 'error']);
    expect(run.columns[0]!.text).toBe('fine answer.');
    expect(run.columns[1]!.error).toMatchObject({
      code: 'rate_limit',
      errorClass: 'rate_limit',
      message: 'Too many requests; retry in 20 s.',
    });
    expect(run.columns[2]!.error!.message).toContain('was deleted');
    expect(run.badges).toEqual({});
  });

  it('shows the attempts behind each column, answered or failed', async () => {
    const attempt = (provider: string, outcome: 'success' | 'error'): AttemptTrace => ({
      provider,
      profileId: provider,
      model: 'm',
      startedAt: 1,
      durationMs: 2,
      outcome,
      ...(outcome === 'error' && { errorClass: 'server' as const, message: 'Upstream 503' }),
    });
    sources.chain = scripted(clock, 'chain', [text(10, 'from the fallback')], {
      attempts: [attempt('A', 'error'), attempt('B', 'success')],
    });
    sources.bad = scripted(clock, 'bad', [{ after: 5, fail: new AppError('server', 'Upstream 503') }], {
      attempts: [attempt('C', 'error')],
    });
    const started = await runner.start({ prompt: 'p', targets: [target('chain'), target('bad')] });
    const run = await runner.whenFinished(started.runId);
    expect(run.columns[0]!.attempts.map((a) => `${a.provider} ${a.outcome}`)).toEqual(['A error', 'B success']);
    expect(run.columns[1]).toMatchObject({ status: 'error', attempts: [{ provider: 'C', outcome: 'error', errorClass: 'server' }] });
  });

  it('stops one column and keeps its partial answer while the others finish', async () => {
    sources.hang = scripted(clock, 'hang', [text(10, 'partial'), { hang: true }]);
    sources.ok = scripted(clock, 'ok', [text(10, 'a'), text(10, 'b'), text(10, 'c')]);
    const started = await runner.start({ prompt: 'p', targets: [target('hang'), target('ok')] });
    await (sources.hang as ReturnType<typeof scripted>).hanging;
    runner.stop(started.runId, 'c1');
    const run = await runner.whenFinished(started.runId);
    expect(run.columns[0]).toMatchObject({ status: 'stopped', text: 'partial' });
    expect(run.columns[1]).toMatchObject({ status: 'done', text: 'abc' });
    expect((sources.hang as ReturnType<typeof scripted>).sawAbort).toBe(true);
  });

  it('re-runs one column and saves the run', async () => {
    let attempt = 0;
    sources.flaky = {
      label: 'flaky',
      model: 'm',
      local: false,
      stream: () =>
        traced(
          (async function* (): AsyncGenerator<StreamEvent> {
            attempt += 1;
            if (attempt === 1) throw new AppError('server', 'Upstream 503');
            clock.t += 10;
            yield { type: 'text', delta: 'second time lucky' };
          })(),
        ),
    };
    sources.ok = scripted(clock, 'ok', [text(10, 'ok')]);
    const started = await runner.start({ prompt: 'p', targets: [target('flaky'), target('ok')] });
    expect((await runner.whenFinished(started.runId)).columns[0]!.status).toBe('error');
    await runner.rerun(started.runId, 'c1');
    const run = await runner.whenFinished(started.runId);
    expect(run.columns[0]).toMatchObject({ status: 'done', text: 'second time lucky' });
    expect(run.columns[0]!.error).toBeUndefined();
    const saved = await new CompareStore(dataDir).get(started.runId);
    expect(saved.columns[0]!.text).toBe('second time lucky');
  });

  it('batches deltas instead of sending one event per chunk', async () => {
    sources.many = scripted(
      clock,
      'many',
      Array.from({ length: 200 }, (_, i) => text(1, `t${i} `)),
    );
    sources.ok = scripted(clock, 'ok', [text(1, 'x')]);
    const started = await runner.start({ prompt: 'p', targets: [target('many'), target('ok')] });
    const run = await runner.whenFinished(started.runId);
    const deltas = events.filter((e) => e.event === 'compare.delta' && (e.payload as { columnId: string }).columnId === 'c1');
    expect(deltas.length).toBeLessThan(200);
    expect(deltas.map((e) => (e.payload as { text: string }).text).join('')).toBe(run.columns[0]!.text);
  });

  it('saves finished runs, lists them newest first and records a vote', async () => {
    sources.a = scripted(clock, 'a', [text(1, 'x')]);
    sources.b = scripted(clock, 'b', [text(1, 'y')]);
    const started = await runner.start({ prompt: 'first prompt', targets: [target('a'), target('b')] });
    await runner.whenFinished(started.runId);
    await runner.vote(started.runId, 'c2');
    const store = new CompareStore(dataDir);
    expect((await store.get(started.runId)).votedColumnId).toBe('c2');
    expect((await store.list()).map((r) => r.prompt)).toEqual(['first prompt']);
    expect(await readdir(path.join(dataDir, 'compare'))).toEqual([`${started.runId}.json`]);
  });
});
