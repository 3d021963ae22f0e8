// Keys are bound to where they may go: the provider, the endpoint's origin and the proxy in force
// when the key was stored or last confirmed. When any of them changes (an edit, an imported file,
// a shared config that reuses a profile's id), the profile's keys are on hold: no request carries
// them until the user confirms the new endpoint. A shared configuration file can therefore never
// move a key somewhere else.
import type { EndpointChange } from '../../shared/api/profiles';
export { describeChanges } from '../../shared/endpoint-changes';
import type { Config, KeyBinding, Profile } from '../config/schema';
import { resolveProviderKey } from '../providers/catalog';

function originOf(url: string): string {
  const text = url.trim();
  if (!text) return '';
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`).origin;
  } catch {
    return text;
  }
}

/** Where a request with this profile goes now. */
export function endpointOf(profile: Pick<Profile, 'providerKey' | 'baseUrl'>, proxyUrl: string | undefined): KeyBinding {
  let provider = profile.providerKey;
  let base = profile.baseUrl?.trim() ?? '';
  try {
    const resolved = resolveProviderKey(profile.providerKey);
    provider = resolved.entry.key;
    base ||= resolved.baseUrl;
  } catch {
    // an unknown provider is its own name; such a profile cannot send anything anyway
  }
  return { provider, origin: originOf(base), proxy: originOf(proxyUrl ?? '') };
}

export function endpointChanges(from: KeyBinding, to: KeyBinding): EndpointChange[] {
  const changes: EndpointChange[] = [];
  if (from.provider !== to.provider) changes.push({ what: 'provider', from: from.provider, to: to.provider });
  if (from.origin !== to.origin)
    changes.push({ what: 'endpoint', from: from.origin || '(the provider’s default)', to: to.origin || '(the provider’s default)' });
  if (from.proxy !== to.proxy) changes.push({ what: 'proxy', from: from.proxy || 'no proxy', to: to.proxy || 'no proxy' });
  return changes;
}

/** What changed since this profile's keys were bound; empty when they may be sent. */
export function keysOnHold(profile: Profile, proxyUrl: string | undefined): EndpointChange[] {
  if (profile.keySlots.length === 0 || !profile.keyBinding) return [];
  return endpointChanges(profile.keyBinding, endpointOf(profile, proxyUrl));
}

/**
 * Records where the keys are bound now, for a profile saved before bindings existed. Called before
 * anything about the profile changes, so that the change is caught.
 */
export function bindKeysWhereTheyAre(profile: Profile, proxyUrl: string | undefined): void {
  if (profile.keySlots.length > 0 && !profile.keyBinding) profile.keyBinding = endpointOf(profile, proxyUrl);
}

/**
 * The user changed the proxy in Settings: profiles whose keys could be sent before follow it (the
 * Settings page says every request goes through the proxy); keys already on hold stay on hold.
 */
export function followProxyChange(config: Config, previousProxy: string | undefined): void {
  for (const profile of config.profiles) {
    bindKeysWhereTheyAre(profile, previousProxy);
    if (profile.keyBinding && keysOnHold(profile, previousProxy).length === 0)
      profile.keyBinding = endpointOf(profile, config.settings.proxyUrl);
  }
}
