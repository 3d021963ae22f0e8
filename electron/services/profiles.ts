// Provider profiles: a provider key, where to reach it, a default model, and up to ten key slots
// whose values live in the keychain. What the renderer sees is a view with hints, never a key.
import { randomUUID } from 'node:crypto';
import type { HostContext } from '../host/context';
import type { Profile } from '../config/schema';
import { ProfileFields } from '../../shared/api/profiles';
import { AppError } from '../errors';
import { findProvider, resolveProviderKey } from '../providers/catalog';
import { CATALOG } from '../providers/catalog-data';
import { resolveCredential } from '../providers/factory';
import { keyAccount, keyHint, memorySecretStore, type SecretStore } from '../secrets/keychain';
import { registerSecret } from '../secrets/redact';
import { bindKeysWhereTheyAre, describeChanges, endpointOf, keysOnHold } from './key-binding';

export interface ProfileInput {
  name: string;
  providerKey: string;
  baseUrl?: string;
  defaultModel?: string;
  extraHeaders?: Record<string, string>;
  options?: Record<string, unknown>;
}

/** The keychain, or (only with the explicit setting) this run's memory. */
export async function profileSecrets(ctx: HostContext): Promise<SecretStore> {
  const settings = (await ctx.config.read()).settings;
  return settings.allowInMemoryKeys && ctx.use(keychainProbe).unavailable ? ctx.use(memorySecretStore) : ctx.keychain;
}

/** Remembers whether the keychain failed, so the in-memory opt-in applies only when it did. */
export const keychainProbe = () => ({ unavailable: false, lastError: null as string | null });

/**
 * The API's own field rules, applied here too, so that every way in (the API, the CLI, sign-ins,
 * an import) holds a profile to the same schema.
 */
