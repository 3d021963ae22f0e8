// The provider behind one profile: its keychain key (or a given key slot), base URL, headers,
// options, the proxy from Settings and the sign-ins it may use (services/sign-ins.ts). Chat, compare,
// chains, prices and the connection test all open providers through this.
import type { Profile } from '../config/schema';
import type { HostContext } from '../host/context';
import { createProvider } from '../providers/factory';
import type { Provider } from '../providers/traits';
import { getProfile, providerOf, resolveProfileCredential } from './profiles';
import { profileSignIns } from './sign-ins';

export interface OpenedProfile {
  provider: Provider;
  profileName: string;
  providerKey: string;
  keySlot?: number;
  local: boolean;
}

/** The provider of one saved profile, with its keychain key, base URL, headers and options. */
export async function providerForProfile(ctx: HostContext, profileId: string, slot?: number): Promise<OpenedProfile> {
  const profile = await getProfile(ctx, profileId);
  return openProfile(ctx, profile, await resolveProfileCredential(ctx, profile, slot));
}

/** A profile's provider with the given credential; also for a profile not saved yet (testing a key before saving). */
export async function openProfile(
  ctx: HostContext,
  profile: Profile,
  credential: { value: string; slot?: number } | null,
): Promise<OpenedProfile> {
  const { proxyUrl, noProxy } = (await ctx.config.read()).settings;
  // A proxy set in Settings wins over the environment's.
  const env = { ...ctx.env, ...(proxyUrl && { HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl }), ...(noProxy && { NO_PROXY: noProxy }) };
  const entry = providerOf(profile).entry;
  // A custom endpoint is known to the user by the profile's name, not as "Custom provider".
  const displayName = /^(anthropic-)?custom:/.test(profile.providerKey) ? profile.name : undefined;
  const provider = createProvider(profile.providerKey, {
    credential: credential?.value,
    baseUrl: profile.baseUrl,
    options: profile.options,
    headers: profile.extraHeaders,
    env,
    signIns: profileSignIns(ctx, profile.id),
    displayName,
  });
  return { provider, profileName: profile.name, providerKey: profile.providerKey, keySlot: credential?.slot, local: entry.local };
}
