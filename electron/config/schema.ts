// The configuration file's shape (config.json in the data folder): profiles, chains, routes and
// settings. Never a key: profiles name their key slots, the keychain holds the values. A profile's
// fields follow the same rules as the API's (shared/api/profiles.ts), so config.json and an imported
// file are held to what the Providers form accepts.
import { z } from 'zod';
import { DEFAULT_CHAIN_POLICY, ChainPolicy as SharedChainPolicy } from '../../shared/api/chains';
import { BaseUrl, ExtraHeaders, ModelName, ProfileFields, ProfileOptions } from '../../shared/api/profiles';
import { Capability } from '../../shared/types';

export const CURRENT_SCHEMA_VERSION = 1;

export const KeySlot = z.object({ slot: z.number().int().min(0).max(9), hint: z.string(), updatedAt: z.number() });

/**
 * Where a profile's keys may be sent: the provider, the endpoint's origin and the proxy in force
 * when the key was stored or last confirmed. A profile whose endpoint no longer matches keeps its
 * keys on hold (see services/key-binding.ts).
 */
export const KeyBinding = z.object({ provider: z.string().max(2100), origin: z.string().max(2100), proxy: z.string().max(2100) });
export type KeyBinding = z.infer<typeof KeyBinding>;

export const Profile = ProfileFields.extend({
  id: z.string().min(1).max(100),
  /** Models picked recently with this profile, newest first (the model picker remembers them). */
  recentModels: z.array(ModelName).max(50).default([]),
  extraHeaders: ExtraHeaders.default({}),
  options: ProfileOptions.default({}),
  keySlots: z.array(KeySlot).max(10).default([]),
  keyBinding: KeyBinding.optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Profile = z.infer<typeof Profile>;

/** A saved chain's policy: a field the file leaves out (older files have fewer) takes its default. */
export const ChainPolicy = z.preprocess(withDefaultPolicy, SharedChainPolicy);

function withDefaultPolicy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return { ...DEFAULT_CHAIN_POLICY, ...Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) };
}

export const ChainTarget = z.object({
  profileId: z.string().min(1).max(100),
  model: ModelName.min(1),
  fallbackModels: z.array(ModelName.min(1)).max(20).default([]),
});

export const Chain = z.object({
  id: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(80),
  targets: z.array(ChainTarget).max(50),
  policy: ChainPolicy.default(ChainPolicy.parse({})),
  /** Capabilities every target must have shown in the probe; the dry run warns about one that has not. */
  requires: z.array(Capability).optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Chain = z.infer<typeof Chain>;

export const Route = z.object({
  id: z.string().min(1).max(100),
  hint: z.string().trim().min(1).max(100),
  chainId: z.string().min(1).max(100),
});
export type Route = z.infer<typeof Route>;

export const Price = z.object({ inputPerMTok: z.number().min(0), outputPerMTok: z.number().min(0) });

export const Settings = z.object({
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  /** Every request, and so every key, goes through this proxy. */
  proxyUrl: BaseUrl.optional(),
  noProxy: z.string().max(4096).optional(),
  /** Explicit opt-in: keep keys in memory for this run when no keychain is available. */
  allowInMemoryKeys: z.boolean().default(false),
  /** USD per million tokens, by model id. */
  prices: z
    .record(ModelName, Price)
    .refine((prices) => Object.keys(prices).length <= 5_000, 'At most 5,000 prices.')
    .default({}),
});
export type Settings = z.infer<typeof Settings>;

/** Port of the local gateway: clear of LiteLLM (4000), Ollama (11434), LM Studio (1234) and Cherry Studio (23333). */
export const DEFAULT_GATEWAY_PORT = 8419;

/** A gateway access token: only its SHA-256 is kept; the token itself is shown once, at creation. */
export const GatewayToken = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1).max(80),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** "sk-sy-…a1B2", to recognise a token without keeping it. */
  hint: z.string(),
  createdAt: z.number(),
});
export type GatewayToken = z.infer<typeof GatewayToken>;

/** The local OpenAI- and Anthropic-compatible gateway (electron/gateway). Off until the user turns it on. */
export const GatewaySettings = z.object({
  enabled: z.boolean().default(false),
  port: z.number().int().min(1).max(65535).default(DEFAULT_GATEWAY_PORT),
  /** Requested model name → model string ("claude-sonnet-*" → "chain:Everyday"); "*" ends a prefix. */
  aliases: z.record(z.string(), z.string()).default({}),
  /** Browser origins allowed to call the gateway (requests with any other Origin are refused). */
  allowedOrigins: z.array(z.string()).default([]),
  /** Keep prompts and answers in the request log (off: only metadata). */
  logBodies: z.boolean().default(false),
  maxBodyBytes: z
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024)
    .default(32 * 1024 * 1024),
  maxConcurrentPerToken: z.number().int().min(1).max(1000).default(16),
  requestTimeoutMs: z.number().int().min(1000).max(3_600_000).default(600_000),
  tokens: z.array(GatewayToken).default([]),
});
export type GatewaySettings = z.infer<typeof GatewaySettings>;

export const Config = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  profiles: z.array(Profile).default([]),
  chains: z.array(Chain).default([]),
  routes: z.array(Route).default([]),
  settings: Settings.default(Settings.parse({})),
  gateway: GatewaySettings.default(GatewaySettings.parse({})),
});
export type Config = z.infer<typeof Config>;

export function defaultConfig(): Config {
  return Config.parse({ schemaVersion: CURRENT_SCHEMA_VERSION });
}

/** Earlier shapes → the current one. Version 0 is a file written before schemaVersion existed. */
export function migrate(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  const data = raw as Record<string, unknown>;
  if (data.schemaVersion === undefined) return { ...data, schemaVersion: 1 };
  return data;
}
