import { describe, expect, it } from 'vitest';
import { awardBadges } from '../../../electron/services/compare/badges';
import { computeColumnMetrics } from '../../../electron/services/stream/metrics';
import { LOCAL_SOURCE } from '../../../electron/services/prices';

const answer = (price?: Parameters<typeof computeColumnMetrics>[1]) =>
  computeColumnMetrics(
    {
      requestStartedAt: 0,
      deltas: [{ at: 100, kind: 'text', chars: 40 }],
      finishedAt: 200,
      usage: { inputTokens: 1_000, outputTokens: 500 },
    },
    price,
  );

describe('Cheapest with local and unknown prices', () => {
  it("gives Cheapest to a model on this machine at $0, carries each price's source, and never to a price nobody knows", () => {
    const local = answer({ inputPerMTok: 0, outputPerMTok: 0, source: LOCAL_SOURCE });
    const cloud = answer({ inputPerMTok: 0.15, outputPerMTok: 0.6, source: { kind: 'dataset', label: 'genai-prices 0.1.8' } });
    const unknown = answer();
    expect(local).toMatchObject({ costUsd: 0, costEstimated: false, priceSource: LOCAL_SOURCE });
    expect(cloud.costUsd).toBeCloseTo((1_000 * 0.15 + 500 * 0.6) / 1e6, 12);
    expect(unknown.costUsd).toBeNull();
    expect(unknown.priceSource).toBeUndefined();
    const columns = [
      { columnId: 'unknown', ok: true, metrics: unknown },
      { columnId: 'cloud', ok: true, metrics: cloud },
      { columnId: 'local', ok: true, metrics: local },
    ];
    expect(awardBadges(columns).cheapest).toBe('local');
    // Without the local one, the priced column wins; the unknown one is not taken as free.
    expect(awardBadges(columns.slice(0, 2)).cheapest).toBeUndefined();
    expect(
      awardBadges([...columns.slice(0, 2), { columnId: 'dearer', ok: true, metrics: answer({ inputPerMTok: 3, outputPerMTok: 15 }) }])
        .cheapest,
    ).toBe('cloud');
  });
});
