import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { keyAccount, keyHint, KeytarStore } from '../../../electron/secrets/keychain';
import { clearKnownSecrets, redactSecrets } from '../../../electron/secrets/redact';

const run = promisify(execFile);
// npm test runs inside dbus-run-session with an unlocked gnome-keyring (scripts/test.sh).
const hasSecretService = process.platform !== 'linux' || Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);

describe.skipIf(!hasSecretService)('OS keychain (real Secret Service)', () => {
  const service = `Switchyard-test-${randomBytes(6).toString('hex')}`;
  const store = new KeytarStore(service);

  afterEach(async () => {
    for (const account of await store.list()) await store.delete(account);
    clearKnownSecrets();
  });

  it('stores, reads, lists and deletes a key per profile and slot', async () => {
    const key = `sk-test-${randomBytes(16).toString('hex')}`;
    await store.set(keyAccount('p1', 0), key);
    await store.set(keyAccount('p1', 1), `${key}-second`);
    expect(await store.get(keyAccount('p1', 0))).toBe(key);
    expect(await store.list()).toEqual([keyAccount('p1', 0), keyAccount('p1', 1)]);
    expect(await store.delete(keyAccount('p1', 0))).toBe(true);
    expect(await store.get(keyAccount('p1', 0))).toBeNull();
    // A key read from the keychain is redacted wherever it appears later.
    expect(redactSecrets(`echo ${key}-second`)).toBe('echo [REDACTED]');
  });
});

describe('keychain without D-Bus', () => {
  it('fails fast with the typed "unavailable" error instead of hanging', async () => {
    const env = { ...process.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const started = Date.now();
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, '../../helpers/keychain-probe.ts'), '2000'],
      { env, timeout: 15_000 },
    );
    const outcome = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(outcome.ok).toBe(false);
    expect(['keychain_unavailable', 'keychain_timeout']).toContain(outcome.code);
    expect(outcome.message).toMatch(/keychain|Secret Service/i);
    expect(outcome.ms).toBeLessThan(2_500);
    expect(Date.now() - started).toBeLessThan(14_000);
  });
});

describe('key hints', () => {
  it('show enough to recognise a key and never the key', () => {
    expect(keyHint('sk-proj-abcdefghijklmnop9fA2')).toBe('sk-…9fA2');
    expect(keyHint('short1234')).toBe('…34');
  });
});
