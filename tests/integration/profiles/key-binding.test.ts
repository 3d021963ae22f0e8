// Keys are bound to where they may go (provider, endpoint origin, proxy). A shared configuration
// file that reuses a profile's id, or an edit, that changes any of them puts the keys on hold: no
// request carries them until the user confirms, and the import summary lists every change.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch';
import { exportConfig } from '../../../electron/services/config-export';
import { defaultConfig } from '../../../electron/config/schema';
import { clearKnownSecrets } from '../../../electron/secrets/redact';
import { startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai';
import { createTestHost, type TestHost } from '../../helpers/host';
import { savedProfile } from '../../helpers/saved-profile';
import { callHost } from '../../helpers/call';
import { forgetHostKeys } from '../../helpers/host-keys';

const hasSecretService = process.platform !== 'linux' || Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const KEY = `sk-bound-${randomBytes(12).toString('hex')}`;

describe.skipIf(!hasSecretService)('keys bound to their endpoint', () => {
  let host: TestHost;
  let trusted: FakeOpenAI;
  let attacker: FakeOpenAI;
  let profileId: string;

  beforeEach(async () => {
    host = await createTestHost();
    trusted = await startFakeOpenAI();
    attacker = await startFakeOpenAI();
    profileId = (
      await call<{ id: string }>('profiles.create', {
        name: 'Work',
        providerKey: 'openai',
        baseUrl: trusted.baseUrl,
        key: KEY,
        defaultModel: 'gpt-fake',
      })
    ).id;
  });
  afterEach(async () => {
    await forgetHostKeys(host);
    await trusted.close();
    await attacker.close();
    clearKnownSecrets();
    await host.cleanup();
  });

  const call = <T = Record<string, unknown>>(method: string, input: unknown) => callHost<T>(host, method, input);

  /** A shared file that keeps the profile's id and name but points it at `change`. */
  function sharedFile(change: Record<string, unknown>, settings?: Record<string, unknown>): string {
    const profile = savedProfile(profileId, 'Work', 'openai', { baseUrl: trusted.baseUrl, ...change });
    const file = JSON.parse(exportConfig({ ...defaultConfig(), profiles: [profile] }).content) as Record<string, unknown>;
    if (settings) file.settings = { ...defaultConfig().settings, ...settings };
    return JSON.stringify(file);
  }

  async function chatError(): Promise<{ code: string; message: string }> {
    const envelope = await dispatch(host.ctx, 'connection.test', { profileId, model: 'gpt-fake' });
    const stages = (envelope as { result: { stages: Array<{ verdict: string; error?: string }> } }).result.stages;
    const failed = stages.find((s) => s.verdict === 'fail');
    return { code: failed ? 'fail' : 'pass', message: failed?.error ?? '' };
  }

  function sawKey(fake: FakeOpenAI): boolean {
    return fake.requests.some((r) => JSON.stringify(r.headers).includes(KEY));
  }

  it('an imported file that points the profile elsewhere puts its keys on hold, lists the change, and nothing reaches the new endpoint', async () => {
    const summary = await call<{ endpointChanges: Array<{ profile: string; changes: Array<{ what: string; from: string; to: string }> }> }>(
      'config.import',
      { content: sharedFile({ baseUrl: attacker.baseUrl }) },
    );
    expect(summary.endpointChanges).toEqual([
      {
        profileId,
        profile: 'Work',
        changes: [{ what: 'endpoint', from: new URL(trusted.baseUrl).origin, to: new URL(attacker.baseUrl).origin }],
      },
    ]);

    const { profiles } = await call<{ profiles: Array<{ keysOnHold?: unknown[] }> }>('profiles.list', {});
    expect(profiles[0]!.keysOnHold).toHaveLength(1);
    const failure = await chatError();
    expect(failure.message).toMatch(
      /keys of "Work" are on hold: the endpoint changed from http:\/\/127\.0\.0\.1:\d+ to http:\/\/127\.0\.0\.1:\d+\. Nothing was sent/,
    );
    expect(attacker.requests).toHaveLength(0);

    // The user confirms on the Providers page: now, and only now, the key goes there.
    await call('profiles.confirmEndpoint', { id: profileId });
    expect((await chatError()).code).toBe('pass');
    expect(sawKey(attacker)).toBe(true);
  });

  it('a new provider under the same id, or a proxy from the file, holds the keys too', async () => {
    const provider = await call<{ endpointChanges: Array<{ changes: Array<{ what: string }> }> }>('config.import', {
      content: sharedFile({ providerKey: 'groq', baseUrl: undefined }),
    });
    expect(provider.endpointChanges[0]!.changes.map((c) => c.what)).toEqual(['provider', 'endpoint']);
    await call('profiles.update', { id: profileId, patch: { providerKey: 'openai', baseUrl: trusted.baseUrl } });
    // Back where the key was stored: no longer on hold.
    expect((await call<{ profiles: Array<{ keysOnHold?: unknown[] }> }>('profiles.list', {})).profiles[0]!.keysOnHold).toBeUndefined();

    const proxied = await call<{ endpointChanges: Array<{ changes: Array<{ what: string; to: string }> }> }>('config.import', {
      content: sharedFile({}, { proxyUrl: attacker.baseUrl }),
    });
    expect(proxied.endpointChanges[0]!.changes).toEqual([{ what: 'proxy', from: 'no proxy', to: new URL(attacker.baseUrl).origin }]);
    expect((await chatError()).message).toMatch(/the proxy changed from no proxy to/);
    expect(attacker.requests).toHaveLength(0);
    expect(trusted.requests).toHaveLength(0);
  });

  it('an edit of the endpoint holds the keys until confirmed; an edit of the name or model does not', async () => {
    await call('profiles.update', { id: profileId, patch: { name: 'Work (renamed)', defaultModel: 'gpt-fake-mini' } });
    expect((await chatError()).code).toBe('pass');
    await call('profiles.update', { id: profileId, patch: { baseUrl: attacker.baseUrl } });
    expect((await chatError()).message).toMatch(/on hold/);
    expect(attacker.requests).toHaveLength(0);
    // The key binding never holds a key: config.json names origins only.
    expect(await readFile(path.join(host.dataDir, 'config.json'), 'utf8')).not.toContain(KEY);
  });

  it('a proxy the user sets in Settings takes the keys along (they chose it there)', async () => {
    await call('settings.update', { proxyUrl: 'http://127.0.0.1:1' });
    expect((await call<{ profiles: Array<{ keysOnHold?: unknown[] }> }>('profiles.list', {})).profiles[0]!.keysOnHold).toBeUndefined();
  });
});
