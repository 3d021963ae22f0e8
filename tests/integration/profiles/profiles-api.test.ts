import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyAccount, KeytarStore } from '../../../electron/secrets/keychain';
import { clearKnownSecrets } from '../../../electron/secrets/redact';
import { getProfile, resolveProfileCredential } from '../../../electron/services/profiles';
import { createTestHost, type TestHost } from '../../helpers/host';
import { callHost } from '../../helpers/call';
import { forgetHostKeys } from '../../helpers/host-keys';

const hasSecretService = process.platform !== 'linux' || Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const KEY = 'sk-proj-profiles0123456789abcdefXYZ1';

describe.skipIf(!hasSecretService)('profiles API with the real keychain', () => {
  let host: TestHost;
  beforeEach(async () => {
    host = await createTestHost({
      env: { OPENAI_API_KEY: 'sk-proj-fromenv000000000000000001', MISTRAL_API_KEY: 'mistral-env-key-0000001' },
    });
  });
  afterEach(async () => {
    await forgetHostKeys(host);
    clearKnownSecrets();
    await host.cleanup();
  });

  const call = <T = Record<string, unknown>>(method: string, input: unknown) => callHost<T>(host, method, input);

  it('creates a profile with a key: the keychain has it, the result and the config file only a hint', async () => {
    const created = await call<{ id: string; hasKey: boolean; keySlots: Array<{ hint: string }>; keySource: string }>('profiles.create', {
      name: 'Work',
      providerKey: 'openai',
      key: KEY,
      defaultModel: 'gpt-4o',
    });
    expect(created).toMatchObject({ hasKey: true, keySource: 'keychain', keySlots: [{ slot: 0, hint: 'sk-…XYZ1' }] });
    expect(JSON.stringify(created)).not.toContain(KEY);
    expect(await new KeytarStore(host.keychainService).get(keyAccount(created.id, 0))).toBe(KEY);
    expect(await readFile(path.join(host.dataDir, 'config.json'), 'utf8')).not.toContain(KEY);
    const profile = await getProfile(host.ctx, created.id);
    expect(await resolveProfileCredential(host.ctx, profile)).toEqual({ value: KEY, source: 'keychain', slot: 0 });
  });

  it('rotates through key slots and deletes the keychain entries with the profile', async () => {
    const { id } = await call<{ id: string }>('profiles.create', { name: 'Rotating', providerKey: 'mistral' });
    await call('profiles.setKey', { profileId: id, slot: 0, key: 'mistral-slot-zero-abcdef' });
    const second = await call<{ hint: string }>('profiles.setKey', { profileId: id, slot: 1, key: 'mistral-slot-one-ghijkl' });
    expect(second.hint).toBe('mis…ijkl');
    const profile = await getProfile(host.ctx, id);
    expect((await resolveProfileCredential(host.ctx, profile, 1))?.value).toBe('mistral-slot-one-ghijkl');
    await call('profiles.delete', { id });
    expect(await new KeytarStore(host.keychainService).list()).toEqual([]);
  });

  it("falls back to the provider's env var, read-only, when the profile has no key", async () => {
    const created = await call<{ id: string; keySource: string; envVar: string }>('profiles.create', {
      name: 'From env',
      providerKey: 'openai',
    });
    expect(created).toMatchObject({ keySource: 'env', envVar: 'OPENAI_API_KEY' });
    expect((await resolveProfileCredential(host.ctx, await getProfile(host.ctx, created.id)))?.source).toBe('env');
  });

  it('finds keys in env vars and imports one into the keychain', async () => {
    const { found } = await call<{ found: Array<{ envVar: string; providerKey: string; hint: string }> }>('profiles.detectFromEnv', {});
    expect(found.map((f) => [f.envVar, f.providerKey])).toEqual([
      ['MISTRAL_API_KEY', 'mistral'],
      ['OPENAI_API_KEY', 'openai'],
    ]);
    expect(JSON.stringify(found)).not.toContain('mistral-env-key-0000001');
    const imported = await call<{ id: string; keySource: string; name: string }>('profiles.importFromEnv', { envVar: 'MISTRAL_API_KEY' });
    expect(imported).toMatchObject({ name: 'Mistral', keySource: 'keychain' });
    expect(await new KeytarStore(host.keychainService).get(keyAccount(imported.id, 0))).toBe('mistral-env-key-0000001');
  });

  it('refuses a duplicate name, an unknown provider and an empty key with clear messages', async () => {
    await call('profiles.create', { name: 'One', providerKey: 'groq' });
    await expect(call('profiles.create', { name: 'one', providerKey: 'groq' })).rejects.toThrow(/already exists/);
    await expect(call('profiles.create', { name: 'Two', providerKey: 'opnai' })).rejects.toThrow(/Did you mean "openai"/);
    await expect(call('profiles.create', { name: '', providerKey: 'groq' })).rejects.toThrow(/Give the profile a name/);
  });

  it('duplicates a profile without its keys', async () => {
    const { id } = await call<{ id: string }>('profiles.create', {
      name: 'Base',
      providerKey: 'openai',
      key: KEY,
      baseUrl: 'http://127.0.0.1:9/v1',
    });
    const copy = await call<{ name: string; keySlots: unknown[]; baseUrl: string }>('profiles.duplicate', { id });
    expect(copy).toMatchObject({ name: 'Base (copy)', keySlots: [], baseUrl: 'http://127.0.0.1:9/v1' });
  });
});
