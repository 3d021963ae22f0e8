import { describe, expect, it } from 'vitest';
import { awardBadges } from '../../../electron/services/compare/badges';
import { computeColumnMetrics, estimateTokens, type TimedDelta } from '../../../electron/services/stream/metrics';

/** Deltas of `chars` characters arriving every `gap` ms, the first at `first`. */
function steady(count: number, first: number, gap: number, chars = 8, kind: TimedDelta['kind'] = 'text'): TimedDelta[] {
  return Array.from({ length: count }, (_, i) => ({ at: first + i * gap, kind, chars }));
}

describe('comparison metrics', () => {
  it('measures TTFT, generation and total time from the timeline', () => {
    const m = computeColumnMetrics({
      requestStartedAt: 1000,
      deltas: steady(11, 1250, 100),
      finishedAt: 2300,
      usage: { inputTokens: 20, outputTokens: 22 },
    });
    expect(m.ttftMs).toBe(250);
    expect(m.generationMs).toBe(1000);
    expect(m.totalMs).toBe(1300);
    expect(m.outputTokens).toBe(22);
    expect(m.outputTokensEstimated).toBe(false);
    // 22 tokens over 11 equal chunks: the 20 after the first arrived within the 1 s window.
    expect(m.tokensPerSecond).toBeCloseTo(20, 10);
  });

  it('gives no rate for a single-chunk answer instead of an absurd figure', () => {
    const m = computeColumnMetrics({
      requestStartedAt: 0,
      deltas: [{ at: 300, kind: 'text', chars: 400 }],
      finishedAt: 301,
      usage: { outputTokens: 100 },
    });
    expect(m.tokensPerSecond).toBeNull();
    expect(m.rateUnavailableReason).toContain('only 1 chunk');
    expect(m.ttftMs).toBe(300);
    expect(m.generationMs).toBe(0);
  });

  it('gives no rate when many chunks arrive within timer noise', () => {
    const m = computeColumnMetrics({ requestStartedAt: 0, deltas: steady(10, 100, 2), finishedAt: 130, usage: { outputTokens: 40 } });
    expect(m.tokensPerSecond).toBeNull();
    expect(m.rateUnavailableReason).toContain('too fast to time');
  });

  it('counts reasoning toward TTFT and the rate, and reports reasoning tokens apart', () => {
    const deltas = [...steady(5, 200, 100, 8, 'reasoning'), ...steady(5, 700, 100, 8, 'text')];
    const m = computeColumnMetrics({ requestStartedAt: 0, deltas, finishedAt: 1200, usage: { outputTokens: 30, reasoningTokens: 12 } });
    expect(m.ttftMs).toBe(200);
    expect(m.reasoningTokens).toBe(12);
    expect(m.reasoningTokensEstimated).toBe(false);
    expect(m.generationMs).toBe(900);
    expect(m.tokensPerSecond).toBeCloseTo((30 * 0.9) / 0.9, 10);
  });

  it('estimates tokens when the provider reports no usage, and says so', () => {
    const m = computeColumnMetrics({ requestStartedAt: 0, deltas: steady(4, 100, 100, 40), finishedAt: 500, promptChars: 80 });
    expect(m.outputTokens).toBe(estimateTokens(160));
    expect(m.outputTokensEstimated).toBe(true);
    expect(m.inputTokens).toBe(20);
    expect(m.inputTokensEstimated).toBe(true);
  });

  it('prices a column from the price table, marking estimated costs', () => {
    const exact = computeColumnMetrics(
      { requestStartedAt: 0, deltas: steady(3, 100, 100), finishedAt: 400, usage: { inputTokens: 1_000, outputTokens: 2_000 } },
      { inputPerMTok: 3, outputPerMTok: 15 },
    );
    expect(exact.costUsd).toBeCloseTo(0.003 + 0.03, 12);
    expect(exact.costEstimated).toBe(false);
    const estimated = computeColumnMetrics(
      { requestStartedAt: 0, deltas: steady(3, 100, 100, 40), finishedAt: 400, promptChars: 400 },
      { inputPerMTok: 1, outputPerMTok: 2 },
    );
    expect(estimated.costUsd).toBeCloseTo((100 * 1 + 30 * 2) / 1e6, 12);
    expect(estimated.costEstimated).toBe(true);
    const unpriced = computeColumnMetrics({
      requestStartedAt: 0,
      deltas: steady(3, 100, 100),
      finishedAt: 400,
      usage: { inputTokens: 1, outputTokens: 1 },
    });
    expect(unpriced.costUsd).toBeNull();
  });

  it('reports no TTFT when nothing arrived', () => {
    const m = computeColumnMetrics({ requestStartedAt: 0, deltas: [], finishedAt: 5000 });
    expect(m.ttftMs).toBeNull();
    expect(m.tokensPerSecond).toBeNull();
    expect(m.outputTokens).toBe(0);
  });
});

describe('badges', () => {
  const metrics = (ttftMs: number, tokensPerSecond: number | null, costUsd: number | null) =>
    ({ ttftMs, tokensPerSecond, costUsd }) as ReturnType<typeof computeColumnMetrics>;

  it('go to the fastest TTFT, the fastest rate and the cheapest successful column', () => {
    const badges = awardBadges([
      { columnId: 'a', ok: true, metrics: metrics(300, 40, 0.002) },
      { columnId: 'b', ok: true, metrics: metrics(120, 25, 0.01) },
      { columnId: 'c', ok: true, metrics: metrics(500, 90, null) },
      { columnId: 'd', ok: false, metrics: metrics(10, 500, 0) },
    ]);
    expect(badges).toEqual({ fastestTtft: 'b', fastestRate: 'c', cheapest: 'a' });
  });

  it('are not awarded with fewer than two comparable columns or on a tie', () => {
    expect(
      awardBadges([
        { columnId: 'a', ok: true, metrics: metrics(100, null, 0.1) },
        { columnId: 'b', ok: true, metrics: metrics(100, 30, null) },
      ]),
    ).toEqual({ fastestTtft: undefined, fastestRate: undefined, cheapest: undefined });
  });
});
