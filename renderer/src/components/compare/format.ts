import type { ColumnMetrics } from '../../../../shared/api/compare';

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function formatRate(metrics: ColumnMetrics | undefined): string {
  return metrics?.tokensPerSecond == null ? '—' : `${metrics.tokensPerSecond.toFixed(metrics.tokensPerSecond < 10 ? 1 : 0)}/s`;
}

export function formatTokens(metrics: ColumnMetrics | undefined): string {
  if (!metrics) return '—';
  return `${metrics.outputTokensEstimated ? '≈' : ''}${metrics.outputTokens}`;
}

export function formatCost(metrics: ColumnMetrics | undefined): string {
  if (!metrics || metrics.costUsd === null) return '—';
  const prefix = metrics.costEstimated ? '≈' : '';
  if (metrics.costUsd === 0) return `${prefix}free`;
  if (metrics.costUsd < 0.00001) return `<$0.00001`;
  return `${prefix}$${metrics.costUsd < 0.01 ? metrics.costUsd.toFixed(5) : metrics.costUsd.toFixed(4)}`;
}

/** The tooltips that say exactly how each figure is computed. */
export const METRIC_HELP = {
  ttft: 'Time to first token: from sending the request to the first piece of answer or reasoning.',
  rate: 'Tokens per second while generating: tokens after the first chunk, divided by the time from the first to the last token. Shown as — when too few chunks arrived to time it honestly.',
  tokens: "Output tokens, from the provider's usage report; ≈ marks our estimate (about 4 characters per token) when the provider reports none. Reasoning tokens are counted inside and shown apart.",
  total: 'Total time: from sending the request to the end of the answer.',
  cost: 'Input and output tokens priced from the price table (Settings). ≈ when it rests on estimated tokens; — when the model has no price.',
} as const;
