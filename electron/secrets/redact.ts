// Every string that leaves the host (API errors, events, logs, exports, CLI output) passes through
// `redactSecrets`. Two layers: the literal values of every credential this process has seen, and
// token-shaped patterns for credentials it has not (a provider echoing some other key back).

const REDACTED = '[REDACTED]';

/** Values shorter than this are too likely to occur by chance in ordinary text to redact literally. */
const MIN_LITERAL_LENGTH = 8;

const knownSecrets = new Set<string>();
let literalPattern: RegExp | null = null;

/** Remember a credential value so that it is redacted literally wherever it later appears. */
export function registerSecret(value: string | undefined | null): void {
  const trimmed = value?.trim();
  if (!trimmed || trimmed.length < MIN_LITERAL_LENGTH || knownSecrets.has(trimmed)) return;
  knownSecrets.add(trimmed);
  literalPattern = null;
}

export function forgetSecret(value: string): void {
  if (knownSecrets.delete(value.trim())) literalPattern = null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function literalRegExp(): RegExp | null {
  if (knownSecrets.size === 0) return null;
  // Longest first so that a secret containing another is replaced whole.
  literalPattern ??= new RegExp(
    [...knownSecrets].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'),
    'g',
  );
  return literalPattern;
}

/**
 * Token shapes of common providers. Unlike the seed's substring scan (seed-core.md §4.1 QUIRK), a
 * prefix only matches at a word start and needs a real token body, so "task-123" and "risk-free"
 * survive, and a sentence's trailing period or colon is not swallowed.
 */
const TOKEN_PATTERNS: RegExp[] = [
  /(?<![A-Za-z0-9_-])(?:sk|xoxb|xoxp|xai|nvapi)-[A-Za-z0-9_-]{8,}(?:[.:][A-Za-z0-9_-]+)*/g,
  /(?<![A-Za-z0-9_-])(?:ghp|gho|ghu|ghs|ghr|gsk)_[A-Za-z0-9_]{8,}/g,
  /(?<![A-Za-z0-9_-])github_pat_[A-Za-z0-9_]{8,}/g,
  /(?<![A-Za-z0-9])AIza[A-Za-z0-9_-]{20,}/g,
  /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g,
  /(?<=\b[Bb]earer\s+)[A-Za-z0-9._~+/=-]{12,}/g,
];

export function redactSecrets(text: string): string {
  let out = text;
  const literal = literalRegExp();
  if (literal) out = out.replace(literal, REDACTED);
  for (const pattern of TOKEN_PATTERNS) out = out.replace(pattern, REDACTED);
  return out;
}

/** Redacts every string inside a JSON-like value (for error details, traces, exports). */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = redactDeep(item);
    return out as T;
  }
  return value;
}

/** For tests: start from a clean slate. */
export function clearKnownSecrets(): void {
  knownSecrets.clear();
  literalPattern = null;
}