function validateFields(fields: Partial<ProfileInput>): void {
  const parsed = ProfileFields.partial().safeParse(fields);
  if (!parsed.success)
    throw new AppError('invalid_input', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  if (fields.providerKey !== undefined) validateProviderKey(fields.providerKey);
}

function validateProviderKey(providerKey: string): void {
  try {
    resolveProviderKey(providerKey);
  } catch (error) {
    throw new AppError('invalid_input', (error as Error).message);
  }
}

export async function listProfiles(ctx: HostContext): Promise<Profile[]> {
  return (await ctx.config.read()).profiles;
}

export async function getProfile(ctx: HostContext, idOrName: string): Promise<Profile> {
  const profiles = await listProfiles(ctx);
  const profile = profiles.find((p) => p.id === idOrName) ?? profiles.find((p) => p.name.toLowerCase() === idOrName.toLowerCase());
  if (!profile) throw new AppError('not_found', `There is no provider profile "${idOrName}". It may have been deleted.`);
  return profile;
}

export async function createProfile(ctx: HostContext, input: ProfileInput): Promise<Profile> {
  validateFields(input);
  const now = Date.now();
  const profile: Profile = {
    id: randomUUID(),
    name: input.name.trim(),
    providerKey: input.providerKey,
    baseUrl: input.baseUrl?.trim() || undefined,
    defaultModel: input.defaultModel?.trim() || undefined,
    recentModels: [],
    extraHeaders: input.extraHeaders ?? {},
    options: input.options ?? {},
    keySlots: [],
    createdAt: now,
    updatedAt: now,
  };
  await ctx.config.update((config) => {
    if (config.profiles.some((p) => p.name.toLowerCase() === profile.name.toLowerCase())) {
      throw new AppError('invalid_input', `A profile named "${profile.name}" already exists; pick another name.`);
    }
    config.profiles.push(profile);
  });
  return profile;
}

export async function updateProfile(
  ctx: HostContext,
  id: string,
  patch: Partial<ProfileInput> & { recentModel?: string },
): Promise<Profile> {
  const { recentModel: _recentModel, ...fields } = patch;
  validateFields(fields);
  // Chat remembers the model on every turn; skip the write when it is already the latest.
  if (Object.keys(patch).length === 1 && patch.recentModel) {
    const current = await getProfile(ctx, id);
    if (current.recentModels[0] === patch.recentModel) return current;
  }
  let updated: Profile | undefined;
  await ctx.config.update((config) => {
    const profile = config.profiles.find((p) => p.id === id);
    if (!profile) throw new AppError('not_found', 'That profile no longer exists.');
    if (patch.name !== undefined && config.profiles.some((p) => p.id !== id && p.name.toLowerCase() === patch.name!.trim().toLowerCase())) {
      throw new AppError('invalid_input', `A profile named "${patch.name.trim()}" already exists; pick another name.`);
    }
    // Keys stay bound to the endpoint they were stored for: a new provider, URL or proxy puts them on hold.
    bindKeysWhereTheyAre(profile, config.settings.proxyUrl);
    if (patch.name !== undefined) profile.name = patch.name.trim();
    if (patch.providerKey !== undefined) profile.providerKey = patch.providerKey;
    if (patch.baseUrl !== undefined) profile.baseUrl = patch.baseUrl.trim() || undefined;
    if (patch.defaultModel !== undefined) profile.defaultModel = patch.defaultModel.trim() || undefined;
    if (patch.extraHeaders !== undefined) profile.extraHeaders = patch.extraHeaders;
    if (patch.options !== undefined) profile.options = patch.options;
    if (patch.recentModel)
      profile.recentModels = [patch.recentModel, ...profile.recentModels.filter((m) => m !== patch.recentModel)].slice(0, 12);
    profile.updatedAt = Date.now();
    updated = profile;
  });
  return updated!;
}

export async function deleteProfile(ctx: HostContext, id: string): Promise<void> {
  const profile = await getProfile(ctx, id);
  const store = await profileSecrets(ctx);
  for (const { slot } of profile.keySlots) await store.delete(keyAccount(id, slot)).catch(() => false);
  await ctx.config.update((config) => {
    config.profiles = config.profiles.filter((p) => p.id !== id);
  });
}

/** Stores a key (or a sign-in's tokens, with their own `hint`) in the keychain for a profile slot. */
export async function setProfileKey(
  ctx: HostContext,
  id: string,
  slot: number,
  key: string,
  label?: string,
): Promise<{ hasKey: true; hint: string }> {
  const value = key.trim();
  if (!value) throw new AppError('invalid_input', 'The key is empty. Paste the whole key.');
  if (/\s/.test(value)) throw new AppError('invalid_input', 'The key contains spaces or line breaks; paste it again without them.');
  registerSecret(value);
  const existing = await getProfile(ctx, id);
  const { proxyUrl } = (await ctx.config.read()).settings;
  // A new key is given for the endpoint as it is now; keys in other slots on hold must not ride along.
  if (keysOnHold(existing, proxyUrl).length > 0 && existing.keySlots.some((s) => s.slot !== slot)) {
    throw new AppError(
      'keys_on_hold',
      `The other keys of "${existing.name}" are on hold (${describeChanges(keysOnHold(existing, proxyUrl))}). Confirm the new endpoint or remove those keys first.`,
    );
  }
  await (await profileSecrets(ctx)).set(keyAccount(id, slot), value);
  const hint = label ?? keyHint(value);
  await ctx.config.update((config) => {
    const profile = config.profiles.find((p) => p.id === id);
    if (!profile) throw new AppError('not_found', 'That profile no longer exists.');
    profile.keySlots = [...profile.keySlots.filter((s) => s.slot !== slot), { slot, hint, updatedAt: Date.now() }].sort(
      (a, b) => a.slot - b.slot,
    );
    profile.keyBinding = endpointOf(profile, config.settings.proxyUrl);
    profile.updatedAt = Date.now();
  });
  return { hasKey: true, hint };
}

export async function deleteProfileKey(ctx: HostContext, id: string, slot: number): Promise<void> {
  await (await profileSecrets(ctx)).delete(keyAccount(id, slot));
  await ctx.config.update((config) => {
    const profile = config.profiles.find((p) => p.id === id);
    if (!profile) return;
    profile.keySlots = profile.keySlots.filter((s) => s.slot !== slot);
    if (profile.keySlots.length === 0) delete profile.keyBinding;
  });
}

/** The user confirmed that the profile's keys may go to its provider, endpoint and proxy as they are now. */
export async function confirmEndpoint(ctx: HostContext, id: string): Promise<Profile> {
  let confirmed: Profile | undefined;
  await ctx.config.update((config) => {
    const profile = config.profiles.find((p) => p.id === id);
    if (!profile) throw new AppError('not_found', 'That profile no longer exists.');
    profile.keyBinding = endpointOf(profile, config.settings.proxyUrl);
    profile.updatedAt = Date.now();
    confirmed = profile;
  });
  return confirmed!;
}

export type CredentialOrigin = 'keychain' | 'env' | 'memory' | 'default';

export interface ProfileCredential {
  value: string;
  source: CredentialOrigin;
  slot?: number;
  envVar?: string;
}

/** Keychain failures that mean "there is no keychain here" (the in-memory opt-in may then apply). */
function markKeychain(ctx: HostContext, error: unknown): void {
  const probe = ctx.use(keychainProbe);
  probe.unavailable = (error as { code?: string }).code === 'keychain_unavailable';
  probe.lastError = (error as Error).message;
}

/**
 * The key a request with this profile uses: the slot's keychain entry (slot 0 unless asked), then
 * the provider's environment variables. When no keychain exists at all, an env var may stand in
 * (keys from env vars work read-only without a keychain). A locked keyring, or a key recorded in
 * config.json but gone from the keychain, is an error: the request must not go out without the
 * profile's own key, nor with some other key.
 */
export async function resolveProfileCredential(ctx: HostContext, profile: Profile, slot?: number): Promise<ProfileCredential | null> {
  const entry = findProvider(profile.providerKey) ?? resolveProviderKey(profile.providerKey).entry;
  const held = keysOnHold(profile, (await ctx.config.read()).settings.proxyUrl);
  if (held.length > 0) {
    throw new AppError(
      'keys_on_hold',
      `The keys of "${profile.name}" are on hold: ${describeChanges(held)}. Nothing was sent. Confirm the new endpoint on the Providers page (or run: switchyard keys confirm "${profile.name}"), or remove the keys.`,
      { changes: held },
    );
  }
  const wanted = slot ?? profile.keySlots[0]?.slot;
  let keychainFailure: unknown = null;
  if (wanted !== undefined && profile.keySlots.some((s) => s.slot === wanted)) {
    try {
      const store = await profileSecrets(ctx);
      const value = await store.get(keyAccount(profile.id, wanted));
      if (value) return { value, source: store.backend.startsWith('memory') ? 'memory' : 'keychain', slot: wanted };
      throw new AppError(
        'key_missing',
        `The key in slot ${wanted} of "${profile.name}" is no longer in the keychain (it was removed outside Switchyard). Paste it again on the Providers page, or run: switchyard keys set "${profile.name}" --slot ${wanted}`,
      );
    } catch (error) {
      markKeychain(ctx, error);
      if ((error as { code?: string }).code !== 'keychain_unavailable') throw error;
      keychainFailure = error;
    }
  }
  const fromEnv = resolveCredential(entry, undefined, ctx.env);
  if (fromEnv.value && fromEnv.source.kind === 'env') return { value: fromEnv.value, source: 'env', envVar: fromEnv.source.name };
  if (keychainFailure) throw keychainFailure;
  if (fromEnv.value) return { value: fromEnv.value, source: 'default' };
  return null;
}

export interface KeychainStatus {
  available: boolean;
  backend: string;
  code?: string;
  error?: string;
  inMemory: boolean;
  /** Keys recorded in config.json (the keychain is never listed: see keychain.ts). */
  keys: number;
}

/** Whether keys can be read and saved now, for the Settings page and `switchyard keys status`. */
export async function keychainStatus(ctx: HostContext): Promise<KeychainStatus> {
  const store = ctx.keychain;
  const config = await ctx.config.read();
  const keys = config.profiles.reduce((sum, profile) => sum + profile.keySlots.length, 0);
  try {
    await store.check();
    ctx.use(keychainProbe).unavailable = false;
    ctx.use(keychainProbe).lastError = null;
    return { available: true, backend: store.backend, inMemory: false, keys };
  } catch (error) {
    markKeychain(ctx, error);
    const code = (error as { code?: string }).code ?? 'keychain_unavailable';
    return {
      available: false,
      backend: store.backend,
      code,
      error: (error as Error).message,
      inMemory: config.settings.allowInMemoryKeys && code === 'keychain_unavailable',
      keys,
    };
  }
}

/** Keys found in environment variables, by provider, to offer importing them into the keychain. */
export function detectKeysInEnv(ctx: HostContext): Array<{ providerKey: string; displayName: string; envVar: string; hint: string }> {
  const found: Array<{ providerKey: string; displayName: string; envVar: string; hint: string }> = [];
  const seen = new Set<string>();
  for (const name of Object.keys(ctx.env).sort()) {
    const value = ctx.env[name]?.trim();
    if (!value || seen.has(name)) continue;
    const provider = resolveEnvOwner(name);
    if (!provider) continue;
    seen.add(name);
    registerSecret(value);
    found.push({ providerKey: provider.key, displayName: provider.displayName, envVar: name, hint: keyHint(value) });
  }
  return found;
}

/** The provider whose key an env var holds (AWS credentials and CLI paths are not keys). */
function resolveEnvOwner(envVar: string) {
  if (/^AWS_|_PATH$/.test(envVar)) return undefined;
  return CATALOG.find((entry) => entry.envVars.includes(envVar));
}

export async function importKeyFromEnv(ctx: HostContext, envVar: string, name?: string): Promise<Profile> {
  const value = ctx.env[envVar]?.trim();
  const owner = resolveEnvOwner(envVar);
  if (!value || !owner) throw new AppError('not_found', `The environment variable ${envVar} is not set (or is not a provider key).`);
  const profile = await createProfile(ctx, {
    name: name ?? uniqueName(await listProfiles(ctx), owner.displayName),
    providerKey: owner.key,
  });
  await setProfileKey(ctx, profile.id, 0, value);
  return getProfile(ctx, profile.id);
}

/** `base`, or `base 2`, `base 3`… — the first name no profile has yet. */
export function uniqueName(profiles: Profile[], base: string): string {
  const names = new Set(profiles.map((p) => p.name.toLowerCase()));
  if (!names.has(base.toLowerCase())) return base;
  for (let i = 2; ; i += 1) if (!names.has(`${base} ${i}`.toLowerCase())) return `${base} ${i}`;
}

/** Which provider catalog entry a profile uses (for labels and locality). */
export function providerOf(profile: Profile) {
  return resolveProviderKey(profile.providerKey);
}
