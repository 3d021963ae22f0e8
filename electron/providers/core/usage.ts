// Token counts as providers report them, made safe to compute with. Some send numbers as strings
// ("12"), some null, negative, fractional or "NaN"; a count that is not a finite, non-negative
// number is dropped, so the metrics estimate it (marked "≈") instead of carrying NaN into a cost.
// Every adapter maps its wire usage through `tokenUsage`.
import type { TokenUsage } from '../../../shared/types';

/** A token count from whatever the provider sent, or undefined when it is no count. */
export function tokenCount(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(number) && number >= 0 ? Math.round(number) : undefined;
}

/** Our usage from the provider's raw counts; the fields with no valid count are left out. */
export function tokenUsage(counts: { [K in keyof TokenUsage]?: unknown }): TokenUsage {
  const usage: TokenUsage = {};
  for (const field of ['inputTokens', 'outputTokens', 'cachedInputTokens', 'reasoningTokens'] as const) {
    const count = tokenCount(counts[field]);
    if (count !== undefined) usage[field] = count;
  }
  return usage;
}
