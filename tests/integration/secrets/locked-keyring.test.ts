// A locked Login keyring (gnome-keyring started without --unlock, as after a login that did not
// unlock it): keytar's findCredentials used to crash the process (exit 139) and getPassword answered
// "no key", so requests went out without one. Now: the typed keychain_locked error, everywhere.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostContext } from '../../../electron/host/context';
import { dispatch } from '../../../electron/api/dispatch';
import { clearKnownSecrets } from '../../../electron/secrets/redact';
import { createProfile } from '../../../electron/services/profiles';
import { startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai';
import { canRunKeyring, runWithUnlockedKeyring, startLockedKeyring, type LockedKeyring } from '../../helpers/keyring';
import { CLI_ENTRY } from '../../helpers/cli-entry';

const cli = (...args: string[]) => [process.execPath, ...CLI_ENTRY, ...args];
const KEY = 'sk-locked-test-0123456789abcdefghijkl';

describe.skipIf(!canRunKeyring)('a locked keyring (gnome-keyring without --unlock)', () => {
  let dir: string;
  let dataDir: string;
  let fake: FakeOpenAI;
  let keyring: LockedKeyring;
  let cliEnv: Record<string, string>;
  const service = `Switchyard-test-${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-keyring-'));
    dataDir = path.join(dir, 'data');
    fake = await startFakeOpenAI();
    cliEnv = { SWITCHYARD_HOME: dataDir, SWITCHYARD_KEYCHAIN_SERVICE: service };
    const setup = new HostContext({
      dataDir,
      keychainService: service,
      transport: 'cli',
      appVersion: 'test',
      electronVersion: null,
      env: {},
    });
    await createProfile(setup, { name: 'Local', providerKey: `custom:${fake.baseUrl}`, defaultModel: 'gpt-fake' });
    await setup.dispose();
    // The key is saved with the real CLI while the keyring is unlocked…
    const saved = await runWithUnlockedKeyring(dir, cli('keys', 'set', 'Local'), cliEnv, KEY);
    expect(saved.stdout + saved.stderr).toContain('Saved sk-…ijkl for Local');
    // …then the session ends and a new one starts with the same keyring, locked.
    keyring = await startLockedKeyring(dir);
  }, 120_000);

  afterAll(async () => {
    await keyring?.close();
    await fake?.close();
    clearKnownSecrets();
    await rm(dir, { recursive: true, force: true });
  });

  it('`switchyard keys status` says the keyring is locked and how to unlock it, without crashing', async () => {
    const status = await keyring.run(cli('keys', 'status'), cliEnv);
    expect(status.signal).toBeNull();
    expect(status.code).toBe(1);
    expect(status.stdout).toContain('Keychain: locked');
    expect(status.stderr).toMatch(/keyring is locked.*unlock the Login keyring/);
  });

  it('`switchyard chat` with the profile fails with keychain_locked and sends no request', async () => {
    const chat = await keyring.run(cli('chat', '--profile', 'Local', '-m', 'gpt-fake', 'hello'), cliEnv);
    expect(chat.signal).toBeNull();
    expect(chat.code).toBe(1);
    expect(chat.stderr).toMatch(/keyring is locked/);
    expect(fake.requests).toHaveLength(0);
  });

  describe('in the host (Settings page and chat)', () => {
    let ctx: HostContext;
    beforeAll(() => {
      // keytar (libsecret) connects to the session bus named here on its first call in this process.
      process.env.DBUS_SESSION_BUS_ADDRESS = keyring.address;
      ctx = new HostContext({
        dataDir,
        keychainService: service,
        transport: 'websocket',
        appVersion: 'test',
        electronVersion: null,
        env: {},
      });
    });
    afterAll(() => ctx.dispose());

    it('secrets.status reports keychain_locked with what to do', async () => {
      const status = await dispatch(ctx, 'secrets.status', {});
      expect(status).toMatchObject({ ok: true, result: { available: false, code: 'keychain_locked', inMemory: false } });
      expect((status as { result: { error: string } }).result.error).toMatch(/Unlock it/);
    });

    it('a chat answer fails with the locked-keyring message and no request reaches the provider', async () => {
      const profiles = await dispatch(ctx, 'profiles.list', {});
      const id = (profiles as { result: { profiles: Array<{ id: string }> } }).result.profiles[0]!.id;
      const sent = await dispatch(ctx, 'chat.send', { target: { kind: 'profile', profileId: id, model: 'gpt-fake' }, content: 'hi' });
      const { streamId } = (sent as { result: { streamId: string } }).result;
      const done = new Promise<{ message: { status: string; error: { message: string } } }>((resolve) => {
        ctx.subscribe((event, payload) => {
          if (event === 'chat.done' && (payload as { streamId: string }).streamId === streamId) resolve(payload as never);
        });
      });
      const { message } = await done;
      expect(message.status).toBe('error');
      expect(message.error.message).toMatch(/keyring is locked/);
      expect(fake.requests).toHaveLength(0);
    });
  });
});
