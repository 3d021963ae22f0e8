// Every string that leaves the host (API errors, events, logs, exports, CLI output) passes through
// `redactSecrets`. Two layers: the literal values of every credential this process has seen (and the
// encoded forms a provider or proxy might echo), and token-shaped patterns for credentials it has
// not seen (a provider echoing some other key back).

const REDACTED = '[REDACTED]';

/**
 * Values of this length or more are redacted wherever they appear, even inside a longer word, and so
 * are their base64, hex and URL-encoded forms.
 */
const MIN_LITERAL_LENGTH = 8;

/**
 * Shorter values (a test key, a short local-server password) are still redacted, but only as a
 * whole token, so that a five-letter key does not blank out every word that contains it. Below
 * this length a "key" guards nothing and redacting it would only garble ordinary text.
 */
const MIN_SHORT_LENGTH = 4;

/** Characters a key is made of: a short key is only redacted where it is not part of such a run. */
const TOKEN_CHAR = 'A-Za-z0-9_\\-';

const knownSecrets = new Set<string>();
let literalPattern: RegExp | null = null;

/** Remember a credential value so that it is redacted literally wherever it later appears. */
export function registerSecret(value: string | undefined | null): void {
  const trimmed = value?.trim();
  if (!trimmed || trimmed.length < MIN_SHORT_LENGTH || knownSecrets.has(trimmed)) return;
  knownSecrets.add(trimmed);
  literalPattern = null;
}

export function forgetSecret(value: string): void {
  if (knownSecrets.delete(value.trim())) literalPattern = null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The base64 text that any encoding of a string containing `bytes` must contain, for each of the
 * three alignments the value can have inside that string (a Basic auth header encodes "user:key",
 * so the key starts mid-group). The characters that also depend on the neighbouring bytes are left
 * out, so each core matches whatever surrounds the key.
 */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift += 1) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    const encoded = padded.toString('base64');
    const dependsOnPrefix = [0, 2, 3][shift]!;
    const end = Math.floor(padded.length / 3) * 4;
    const core = encoded.slice(dependsOnPrefix, end);
    if (core.length >= MIN_LITERAL_LENGTH) cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

/** The forms of one secret worth redacting: itself, and how it looks base64-, hex- or URL-encoded. */
export function encodedForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const urlEncoded = encodeURIComponent(secret);
  const hex = bytes.toString('hex');
  const forms = [
    secret,
    bytes.toString('base64'),
    bytes.toString('base64url'),
    ...base64Cores(bytes),
    hex,
    hex.toUpperCase(),
    urlEncoded,
    // Percent escapes may come back in lower case (%2f) from some clients.
    urlEncoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
  ];
  return [...new Set(forms)];
}

function literalRegExp(): RegExp | null {
  if (knownSecrets.size === 0) return null;
  if (literalPattern) return literalPattern;
  const long = new Set<string>();
  const short: string[] = [];
  for (const secret of knownSecrets) {
    if (secret.length < MIN_LITERAL_LENGTH) short.push(secret);
    else for (const form of encodedForms(secret)) long.add(form);
  }
  // Longest first so that a secret containing another (or an encoding containing the key) is
  // replaced whole.
  const alternatives = [...long].sort((a, b) => b.length - a.length).map(escapeRegExp);
  if (short.length > 0) {
    const words = short
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|');
    alternatives.push(`(?<![${TOKEN_CHAR}])(?:${words})(?![${TOKEN_CHAR}])`);
  }
  literalPattern = new RegExp(alternatives.join('|'), 'g');
  return literalPattern;
}

/**
 * A token body after a known prefix: eight or more token characters (percent escapes count, for a
 * key copied out of a URL), or a shorter one with a digit in it (the seed's own examples, `sk-abc123`
 * and `xoxb-abc123`), so that "sk-learn" stays a word.
 */
const BODY = '(?:(?:[A-Za-z0-9_-]|%[0-9A-Fa-f]{2}){8,}|(?=[A-Za-z_-]{0,6}[0-9])[A-Za-z0-9_-]{3,7}(?![A-Za-z0-9_%-]))';

/**
 * Token shapes of common providers. Unlike the seed's substring scan (seed-core.md §4.1 QUIRK), a
 * prefix only matches at a word start and needs a real token body, so "task-123" and "risk-free"
 * survive, and a sentence's trailing period or colon is not swallowed.
 */
const TOKEN_PATTERNS: RegExp[] = [
  new RegExp(`(?<![A-Za-z0-9_-])(?:sk|xoxb|xoxp|xai|nvapi)-${BODY}(?:[.:][A-Za-z0-9_-]+)*`, 'g'),
  new RegExp(`(?<![A-Za-z0-9_-])(?:ghp|gho|ghu|ghs|ghr|gsk)_${BODY}`, 'g'),
  new RegExp(`(?<![A-Za-z0-9_-])github_pat_${BODY}`, 'g'),
  /(?<![A-Za-z0-9])AIza[A-Za-z0-9_-]{20,}/g,
  /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g,
  /(?<=\b[Bb]earer\s+)[A-Za-z0-9._~+/=-]{12,}/g,
  // A key in a query string (Gemini's ?key=, ?api_key=, ?access_token=), encoded or not.
  /(?<=[?&](?:key|api_key|apikey|api-key|access_token|token)=)[^&#\s"'<>]{8,}/gi,
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

/** A run of token characters longer than this is let through in pieces (a pasted blob, not a key). */
const MAX_HELD_BACK = 64 * 1024;

/**
 * Redaction for text that arrives in pieces (a streamed answer printed as it comes): a key split
 * across two pieces must still be caught. Keys and their encodings never contain whitespace, so
 * everything up to the last whitespace can be redacted and let out; the trailing word waits for
 * the next piece. "Bearer" stays with the word after it, which the Bearer pattern needs.
 */
export class StreamRedactor {
  private held = '';

  push(piece: string): string {
    const text = this.held + piece;
    const cut = safeCut(text);
    this.held = text.slice(cut);
    return cut > 0 ? redactSecrets(text.slice(0, cut)) : '';
  }

  /** The rest, at the end of the stream. */
  end(): string {
    const rest = this.held;
    this.held = '';
    return rest ? redactSecrets(rest) : '';
  }
}

/** Where the text may be cut: after the last whitespace that does not follow "Bearer". */
function safeCut(text: string): number {
  // Scanned from the end: only the last qualifying run matters, and a batch can be long.
  const isSpace = (at: number) => /\s/.test(text[at]!);
  let cut = 0;
  let end = text.length;
  while (end > 0) {
    let last = end - 1;
    while (last >= 0 && !isSpace(last)) last -= 1;
    if (last < 0) break;
    let first = last;
    while (first > 0 && isSpace(first - 1)) first -= 1;
    if (!/(?:^|[^A-Za-z])bearer$/i.test(text.slice(Math.max(0, first - 7), first))) {
      cut = last + 1;
      break;
    }
    end = first;
  }
  return text.length - cut > MAX_HELD_BACK ? text.length : cut;
}

/** For tests: start from a clean slate. */
export function clearKnownSecrets(): void {
  knownSecrets.clear();
  literalPattern = null;
}
