// How an answer's metrics read wherever they are shown (Chat footer, Compare column and chart),
// through the one formatter.
import type { ColumnMetrics } from '../../../shared/api/compare';
import { formatCount, formatDuration, formatMoney, formatRate } from '../format';

export const metricText = {
  ttft: (m: ColumnMetrics | undefined) => formatDuration(m?.ttftMs),
  total: (m: ColumnMetrics | undefined) => formatDuration(m?.totalMs),
  rate: (m: ColumnMetrics | undefined) => formatRate(m?.tokensPerSecond),
  tokens: (m: ColumnMetrics | undefined) => (m ? formatCount(m.outputTokens, m.outputTokensEstimated) : '—'),
  // No price known is said in words: "—" or "$0" would read as free.
  cost: (m: ColumnMetrics | undefined) =>
    !m ? '—' : m.costUsd === null && !m.priceSource ? 'price unknown' : formatMoney(m.costUsd, m.costEstimated),
  /** The cost's tooltip: how it is computed and where its price came from. */
  costHelp: (m: ColumnMetrics | undefined) =>
    m?.priceSource ? `Priced from ${m.priceSource.label}. ${METRIC_HELP.cost}` : METRIC_HELP.cost,
};

/** The tooltips that say exactly how each figure is computed. */
export const METRIC_HELP = {
  ttft: 'Time to first token: from sending the request to the first piece of answer or reasoning.',
  rate: 'Tokens per second while generating: tokens after the first chunk, divided by the time from the first to the last token. Shown as — when too few chunks arrived to time it honestly.',
  tokens:
    "Output tokens, from the provider's usage report; ≈ marks our estimate (about 4 characters per token) when the provider reports none. Reasoning tokens are counted inside and shown apart.",
  total: 'Total time: from sending the request to the end of the answer.',
  cost: 'Input and output tokens priced from your price table (Settings), else OpenRouter\'s own prices, else the genai-prices dataset; cached input and reasoning tokens at their own rates where known. ≈ when it rests on estimated tokens; "price unknown" when no price is known; models on your machine are free.',
  live: 'Measured in this window while the answer streams (≈); the final figures come from the host when the column finishes.',
} as const;
