// createProvider: a catalog key (or alias, or custom:/anthropic-custom: URL key) plus an optional
// credential, base URL and options → a Provider. One table from adapter kind to constructor;
// a kind whose adapter is not in this build fails with a clear "not available yet".
import { AppError } from '../errors';
import { registerSecret } from '../secrets/redact';
import { acceptsGenericEnvKey, AVAILABLE_ADAPTERS, GENERIC_ENV_VARS, resolveProviderKey, UnknownProviderError, type AdapterKind, type CatalogEntry, type ResolvedKey } from './catalog';
import { AnthropicProvider } from './anthropic';
import { BedrockProvider } from './bedrock';
import { createAzureProvider } from './azure-openai';
import { CliProvider } from './cli/cli-provider';
import { CLI_INVOCATIONS } from './cli/tools';
import { CompatibleProvider, type CompatibleOptions } from './compatible';
import { CopilotProvider } from './copilot';
import { codexTokensFromCredential, OpenAICodexProvider, type CodexCredentialSource } from './openai-codex';
import { GeminiProvider } from './gemini';
import { ProviderError } from './errors';
import { OllamaProvider } from './ollama';
import { seedCodexReasoningEffort, seedCodexUrl, seedExtraHeaders, seedOllamaUrl } from './seed-env';
import { SignedInProvider } from './signed-in';
import { SIGN_INS } from './sign-ins';
import type { Provider } from './traits';

export interface ProviderSettings {
  /** The key typed into a profile (from the keychain). */
  credential?: string;
  /** Overrides the catalog's base URL. */
  baseUrl?: string;
  /** Adapter options from the profile: think, region, deployment, apiVersion… */
  options?: Record<string, unknown>;
  /** Extra HTTP headers from the profile. */
  headers?: Record<string, string>;
  env?: NodeJS.ProcessEnv;
  /** A name for messages and traces: the profile's, for custom endpoints (else "Custom provider"). */
  displayName?: string;
  /** Sign-ins that refresh themselves (OpenAI Codex): the host passes the profile's token source. */
  codexAuth?: CodexCredentialSource;
}

export type CredentialSource = { kind: 'explicit' } | { kind: 'env'; name: string } | { kind: 'sign-in'; label: string } | { kind: 'default' } | { kind: 'none' };

export interface ResolvedCredential {
  value?: string;
  source: CredentialSource;
}

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

type Constructor = (resolved: ResolvedKey, settings: ProviderSettings & { env: NodeJS.ProcessEnv }, credential: ResolvedCredential) => Provider;

const OPENROUTER_HEADERS = { 'http-referer': 'https://github.com/switchyard-app/switchyard', 'x-title': 'Switchyard' };

type CompatibleExtras = Pick<CompatibleOptions, 'headers' | 'openaiReasoningRules' | 'keyCheckUrl'>;

function compatible(resolved: ResolvedKey, settings: ProviderSettings & { env: NodeJS.ProcessEnv }, credential: ResolvedCredential, extra: CompatibleExtras = {}): Provider {
  const { entry } = resolved;
  const displayName = settings.displayName ?? entry.displayName;
  const signIn = entry.signIn ? SIGN_INS[entry.signIn] : undefined;
  const build = (key: string | undefined, signInBaseUrl?: string) =>
    new CompatibleProvider({
      key: entry.key,
      displayName,
      // The profile's URL wins, then the one a sign-in names (Qwen's resource_url), then the catalog's.
      baseUrl: settings.baseUrl?.trim() || signInBaseUrl || resolved.baseUrl,
      credential: key,
      // For "key not set": the provider's env vars, then the one variable that enables its sign-in.
      envVars: [...entry.envVars, ...(signIn?.envVars.slice(0, 1) ?? [])],
      keyOptional: entry.local || entry.auth.includes('none'),
      // The seed's ZEROCLAW_EXTRA_HEADERS first, so the catalog's and the profile's win.
      headers: { ...seedExtraHeaders(settings.env), ...entry.headers, ...extra.headers, ...settings.headers },
      openaiReasoningRules: extra.openaiReasoningRules,
      keyCheckUrl: extra.keyCheckUrl,
      mergeSystemIntoUser: entry.mergeSystemIntoUser,
      capabilities: entry.capabilities,
      reasoningEffort: stringOption(settings.options, 'reasoningEffort'),
      // The seed's compatible adapter had it; its OpenAI and OpenRouter adapters did not.
      responsesFallback: entry.adapter === 'compatible' && entry.responsesFallback !== false,
      env: settings.env,
    });
  if (credential.source.kind === 'sign-in' && signIn) {
    const source = signIn.open([resolved.name, settings.credential], settings.env);
    return new SignedInProvider({ key: entry.key, displayName, capabilities: entry.capabilities, source, build: (grant) => build(grant.token, grant.baseUrl) });
  }
  return build(credential.value);
}

