// The one way every page writes durations, rates, sizes, token counts and money, so a figure reads
// the same on a card, in a chart and in a table: ms below one second and s above, "tok/s" for every
// rate, decimal sizes as `ollama list` prints them (1 GB = 1000³ bytes), "≈" for estimates.

const DASH = '—';

const isNumber = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value);

/** 840 ms · 1.64 s · 12.3 s · 2 min 5 s · 1 h 4 min */
export function formatDuration(ms: number | null | undefined): string {
  if (!isNumber(ms)) return DASH;
  if (ms < 0) ms = 0;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1).replace(/\.0$/, '')} s`;
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  return minutes % 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${Math.floor(minutes / 60)} h`;
}

/** A time left (ETA): whole seconds, rounded up, never "0 ms". */
export function formatEta(seconds: number | null | undefined): string {
  if (!isNumber(seconds)) return DASH;
  return formatDuration(Math.max(1, Math.ceil(seconds)) * 1000);
}

/** 7.4 tok/s · 33 tok/s */
export function formatRate(tokensPerSecond: number | null | undefined, estimated = false): string {
  if (!isNumber(tokensPerSecond)) return DASH;
  const value = tokensPerSecond < 10 ? tokensPerSecond.toFixed(1) : Math.round(tokensPerSecond).toLocaleString('en-US');
  return `${estimated ? '≈' : ''}${value} tok/s`;
}

const SIZE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Decimal units like `ollama list`: 2.0 GB is 2·10⁹ bytes; one decimal below 10, whole above. */
export function formatBytes(bytes: number | null | undefined): string {
  if (!isNumber(bytes)) return DASH;
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < SIZE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const text = unit === 0 || value >= 10 ? String(Math.round(value)) : value.toFixed(1);
  return `${text} ${SIZE_UNITS[unit]}`;
}

export function formatByteRate(bytesPerSecond: number | null | undefined): string {
  return isNumber(bytesPerSecond) ? `${formatBytes(bytesPerSecond)}/s` : DASH;
}

/** 1,234 · ≈310 */
export function formatCount(count: number | null | undefined, estimated = false): string {
  if (!isNumber(count)) return DASH;
  return `${estimated ? '≈' : ''}${Math.round(count).toLocaleString('en-US')}`;
}

/** A cost in US dollars: "free" for zero, enough decimals that a cheap answer is not "$0.00". */
export function formatMoney(usd: number | null | undefined, estimated = false): string {
  if (!isNumber(usd)) return DASH;
  const prefix = estimated ? '≈' : '';
  if (usd === 0) return `${prefix}free`;
  if (usd < 0.00001) return `${prefix}<$0.00001`;
  if (usd < 0.01) return `${prefix}$${usd.toFixed(5)}`;
  if (usd < 100) return `${prefix}$${usd.toFixed(4).replace(/0{1,2}$/, '')}`;
  return `${prefix}$${Math.round(usd).toLocaleString('en-US')}`;
}

/** A price in USD per million tokens: "$0.15", "$2.50", "$0.075", "free". */
export function formatPricePerMTok(usd: number | null | undefined): string {
  if (!isNumber(usd)) return DASH;
  if (usd === 0) return 'free';
  // Cents, unless that would round a real price away.
  return `$${usd >= 0.1 || Number(usd.toFixed(2)) === usd ? usd.toFixed(2) : Number(usd.toPrecision(2)).toString()}`;
}

/** "$0.15 / $0.60 per M" — input / output, as provider price pages write it. */
export function formatPricePair(input: number | null | undefined, output: number | null | undefined): string {
  if (!isNumber(input) || !isNumber(output)) return DASH;
  if (input === 0 && output === 0) return 'free';
  return `${formatPricePerMTok(input)} / ${formatPricePerMTok(output)} per M`;
}

/** A context window: 8K, 128K, 1M, 2.1M tokens. */
export function formatContext(tokens: number | null | undefined): string {
  if (!isNumber(tokens) || tokens <= 0) return DASH;
  if (tokens >= 1_000_000) return `${Number((tokens / 1_000_000).toFixed(1))}M`;
  if (tokens >= 1000) return `${Math.round(tokens / 1000)}K`;
  return String(tokens);
}

/** "just now", "5 min ago", "3 h ago", "2 days ago". */
export function formatAge(at: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

export function formatPercent(part: number, whole: number): string {
  if (!(whole > 0)) return DASH;
  return `${Math.floor(Math.min(1, Math.max(0, part / whole)) * 100)}%`;
}
