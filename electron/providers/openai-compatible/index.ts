// The OpenAI chat-completions family: OpenAI itself, OpenRouter, Telnyx, Azure OpenAI and every
// OpenAI-compatible vendor in the catalog (a new one is a catalog row, not code). The kinds differ
// only in small ways, listed in KIND_EXTRAS; Azure differs in where requests go (azure.ts).
import { z } from 'zod';
import { choiceOption, textOption } from '../core/options';
import { defineFamily, type FamilyBuild } from '../core/family';
import { seedExtraHeaders } from '../core/seed-env';
import { SignedInProvider } from '../signed-in';
import { SIGN_INS } from '../sign-ins';
import type { Provider } from '../traits';
import { AZURE_DEFAULT_API_VERSION, createAzureProvider } from './azure';
import { CompatibleProvider, type CompatibleOptions } from './compatible';

const OPENROUTER_HEADERS = { 'http-referer': 'https://github.com/switchyard-app/switchyard', 'x-title': 'Switchyard' };

const options = {
  reasoningEffort: textOption({
    label: 'Reasoning effort',
    placeholder: 'low, medium or high',
    help: 'Sent as reasoning_effort to the models that take it; empty leaves it to the provider.',
    advanced: true,
    kinds: ['openai', 'compatible', 'openrouter', 'telnyx'],
  }),
  deployment: textOption({
    label: 'Deployment (optional)',
    placeholder: 'empty: the model name picks the deployment',
    kinds: ['azure-openai'],
  }),
  apiVersion: textOption({ label: 'API version', placeholder: AZURE_DEFAULT_API_VERSION, kinds: ['azure-openai'] }),
  auth: choiceOption(['api-key', 'bearer'], {
    label: 'Credential',
    choices: { 'api-key': 'API key (api-key header)', bearer: 'Entra ID token (Bearer)' },
    kinds: ['azure-openai'],
  }),
  resource: textOption({
    label: 'Azure resource name',
    placeholder: 'AZURE_OPENAI_RESOURCE; used when no base URL is set',
    advanced: true,
    kinds: ['azure-openai'],
  }),
};

type Build = FamilyBuild<{
  reasoningEffort?: string;
  deployment?: string;
  apiVersion?: string;
  auth?: 'api-key' | 'bearer';
  resource?: string;
}>;
type Extras = Pick<CompatibleOptions, 'headers' | 'openaiReasoningRules' | 'keyCheckUrl'>;

/** What sets each kind apart from a plain OpenAI-compatible vendor. */
const KIND_EXTRAS: Record<string, (build: Build) => Extras> = {
  openai: () => ({ openaiReasoningRules: true }),
  compatible: () => ({}),
  // OpenRouter lists models without a key; GET /key is what proves one (and what the seed's warmup used).
  openrouter: ({ settings, catalogUrl }) => ({
    headers: OPENROUTER_HEADERS,
    keyCheckUrl: `${(settings.baseUrl?.trim() || catalogUrl).replace(/\/+$/, '')}/key`,
  }),
  // Telnyx's inference API is OpenAI-compatible at its fixed base (seed-wire.md §9); tools are
  // prompt-guided because it has no native tool calling.
  telnyx: () => ({}),
};

function compatible(build: Build): Provider {
  const { entry, settings, credential, options } = build;
  const extra = KIND_EXTRAS[entry.adapter]!(build);
  const displayName = settings.displayName ?? entry.displayName;
  const spec = entry.signIn ? SIGN_INS[entry.signIn] : undefined;
  const make = (key: string | undefined, signInBaseUrl?: string) =>
    new CompatibleProvider({
      key: entry.key,
      displayName,
      // The profile's URL wins, then the one a sign-in names (Qwen's resource_url), then the catalog's.
      baseUrl: settings.baseUrl?.trim() || signInBaseUrl || build.catalogUrl,
      credential: key,
      // For "key not set": the provider's env vars, then the one variable that enables its sign-in.
      envVars: [...entry.envVars, ...(spec?.envVars.slice(0, 1) ?? [])],
      keyOptional: entry.local || entry.auth.includes('none'),
      // The seed's ZEROCLAW_EXTRA_HEADERS first, so the catalog's and the profile's win.
      headers: { ...seedExtraHeaders(settings.env), ...entry.headers, ...extra.headers, ...settings.headers },
      openaiReasoningRules: extra.openaiReasoningRules,
      keyCheckUrl: extra.keyCheckUrl,
      mergeSystemIntoUser: entry.mergeSystemIntoUser,
      capabilities: entry.capabilities,
      reasoningEffort: options.reasoningEffort,
      // The seed's compatible adapter had it; its OpenAI and OpenRouter adapters did not.
      responsesFallback: entry.adapter === 'compatible' && entry.responsesFallback !== false,
      env: settings.env,
    });
  const source = credential.source.kind === 'sign-in' ? build.signIn() : undefined;
  if (source)
    return new SignedInProvider({
      key: entry.key,
      displayName,
      capabilities: entry.capabilities,
      source,
      build: (grant) => make(grant.token, grant.baseUrl),
    });
  return make(credential.value);
}

export const openAICompatible = defineFamily({
  kinds: ['openai', 'compatible', 'openrouter', 'telnyx', 'azure-openai'],
  options: z.object(options),
  keyField: {},
  create(build) {
    if (build.entry.adapter !== 'azure-openai') return compatible(build);
    const { settings } = build;
    return createAzureProvider({
      credential: build.credential.value,
      baseUrl: settings.baseUrl,
      options: build.options,
      headers: settings.headers,
      env: settings.env,
      capabilities: build.entry.capabilities,
    });
  },
});
