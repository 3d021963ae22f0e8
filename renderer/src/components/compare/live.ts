// Figures for a column that is still streaming, from what this window saw (see LiveTiming): all
// estimates, marked ≈, replaced by the host's own measurement when the column finishes.
import { formatCount, formatDuration, formatRate } from '../../format';
import type { LiveTiming } from '../../store/compare';

/** About four characters per token, the same estimate the host uses when a provider reports none. */
const CHARS_PER_TOKEN = 4;
/** Below this much streaming time a rate is noise, as in the host's metrics. */
const MIN_RATE_WINDOW_MS = 250;

export function liveFigures(timing: LiveTiming | undefined): { ttft: string; rate: string; tokens: string } | null {
  if (!timing?.firstAt) return null;
  const tokens = timing.chars / CHARS_PER_TOKEN;
  const window = (timing.lastAt ?? timing.firstAt) - timing.firstAt;
  return {
    ttft: `≈${formatDuration(timing.firstAt - timing.askedAt)}`,
    rate: window >= MIN_RATE_WINDOW_MS ? formatRate(tokens / (window / 1000), true) : '—',
    tokens: formatCount(tokens, true),
  };
}
