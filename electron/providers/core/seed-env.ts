// The seed's own environment variables (ZeroClaw's), read after ours so that people who come from
// it keep their setup (seed-core.md §1.3, §1.6, §3; seed-auth-cli.md §2.9). Ours and the profile's
// settings always win; these only fill what is left unset.

/** The seed's generic key, after SWITCHYARD_API_KEY and API_KEY (see catalog.ts GENERIC_ENV_VARS). */
export const SEED_GENERIC_KEY = 'ZEROCLAW_API_KEY';

function text(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return env[name]?.trim() || undefined;
}

/** Ollama's server: after the profile's base URL and OLLAMA_HOST (the seed let it beat api_url). */
export function seedOllamaUrl(env: NodeJS.ProcessEnv): string | undefined {
  return env.OLLAMA_HOST?.trim() ? undefined : text(env, 'ZEROCLAW_PROVIDER_URL');
}

/** The Codex endpoint: ZEROCLAW_CODEX_RESPONSES_URL, then ZEROCLAW_CODEX_BASE_URL. */
export function seedCodexUrl(env: NodeJS.ProcessEnv): string | undefined {
  return text(env, 'ZEROCLAW_CODEX_RESPONSES_URL') ?? text(env, 'ZEROCLAW_CODEX_BASE_URL');
}

export function seedCodexReasoningEffort(env: NodeJS.ProcessEnv): string | undefined {
  return text(env, 'ZEROCLAW_CODEX_REASONING_EFFORT');
}

/**
 * Extra headers for OpenAI-compatible providers from ZEROCLAW_EXTRA_HEADERS ("Key:Value,Key2:Value2").
 * A pair without a name or a value, or with a name HTTP does not allow, is skipped, as the seed did.
 */
export function seedExtraHeaders(env: NodeJS.ProcessEnv): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (text(env, 'ZEROCLAW_EXTRA_HEADERS') ?? '').split(',')) {
    const colon = pair.indexOf(':');
    if (colon <= 0) continue;
    const name = pair.slice(0, colon).trim().toLowerCase();
    const value = pair.slice(colon + 1).trim();
    if (/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name) && value && !/[\r\n\0]/.test(value)) headers[name] = value;
  }
  return headers;
}
