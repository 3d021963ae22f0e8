// A profile's view says which kind of sign-in the app runs for it instead of a key, from its
// provider family's descriptor: the Providers page shows the sign-in view of that kind and never
// asks which provider it is.
import { afterEach, describe, expect, it } from 'vitest';
import type { ProfileView } from '../../../shared/api/profiles';
import { dispatch } from '../../../electron/api/dispatch';
import { CATALOG } from '../../../electron/providers/catalog-data';
import { profileSignIn } from '../../../electron/providers/factory';
import { familyFor } from '../../../electron/providers/families';
import { createTestHost, type TestHost } from '../../helpers/host';

describe('the sign-in kind in a profile view', () => {
  let host: TestHost | undefined;
  afterEach(async () => {
    await host?.cleanup();
    host = undefined;
  });

  async function call<T>(method: string, input: unknown): Promise<T> {
    const reply = await dispatch(host!.ctx, method as 'profiles.list', input as never);
    if (!reply.ok) throw new Error(`${method}: ${JSON.stringify(reply.error)}`);
    return reply.result as T;
  }

  async function created(providerKey: string): Promise<ProfileView> {
    host ??= await createTestHost();
    const profile = await call<ProfileView>('profiles.create', { name: `A ${providerKey}`, providerKey });
    const { profiles } = await call<{ profiles: ProfileView[] }>('profiles.list', {});
    const listed = profiles.find((p) => p.id === profile.id)!;
    expect(listed.signIn).toEqual(profile.signIn);
    return listed;
  }

  it('is a device-code sign-in with GitHub for Copilot, also under its alias', async () => {
    const expected = { kind: 'device-code', service: 'GitHub', product: 'GitHub Copilot' };
    expect((await created('copilot')).signIn).toEqual(expected);
    expect((await created('github-copilot')).signIn).toEqual(expected);
  });

  it('is a browser sign-in with ChatGPT for OpenAI Codex, also under its alias', async () => {
    const expected = { kind: 'browser-oauth', service: 'ChatGPT', product: 'OpenAI Codex' };
    expect((await created('openai-codex')).signIn).toEqual(expected);
    expect((await created('codex')).signIn).toEqual(expected);
  });

  it('is absent for key providers, Gemini (whose CLI sign-in is only read) and a profile whose provider is unknown', async () => {
    for (const providerKey of ['openai', 'anthropic', 'gemini', 'ollama']) expect(await created(providerKey)).not.toHaveProperty('signIn');
    const unknown = await call<ProfileView>('profiles.create', { name: 'Odd', providerKey: 'copilot' });
    await host!.ctx.config.update((config) => ({
      ...config,
      profiles: config.profiles.map((p) => (p.id === unknown.id ? { ...p, providerKey: 'no-such-provider' } : p)),
    }));
    const { profiles } = await call<{ profiles: ProfileView[] }>('profiles.list', {});
    expect(profiles.find((p) => p.id === unknown.id)).toMatchObject({ adapter: 'unknown' });
    expect(profiles.find((p) => p.id === unknown.id)).not.toHaveProperty('signIn');
  });

  it('names the account the sign-in recorded in the options, and nothing for a value that is not a name', async () => {
    const profile = await created('copilot');
    const patched = async (options: Record<string, unknown>) =>
      (await call<ProfileView>('profiles.update', { id: profile.id, patch: { options } })).signIn;
    expect(await patched({ githubAccount: 'mona' })).toMatchObject({ kind: 'device-code', account: 'mona' });
    expect(await patched({ githubAccount: 42 })).not.toHaveProperty('account');
    expect(await patched({ githubAccount: '   ' })).not.toHaveProperty('account');
    // Another sign-in's account is not this one's.
    expect(await patched({ codexAccount: 'user@example.com' })).not.toHaveProperty('account');
  });

  it('comes from the family descriptor for every catalog provider, and only families that take no key declare one', () => {
    for (const entry of CATALOG) {
      const family = familyFor(entry.adapter)!;
      const signIn = profileSignIn(entry, {});
      expect([entry.key, signIn?.kind]).toEqual([entry.key, family.signInFlow?.kind]);
      if (family.signInFlow) expect([entry.key, family.keyField]).toEqual([entry.key, false]);
    }
    expect(CATALOG.filter((entry) => profileSignIn(entry, {})).map((entry) => entry.key)).toEqual(['openai-codex', 'copilot']);
  });
});
