// The configuration file's shape (config.json in the data folder): profiles, chains, routes and
// settings. Never a key: profiles name their key slots, the keychain holds the values.
import { z } from 'zod';
import { Capability } from '../../shared/types';

export const CURRENT_SCHEMA_VERSION = 1;

export const KeySlot = z.object({ slot: z.number().int().min(0).max(9), hint: z.string(), updatedAt: z.number() });

export const Profile = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1, 'Give the profile a name.').max(80),
  providerKey: z.string().min(1),
  baseUrl: z.string().optional(),
  defaultModel: z.string().optional(),
  /** Models picked recently with this profile, newest first (the model picker remembers them). */
  recentModels: z.array(z.string()).default([]),
  extraHeaders: z.record(z.string(), z.string()).default({}),
  options: z.record(z.string(), z.unknown()).default({}),
  keySlots: z.array(KeySlot).default([]),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Profile = z.infer<typeof Profile>;

export const ChainPolicy = z.object({
  maxRetries: z.number().int().min(0).max(10).default(2),
  baseBackoffMs: z.number().int().min(50).max(60_000).default(500),
  maxBackoffMs: z.number().int().min(100).max(300_000).default(10_000),
  retryAfterCapMs: z.number().int().min(0).max(600_000).default(30_000),
  failureThreshold: z.number().int().min(1).max(100).default(3),
  cooldownMs: z.number().int().min(0).max(3_600_000).default(30_000),
  attemptTimeoutMs: z.number().int().positive().optional(),
  deadlineMs: z.number().int().positive().optional(),
});

export const ChainTarget = z.object({ profileId: z.string().min(1), model: z.string().min(1), fallbackModels: z.array(z.string().min(1)).default([]) });

export const Chain = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1).max(80),
  targets: z.array(ChainTarget),
  policy: ChainPolicy.default(ChainPolicy.parse({})),
  /** Capabilities every target must have shown in the probe; the dry run warns about one that has not. */
  requires: z.array(Capability).default([]),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Chain = z.infer<typeof Chain>;

export const Route = z.object({ id: z.string().min(1), hint: z.string().trim().min(1), chainId: z.string().min(1) });
export type Route = z.infer<typeof Route>;

export const Price = z.object({ inputPerMTok: z.number().min(0), outputPerMTok: z.number().min(0) });

export const Settings = z.object({
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  proxyUrl: z.string().optional(),
  noProxy: z.string().optional(),
  /** Explicit opt-in: keep keys in memory for this run when no keychain is available. */
  allowInMemoryKeys: z.boolean().default(false),
  /** USD per million tokens, by model id. */
  prices: z.record(z.string(), Price).default({}),
});
export type Settings = z.infer<typeof Settings>;

export const Config = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  profiles: z.array(Profile).default([]),
  chains: z.array(Chain).default([]),
  routes: z.array(Route).default([]),
  settings: Settings.default(Settings.parse({})),
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
