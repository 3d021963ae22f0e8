// The metrics of one answer (a chat reply or a comparison column), computed from what actually
// arrived and when. The definitions avoid the usual mistakes (anchors.md §3.5; LobeHub #7845 and #7721):
// - TTFT runs from sending the request to the first content OR reasoning delta, so a reasoning
//   model's thinking time is not hidden from it;
// - tokens/s is a decode rate over the generation window (first to last token), counting only the
//   tokens that arrived after the first chunk, because the first chunk's tokens took no time inside
//   that window; with too few chunks or too short a window it is null (shown as "—"), never absurd;
// - output tokens come from the provider's usage when it reports them, else an estimate marked as
//   such; reasoning tokens are reported apart.
import type { ColumnMetrics } from '../../../shared/api/compare';
import type { ModelPrice, PriceSource, TokenUsage } from '../../../shared/types';
import { CHARS_PER_TOKEN } from '../../model-info/token-count';

export type { ColumnMetrics };

/** A delta as the stream consumer saw it: when it arrived (ms, from its clock) and its size. */
export interface TimedDelta {
  at: number;
  kind: 'text' | 'reasoning';
  chars: number;
}

export interface ColumnTimeline {
  requestStartedAt: number;
  deltas: TimedDelta[];
  finishedAt: number;
  usage?: TokenUsage;
  /** Characters of the prompt sent (system + messages), to estimate input tokens without usage. */
  promptChars?: number;
}

/** A model's price and where it came from (the source travels with every cost shown). */
export type Price = ModelPrice & { source?: PriceSource };

/** Fewer token-bearing chunks than this cannot show a rate: one or two bursts are not a stream. */
export const MIN_RATE_CHUNKS = 3;
/** A generation window shorter than this is within timer and scheduling noise. */
export const MIN_RATE_WINDOW_MS = 50;

export function estimateTokens(chars: number): number {
  return chars === 0 ? 0 : Math.max(1, Math.round(chars / CHARS_PER_TOKEN));
}

export function computeColumnMetrics(timeline: ColumnTimeline, price?: Price): ColumnMetrics {
  const { requestStartedAt, deltas, finishedAt, usage } = timeline;
  const tokenDeltas = deltas.filter((delta) => delta.chars > 0);
  const first = tokenDeltas[0];
  const last = tokenDeltas.at(-1);
  const textChars = sum(tokenDeltas.filter((d) => d.kind === 'text').map((d) => d.chars));
  const reasoningChars = sum(tokenDeltas.filter((d) => d.kind === 'reasoning').map((d) => d.chars));

  const reasoningFromUsage = usage?.reasoningTokens;
  const reasoningTokens = reasoningFromUsage ?? (reasoningChars > 0 ? estimateTokens(reasoningChars) : null);
  // Providers that report reasoning tokens count them inside output tokens (OpenAI's
  // completion_tokens, Gemini's thoughts are added by the adapter); the estimate does the same.
  const outputFromUsage = usage?.outputTokens;
  const outputTokens = outputFromUsage ?? estimateTokens(textChars) + (reasoningTokens ?? 0);

  const metrics: ColumnMetrics = {
    ttftMs: first ? first.at - requestStartedAt : null,
    generationMs: first && last ? last.at - first.at : null,
    totalMs: finishedAt - requestStartedAt,
    outputTokens,
    outputTokensEstimated: outputFromUsage === undefined,
    inputTokens: usage?.inputTokens ?? (timeline.promptChars ? estimateTokens(timeline.promptChars) : null),
    inputTokensEstimated: usage?.inputTokens === undefined && Boolean(timeline.promptChars),
    reasoningTokens,
    reasoningTokensEstimated: reasoningFromUsage === undefined && reasoningTokens !== null,
    tokensPerSecond: null,
    costUsd: null,
    costEstimated: false,
    chunks: tokenDeltas.length,
  };

  if (tokenDeltas.length < MIN_RATE_CHUNKS) {
    metrics.rateUnavailableReason = `only ${tokenDeltas.length} chunk${tokenDeltas.length === 1 ? '' : 's'} arrived; a rate needs at least ${MIN_RATE_CHUNKS}`;
  } else if ((metrics.generationMs ?? 0) < MIN_RATE_WINDOW_MS) {
    metrics.rateUnavailableReason = `the answer arrived within ${metrics.generationMs} ms, too fast to time`;
  } else {
    const totalChars = textChars + reasoningChars;
    // The share of the tokens that arrived after the first chunk, apportioned by characters.
    const afterFirst = outputTokens * ((totalChars - first!.chars) / totalChars);
    metrics.tokensPerSecond = afterFirst / (metrics.generationMs! / 1000);
  }

  if (price && metrics.inputTokens !== null) {
    metrics.costUsd = costOf(price, metrics.inputTokens, usage?.cachedInputTokens ?? 0, outputTokens, reasoningFromUsage ?? 0);
    // A free model is free however its tokens were counted.
    metrics.costEstimated = metrics.costUsd > 0 && (metrics.inputTokensEstimated || metrics.outputTokensEstimated);
    if (price.source) metrics.priceSource = price.source;
  }
  return metrics;
}

/**
 * USD for one answer. Input tokens include the cached ones (every adapter reports them so), which
 * cost the cached rate where one is known; reported reasoning tokens are inside the output tokens
 * and cost the reasoning rate where the price has one.
 */
export function costOf(
  price: ModelPrice,
  inputTokens: number,
  cachedTokens: number,
  outputTokens: number,
  reasoningTokens: number,
): number {
  const cached = Math.min(cachedTokens, inputTokens);
  const reasoning = price.reasoningPerMTok === undefined ? 0 : Math.min(reasoningTokens, outputTokens);
  const input = (inputTokens - cached) * price.inputPerMTok + cached * (price.cachedInputPerMTok ?? price.inputPerMTok);
  const output = (outputTokens - reasoning) * price.outputPerMTok + reasoning * (price.reasoningPerMTok ?? price.outputPerMTok);
  return (input + output) / 1_000_000;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
