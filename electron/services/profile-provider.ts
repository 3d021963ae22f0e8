// The provider behind one saved profile: its keychain key (or a given key slot), base URL, headers,
// options, the proxy from Settings and, for Codex, the host's shared token keeper. Chat, compare,
// chains, prices and the connection test all open providers through this.
import type { HostContext } from '../host/context';
import { createProvider } from '../providers/factory';
import type { Provider } from '../providers/traits';
import { codexLogins } from './codex-login';
import { getProfile, providerOf, resolveProfileCredential } from './profiles';

/** The provider of one profile, with its keychain key, base URL, headers and options. */
export async function providerForProfile(ctx: HostContext, profileId: string, slot?: number): Promise<{ provider: Provider; profileName: string; providerKey: string; keySlot?: number; local: boolean }> {
  const profile = await getProfile(ctx, profileId);
  const credential = await resolveProfileCredential(ctx, profile, slot);
  const { proxyUrl, noProxy } = (await ctx.config.read()).settings;
  // A proxy set in Settings wins over the environment's.
  const env = { ...ctx.env, ...(proxyUrl && { HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl }), ...(noProxy && { NO_PROXY: noProxy }) };
  const entry = providerOf(profile).entry;
  // A Codex profile's tokens refresh themselves; every request of this host shares one keeper.
  const codexAuth = entry.adapter === 'openai-codex' ? ctx.use(codexLogins).authFor(profile.id) : undefined;
  // A custom endpoint is known to the user by the profile's name, not as "Custom provider".
  const displayName = /^(anthropic-)?custom:/.test(profile.providerKey) ? profile.name : undefined;
  const provider = createProvider(profile.providerKey, { credential: credential?.value, baseUrl: profile.baseUrl, options: profile.options, headers: profile.extraHeaders, env, codexAuth, displayName });
  return { provider, profileName: profile.name, providerKey: profile.providerKey, keySlot: credential?.slot, local: entry.local };
}
