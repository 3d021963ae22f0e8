import type { ProfileView } from '../../../shared/api/profiles';
import type { profileMethods } from '../../../shared/api/profiles';
import type { Profile } from '../../config/schema';
import { resolveProviderKey } from '../../providers/catalog';
import { otherCredential, profileSignIn, resolveCredential } from '../../providers/factory';
import { connectionResults } from '../../services/connection-results';
import { keysOnHold } from '../../services/key-binding';
import {
  confirmEndpoint,
  createProfile,
  deleteProfile,
  deleteProfileKey,
  detectKeysInEnv,
  getProfile,
  importKeyFromEnv,
  listProfiles,
  setProfileKey,
  updateProfile,
} from '../../services/profiles';
import type { HostContext } from '../../host/context';
import type { DomainHandlers } from './types';

/** The fields a view shows as they are stored (never a key: slots carry hints only). */
function storedFields(profile: Profile) {
  const { id, name, providerKey, baseUrl, defaultModel, recentModels, extraHeaders, options, keySlots, createdAt, updatedAt } = profile;
  return { id, name, providerKey, baseUrl, defaultModel, recentModels, extraHeaders, options, keySlots, createdAt, updatedAt };
}

/** What the renderer may know about a profile: hints and where the key would come from, no key. */
async function view(ctx: HostContext, profile: Profile): Promise<ProfileView> {
  let entry;
  try {
    entry = resolveProviderKey(profile.providerKey).entry;
  } catch (error) {
    // Shown with its problem, so that the other profiles stay usable.
    const problem = `${(error as Error).message} Edit the profile to pick a provider, or delete it.`;
    return {
      ...storedFields(profile),
      providerName: profile.providerKey,
      adapter: 'unknown',
      local: false,
      hasKey: profile.keySlots.length > 0,
      keySource: profile.keySlots.length > 0 ? 'keychain' : 'none',
      problem,
    };
  }
  const env = resolveCredential(entry, undefined, ctx.env);
  let keySource: ProfileView['keySource'] =
    profile.keySlots.length > 0 ? 'keychain' : env.source.kind === 'env' ? 'env' : env.source.kind === 'default' ? 'default' : 'none';
  // Without a key, some families fall back to a credential that is not one (the Gemini CLI's own sign-in, AWS credentials).
  const otherSource =
    keySource === 'none'
      ? env.source.kind === 'sign-in'
        ? env.source.label
        : otherCredential(entry, ctx.env, profile.options)
      : undefined;
  if (otherSource) keySource = 'signin';
  const lastTest = (await ctx.use(connectionResults).all())[profile.id];
  const held = keysOnHold(profile, (await ctx.config.read()).settings.proxyUrl);
  const signIn = profileSignIn(entry, profile.options);
  return {
    ...storedFields(profile),
    providerName: entry.displayName,
    adapter: entry.adapter,
    local: entry.local,
    hasKey: keySource !== 'none',
    keySource,
    ...(env.source.kind === 'env' && keySource === 'env' && { envVar: env.source.name }),
    ...(otherSource && { credentialLabel: otherSource }),
    ...(signIn && { signIn }),
    ...(lastTest && { lastTest }),
    ...(held.length > 0 && { keysOnHold: held }),
  };
}

function changed(ctx: HostContext): void {
  ctx.emit('profiles.changed', {});
}

export const profileHandlers: DomainHandlers<typeof profileMethods> = {
  'profiles.list': async (ctx) => {
    const profiles = await Promise.all((await listProfiles(ctx)).map((profile) => view(ctx, profile)));
    const unreadable = ctx.config.problems
      .filter((p) => p.section === 'profiles')
      .map(({ index, id, name, problem }) => ({
        index,
        ...(id && { id }),
        ...(name && { name }),
        problem: `${problem}. It stays in ${ctx.config.file} as it is; fix or remove it there.`,
      }));
    return { profiles, unreadable };
  },
  'profiles.create': async (ctx, { key, ...fields }) => {
    const profile = await createProfile(ctx, fields);
    if (key?.trim()) {
      try {
        await setProfileKey(ctx, profile.id, 0, key);
      } catch (error) {
        // Keep nothing half-made: a profile whose key could not be stored is removed again.
        await deleteProfile(ctx, profile.id).catch(() => undefined);
        throw error;
      }
    }
    changed(ctx);
    return view(ctx, await getProfile(ctx, profile.id));
  },
  'profiles.update': async (ctx, { id, patch }) => {
    const profile = await updateProfile(ctx, id, patch);
    changed(ctx);
    return view(ctx, profile);
  },
  'profiles.duplicate': async (ctx, { id }) => {
    const source = await getProfile(ctx, id);
    const names = new Set((await listProfiles(ctx)).map((p) => p.name.toLowerCase()));
    let name = `${source.name} (copy)`;
    for (let i = 2; names.has(name.toLowerCase()); i += 1) name = `${source.name} (copy ${i})`;
    const copy = await createProfile(ctx, {
      name,
      providerKey: source.providerKey,
      baseUrl: source.baseUrl,
      defaultModel: source.defaultModel,
      extraHeaders: source.extraHeaders,
      options: source.options,
    });
    changed(ctx);
    return view(ctx, copy);
  },
  'profiles.delete': async (ctx, { id }) => {
    await deleteProfile(ctx, id);
    await ctx.use(connectionResults).forget(id);
    changed(ctx);
    return { ok: true };
  },
  'profiles.setKey': async (ctx, { profileId, slot, key }) => {
    const result = await setProfileKey(ctx, profileId, slot, key);
    changed(ctx);
    return result;
  },
  'profiles.confirmEndpoint': async (ctx, { id }) => {
    const profile = await confirmEndpoint(ctx, id);
    changed(ctx);
    return view(ctx, profile);
  },
  'profiles.deleteKey': async (ctx, { profileId, slot }) => {
    await deleteProfileKey(ctx, profileId, slot);
    changed(ctx);
    return { ok: true };
  },
  'profiles.detectFromEnv': (ctx) => ({ found: detectKeysInEnv(ctx) }),
  'profiles.importFromEnv': async (ctx, { envVar, name }) => {
    const profile = await importKeyFromEnv(ctx, envVar, name);
    changed(ctx);
    return view(ctx, profile);
  },
};
