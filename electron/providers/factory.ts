// createProvider: a catalog key (or alias, or custom:/anthropic-custom: URL key) plus an optional
// credential, base URL and options → a Provider, built by the family that serves the catalog row's
// adapter kind (families.ts). A kind no family builds fails with a clear "not available yet".
import type { ProfileSignIn } from '../../shared/api/profiles';
import { AppError } from '../errors';
import { ProviderError } from '../http/errors';
import { registerSecret } from '../secrets/redact';
import { acceptsGenericEnvKey, GENERIC_ENV_VARS, resolveProviderKey, UnknownProviderError, type ResolvedKey } from './catalog';
import type { CatalogEntry } from './catalog-data';
import type { FamilyBuild, ProviderSettings, ResolvedCredential } from './core/family';
import { readOptions } from './core/options';
import { familyFor } from './families';
import { SIGN_INS } from './sign-ins';
import type { Provider } from './traits';

/**
 * The key a provider will use (seed-core.md §1.3): the profile's own key first, then the
 * provider's env vars in order, then its sign-in (MiniMax, Qwen Code OAuth; before the env vars for
 * Qwen Code, as in the seed), then SWITCHYARD_API_KEY, API_KEY and the seed's ZEROCLAW_API_KEY.
 * The seed let OPENAI_API_KEY, ANTHROPIC_API_KEY and GROQ_API_KEY beat a key typed for that provider;
 * in a desktop app the key the user typed for a profile must win, so explicit comes first here.
 * A sign-in's placeholder typed as the key ("minimax-oauth") asks for the sign-in and is never sent;
 * without a usable sign-in it resolves to no key, not to a generic one (as in the seed).
 */
export function resolveCredential(entry: CatalogEntry, explicit: string | undefined, env: NodeJS.ProcessEnv): ResolvedCredential {
  const typed = explicit?.trim();
  const signIn = entry.signIn ? SIGN_INS[entry.signIn] : undefined;
  const placeholder = Boolean(typed && signIn?.placeholders.includes(typed.toLowerCase()));
  if (typed && !placeholder) return { value: typed, source: { kind: 'explicit' } };
  const fromEnv = (names: string[]): ResolvedCredential | undefined => {
    for (const name of names) {
      const value = env[name]?.trim();
      if (value) return { value, source: { kind: 'env', name } };
    }
    return undefined;
  };
  const signInLabel = signIn?.configured(env);
  if (signIn?.beforeEnvKeys && signInLabel) return { source: { kind: 'sign-in', label: signInLabel } };
  // Asking for Qwen Code's sign-in by its placeholder means "not DASHSCOPE_API_KEY" (seed §1.4.2).
  const envKeys = placeholder && signIn?.beforeEnvKeys ? [] : entry.envVars.filter((v) => !/^AWS_|_PATH$/.test(v));
  const own = fromEnv(envKeys);
  if (own) return own;
  if (signInLabel) return { source: { kind: 'sign-in', label: signInLabel } };
  if (placeholder) return { source: { kind: 'none' } };
  const generic = acceptsGenericEnvKey(entry) ? fromEnv(GENERIC_ENV_VARS) : undefined;
  if (generic) return generic;
  if (entry.defaultKey) return { value: entry.defaultKey, source: { kind: 'default' } };
  return { source: { kind: 'none' } };
}

/**
 * A credential that is not a key which requests fall back to without one (the Gemini CLI's own
 * sign-in, AWS credentials), by its label, when the provider's family finds one set up here.
 */
export function otherCredential(entry: CatalogEntry, env: NodeJS.ProcessEnv, options: Record<string, unknown>): string | undefined {
  for (const source of familyFor(entry.adapter)?.otherCredentials ?? []) {
    const label = source.detect(env, options);
    if (label) return label;
  }
  return undefined;
}

/**
 * The sign-in the app runs for a profile of this provider instead of a key, as its family describes
 * it, with the account the sign-in recorded in the profile's options; undefined for key providers.
 */
export function profileSignIn(entry: CatalogEntry, options: Record<string, unknown>): ProfileSignIn | undefined {
  const flow = familyFor(entry.adapter)?.signInFlow;
  if (!flow) return undefined;
  const account = options[flow.accountOption];
  return {
    kind: flow.kind,
    service: flow.service,
    product: flow.product,
    ...(typeof account === 'string' && account.trim() && { account }),
  };
}

const PREFIX_OWNERS: Array<[string, string]> = [
  ['sk-ant-', 'anthropic'],
  ['sk-or-', 'openrouter'],
  ['sk-', 'openai'],
  ['gsk_', 'groq'],
  ['pplx-', 'perplexity'],
  ['xai-', 'xai'],
  ['nvapi-', 'nvidia'],
  ['KEY-', 'telnyx'],
];
const PREFIX_CHECKED = new Set(['anthropic', 'openrouter', 'openai', 'groq', 'perplexity', 'xai', 'nvidia', 'telnyx']);

/**
 * Catches a key pasted into the wrong provider before any request (seed-core.md §1.5). Only the
 * first 6 characters are shown: enough to recognise, too few to leak.
 */
export function checkKeyPrefix(providerKey: string, credential: string): string | null {
  if (!PREFIX_CHECKED.has(providerKey)) return null;
  const owner = PREFIX_OWNERS.find(([prefix]) => credential.startsWith(prefix))?.[1];
  if (!owner || owner === providerKey) return null;
  return `This key ("${credential.slice(0, 6)}…") looks like a ${owner} key, but the provider is ${providerKey}. Pick the ${owner} provider, or paste the ${providerKey} key.`;
}

export function createProvider(name: string, settings: ProviderSettings = {}): Provider {
  const env = settings.env ?? process.env;
  let resolved: ResolvedKey;
  try {
    resolved = resolveProviderKey(name);
  } catch (error) {
    if (error instanceof UnknownProviderError) throw new AppError('unknown_provider', error.message, { suggestions: error.suggestions });
    throw new AppError('bad_request', (error as Error).message);
  }
  const { entry } = resolved;
  const family = familyFor(entry.adapter);
  if (!family) {
    throw new ProviderError(
      `${entry.displayName} is not available in this version of Switchyard yet (its ${entry.adapter} adapter is still being built).`,
      { provider: entry.displayName, errorClass: 'not_available' },
    );
  }
  const credential = resolveCredential(entry, settings.credential, env);
  if (credential.value && credential.source.kind !== 'default') registerSecret(credential.value);
  const isCustom = name.startsWith('custom:') || name.startsWith('anthropic-custom:');
  if (credential.value && !isCustom && !settings.baseUrl?.trim()) {
    const mismatch = checkKeyPrefix(entry.key, credential.value);
    if (mismatch) throw new ProviderError(mismatch, { provider: entry.displayName, errorClass: 'auth' });
  }
  const signInId = family.signIn ?? entry.signIn;
  const build: FamilyBuild<Record<string, unknown>> = {
    entry,
    name,
    catalogUrl: resolved.baseUrl,
    settings: { ...settings, env },
    options: readOptions(family.options, settings.options),
    credential,
    signIn: () =>
      signInId
        ? settings.signIns?.open(signInId, { name, typedKey: settings.credential, options: settings.options ?? {}, env })
        : undefined,
  };
  return family.create(build);
}
