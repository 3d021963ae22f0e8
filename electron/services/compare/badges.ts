// The badges of a comparison: fastest first token, fastest rate, cheapest.
import type { ColumnMetrics } from '../../../shared/api/compare';

export interface ColumnOutcome {
  columnId: string;
  ok: boolean;
  metrics?: ColumnMetrics;
}

export interface Badges {
  fastestTtft?: string;
  fastestRate?: string;
  cheapest?: string;
}

/** Badges go to successful columns only, and only when at least two columns can be compared. */
export function awardBadges(columns: ColumnOutcome[]): Badges {
  const done = columns.filter((column) => column.ok && column.metrics);
  const best = (value: (m: ColumnMetrics) => number | null, lowest: boolean): string | undefined => {
    const candidates = done
      .map((column) => ({ id: column.columnId, value: value(column.metrics!) }))
      .filter((c): c is { id: string; value: number } => c.value !== null);
    if (candidates.length < 2) return undefined;
    candidates.sort((a, b) => (lowest ? a.value - b.value : b.value - a.value));
    // A tie is no win.
    return candidates[0]!.value === candidates[1]!.value ? undefined : candidates[0]!.id;
  };
  return {
    fastestTtft: best((m) => m.ttftMs, true),
    fastestRate: best((m) => m.tokensPerSecond, false),
    cheapest: best((m) => m.costUsd, true),
  };
}
