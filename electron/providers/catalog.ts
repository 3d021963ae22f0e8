// Lookups over the provider table: canonical keys, aliases, regional aliases, custom URL keys and
// "did you mean" suggestions. The UI and the CLI list providers from here, each with what its
// family (families.ts) says about setting one up.
import type { ProviderForm, ProviderInfoShape } from '../../shared/api/providers';
import { CATALOG, type CatalogEntry } from './catalog-data';
import { isLoopbackUrl } from './core/loopback';
import { optionFields } from './core/options';
import { familyFor } from './families';
import { SIGN_INS } from './sign-ins';

/** Ours first, then the seed's own name, so people who come from it keep their environment. */
export const GENERIC_ENV_VARS = ['SWITCHYARD_API_KEY', 'API_KEY', 'ZEROCLAW_API_KEY'];

/**
 * Whether a stray SWITCHYARD_API_KEY / API_KEY may stand in for this provider's key. Always for a
 * custom: or anthropic-custom: endpoint, whatever its URL: a LiteLLM proxy or a vLLM server on
 * loopback started with --api-key needs one (seed-core.md §1.3). Not for the catalog's local
 * servers and CLIs (no key), nor for sign-ins and AWS credentials, where a generic key would be
 * sent as the wrong kind of secret (the seed treated API_KEY as a GitHub token).
 */
export function acceptsGenericEnvKey(entry: Pick<CatalogEntry, 'key' | 'local' | 'adapter' | 'signIn'>): boolean {
  if (entry.key === 'custom' || entry.key === 'anthropic-custom') return true;
  if (entry.signIn && !SIGN_INS[entry.signIn].genericKey) return false;
  const key = familyFor(entry.adapter)?.keyField;
  return !entry.local && key !== undefined && key !== false && key.genericEnvKey !== false;
}

const byName = new Map<string, CatalogEntry>();
for (const entry of CATALOG) {
  for (const name of [entry.key, ...entry.aliases, ...entry.hiddenAliases]) {
    if (byName.has(name)) throw new Error(`Provider name ${name} is used twice in the catalog`);
    byName.set(name, entry);
  }
}

export interface ResolvedKey {
  entry: CatalogEntry;
  /** The name as given (an alias picks a region). */
  name: string;
  /** The base URL the name implies (a region's, or the URL inside a custom: key). */
  baseUrl: string;
}

export class UnknownProviderError extends Error {
  constructor(
    readonly providerName: string,
    readonly suggestions: string[],
  ) {
    const tip = suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : '';
    super(
      `Unknown provider: ${JSON.stringify(providerName)}.${tip} Use "custom:https://your-api.example/v1" for any OpenAI-compatible endpoint, or "anthropic-custom:https://…" for an Anthropic-compatible one.`,
    );
    this.name = 'UnknownProviderError';
  }
}

const CUSTOM_PREFIXES = [
  { prefix: 'custom:', label: 'Custom provider', hint: 'custom:https://your-api.example/v1', adapter: 'compatible' as const },
  {
    prefix: 'anthropic-custom:',
    label: 'Anthropic-compatible custom provider',
    hint: 'anthropic-custom:https://your-api.example',
    adapter: 'anthropic' as const,
  },
];

/** Validates the URL of a custom: key (seed-core.md §1.8, same three messages). */
export function parseCustomUrl(label: string, hint: string, raw: string): string {
  const text = raw.trim();
  if (!text) throw new Error(`${label} requires a URL. Format: ${hint}`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${label} requires a valid URL. Format: ${hint}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`${label} requires an http:// or https:// URL. Format: ${hint}`);
  return text.replace(/\/+$/, '');
}

export function resolveProviderKey(name: string): ResolvedKey {
  for (const custom of CUSTOM_PREFIXES) {
    if (name.startsWith(custom.prefix)) {
      const baseUrl = parseCustomUrl(custom.label, custom.hint, name.slice(custom.prefix.length));
      const entry: CatalogEntry = {
        key: custom.prefix.slice(0, -1),
        displayName: custom.label,
        aliases: [],
        hiddenAliases: [],
        adapter: custom.adapter,
        baseUrl,
        baseUrlOverridable: true,
        local: isLoopbackUrl(baseUrl),
        envVars: [],
        auth: ['bearer', 'none'],
        capabilities: { nativeTools: true, vision: true, streaming: true, promptCaching: false },
        listed: false,
        group: 'Custom',
      };
      return { entry, name, baseUrl };
    }
  }
  const entry = byName.get(name);
  if (!entry) throw new UnknownProviderError(name, suggestProviders(name));
  return { entry, name, baseUrl: entry.regions?.[name] ?? entry.baseUrl };
}

export function findProvider(name: string): CatalogEntry | undefined {
  return byName.get(name);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** Close names for a typo, case-insensitive first ("OpenAI" → "openai"). */
export function suggestProviders(name: string): string[] {
  const lower = name.trim().toLowerCase();
  if (!lower) return [];
  if (byName.has(lower)) return [lower];
  const scored = [...byName.keys()]
    .map((candidate) => ({ candidate, distance: editDistance(lower, candidate) }))
    .filter(({ candidate, distance }) => distance <= Math.max(1, Math.floor(candidate.length / 4)));
  scored.sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate));
  return [...new Set(scored.map(({ candidate }) => candidate))].slice(0, 2);
}

/** How the profile form asks for this provider's options and credential, from its family. */
function providerForm(entry: CatalogEntry, envVars: string[]): ProviderForm {
  const family = familyFor(entry.adapter);
  const key = family?.keyField ?? {};
  const keyOptional = entry.local || entry.auth.includes('none');
  const thenReads = family?.otherCredentials?.map((source) => source.description).filter((text): text is string => Boolean(text));
  const note = family?.note?.(entry);
  return {
    options: family ? optionFields(family.options, entry.adapter) : [],
    keyLabel: key === false ? null : (key.label ?? `API key${keyOptional ? ' (optional for local servers)' : ''}`),
    keyEnvVars: key === false ? [] : envVars.filter((name) => key.readsEnvVar?.(name) ?? true),
    ...(thenReads?.length && { thenReads: thenReads.join(', then ') }),
    ...(note && { note }),
  };
}

/** Every provider for display (the seed's list_providers, plus what the UI needs to set one up). */
export function listProviders(): ProviderInfoShape[] {
  return CATALOG.map((entry) => {
    const envVars = [
      ...entry.envVars,
      ...(entry.signIn ? SIGN_INS[entry.signIn].envVars : []),
      ...(acceptsGenericEnvKey(entry) ? GENERIC_ENV_VARS : []),
    ];
    return {
      key: entry.key,
      displayName: entry.displayName,
      aliases: entry.aliases,
      regionAliases: entry.hiddenAliases,
      local: entry.local,
      group: entry.group,
      adapter: entry.adapter,
      available: familyFor(entry.adapter) !== undefined,
      authKinds: entry.auth,
      defaultBaseUrl: entry.baseUrl,
      baseUrlOverridable: entry.baseUrlOverridable,
      envVars,
      docsUrl: entry.docsUrl,
      capabilities: entry.capabilities,
      form: providerForm(entry, envVars),
    };
  });
}