function stringOption(options: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = options?.[name];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

const CONSTRUCTORS: Partial<Record<AdapterKind, Constructor>> = {
  openai: (resolved, settings, credential) => compatible(resolved, settings, credential, { openaiReasoningRules: true }),
  compatible,
  // OpenRouter lists models without a key; GET /key is what proves one (and what the seed's warmup used).
  openrouter: (resolved, settings, credential) =>
    compatible(resolved, settings, credential, { headers: OPENROUTER_HEADERS, keyCheckUrl: `${(settings.baseUrl?.trim() || resolved.baseUrl).replace(/\/+$/, '')}/key` }),
  anthropic: (resolved, settings, credential) =>
    new AnthropicProvider({
      key: resolved.entry.key,
      displayName: settings.displayName ?? (resolved.entry.displayName === 'Anthropic-compatible custom provider' ? 'Anthropic-compatible' : resolved.entry.displayName),
      baseUrl: settings.baseUrl?.trim() || resolved.baseUrl,
      credential: credential.value,
      headers: settings.headers,
      env: settings.env,
    }),
  'azure-openai': (resolved, settings, credential) =>
    createAzureProvider({ credential: credential.value, baseUrl: settings.baseUrl, options: settings.options, headers: settings.headers, env: settings.env, capabilities: resolved.entry.capabilities }),
  // Telnyx's inference API is OpenAI-compatible at its fixed base (seed-wire.md §9); tools are
  // prompt-guided because it has no native tool calling.
  telnyx: compatible,
  gemini: (_resolved, settings, credential) =>
    new GeminiProvider({
      baseUrl: settings.baseUrl,
      credential: credential.value,
      credentialSource: credential.source.kind === 'env' ? `${credential.source.name} env var` : credential.source.kind === 'explicit' ? 'profile' : 'none',
      headers: settings.headers,
      env: settings.env,
      oauthCredsPath: stringOption(settings.options, 'oauthCredsPath'),
      project: stringOption(settings.options, 'project'),
    }),
  cli: (resolved, settings) => {
    const invocation = CLI_INVOCATIONS[resolved.entry.key]!;
    const timeoutMs = typeof settings.options?.timeoutMs === 'number' ? settings.options.timeoutMs : undefined;
    return new CliProvider({ key: resolved.entry.key, tool: invocation.tool, args: invocation.args, env: settings.env, timeoutMs });
  },
  // The catalog's base URL holds a {region} placeholder: only a URL the user typed is passed on.
  bedrock: (_resolved, settings, credential) =>
    new BedrockProvider({
      credential: credential.value,
      baseUrl: settings.baseUrl?.trim() || undefined,
      region: stringOption(settings.options, 'region'),
      profile: stringOption(settings.options, 'awsProfile'),
      env: settings.env,
    }),
  // The host passes a refreshing token source per profile; a bare credential (the CLI with tokens
  // pasted from elsewhere) is used as it is, without refresh.
  'openai-codex': (_resolved, settings, credential) =>
    new OpenAICodexProvider({
      auth: settings.codexAuth ?? codexTokensFromCredential(credential.value),
      baseUrl: settings.baseUrl?.trim() || seedCodexUrl(settings.env),
      reasoningEffort: stringOption(settings.options, 'reasoningEffort') ?? seedCodexReasoningEffort(settings.env),
      env: settings.env,
    }),
  copilot: (resolved, settings, credential) =>
    new CopilotProvider({
      capabilities: resolved.entry.capabilities,
      credential: credential.value,
      githubHost: typeof settings.options?.githubHost === 'string' ? settings.options.githubHost : undefined,
      baseUrl: settings.baseUrl,
      headers: settings.headers,
      env: settings.env,
    }),
  ollama: (_resolved, settings, credential) =>
    new OllamaProvider({
      baseUrl: settings.baseUrl?.trim() || seedOllamaUrl(settings.env),
      credential: credential.value,
      think: typeof settings.options?.think === 'boolean' ? settings.options.think : undefined,
      env: settings.env,
    }),
};

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
  const construct = AVAILABLE_ADAPTERS.has(entry.adapter) ? CONSTRUCTORS[entry.adapter] : undefined;
  if (!construct) {
    throw new ProviderError(`${entry.displayName} is not available in this version of Switchyard yet (its ${entry.adapter} adapter is still being built).`, { provider: entry.displayName, errorClass: 'not_available' });
  }
  const credential = resolveCredential(entry, settings.credential, env);
  if (credential.value && credential.source.kind !== 'default') registerSecret(credential.value);
  const isCustom = name.startsWith('custom:') || name.startsWith('anthropic-custom:');
  if (credential.value && !isCustom && !settings.baseUrl?.trim()) {
    const mismatch = checkKeyPrefix(entry.key, credential.value);
    if (mismatch) throw new ProviderError(mismatch, { provider: entry.displayName, errorClass: 'auth' });
  }
  return construct(resolved, { ...settings, env }, credential);
}
