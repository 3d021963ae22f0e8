// Names in the exported file: model groups from chain names, environment variables from profile
// names, and text that is safe inside a YAML comment or a terminal line. Names come from the user,
// so they are reduced to a known alphabet and made unique rather than trusted.

/** A model group name from a chain's name: "Team · Fast!" → "team-fast". */
export function groupSlug(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 60);
}

/** The word an env var is built from: "Work OpenAI (EU)" → "WORK_OPENAI_EU". */
export function envWord(name: string): string {
  return name
    .normalize('NFKD')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
}

/** Hands out names, adding -2, -3… (or _2, _3…) when two inputs map to the same one. */
export class UniqueNames {
  private readonly taken = new Set<string>();

  constructor(private readonly separator: '-' | '_') {}

  take(base: string, fallback: string): string {
    const root = base || fallback;
    let name = root;
    for (let n = 2; this.taken.has(name); n += 1) name = `${root}${this.separator}${n}`;
    this.taken.add(name);
    return name;
  }
}

/**
 * Text from the user (profile, chain and model names) placed in a comment or printed: line breaks
 * of any kind would end the comment and let the rest become YAML (PyYAML, which LiteLLM uses, breaks
 * lines on \r, \x85, \u2028 and \u2029 too), and control characters would reach the terminal.
 */
export function plainText(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');
}

/** A quoted name for messages: “Work OpenAI”. */
export function quoted(name: string): string {
  return `“${plainText(name)}”`;
}
