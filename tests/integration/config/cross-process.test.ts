// Several processes write config.json (the app, browser mode, the CLI). Each update re-reads the
// file under a lock and applies its change to what is there, so none erases another's work, and
// the running host sees what the CLI wrote.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportConfig } from '../../../electron/services/config-export';
import { defaultConfig } from '../../../electron/config/schema';
import { ConfigStore } from '../../../electron/config/store';
import { keyAccount, KeytarStore } from '../../../electron/secrets/keychain';
import { createTestHost, type TestHost } from '../../helpers/host';
import { savedProfile } from '../../helpers/saved-profile';
import { callHost } from '../../helpers/call';
import { CLI_ENTRY } from '../../helpers/cli-entry';

const run = promisify(execFile);
const hasSecretService = process.platform !== 'linux' || Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const root = path.resolve(import.meta.dirname, '../../..');
const tsx = (file: string, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', file, ...args], { cwd: root, timeout: 60_000, env: { ...process.env } });

describe('config.json written by several processes', () => {
  let host: TestHost;
  beforeEach(async () => {
    host = await createTestHost();
  });
  afterEach(() => host.cleanup());

  const call = <T>(method: string, input: unknown) => callHost<T>(host, method, input);

  it('keeps the profiles `switchyard config import` added while the host was running, and tells the host', async () => {
    await call('profiles.create', { name: 'Before', providerKey: 'openai' });
    expect((await call<{ profiles: unknown[] }>('profiles.list', {})).profiles).toHaveLength(1);
    const changed = new Promise<void>((resolve) => host.ctx.subscribe((event) => event === 'profiles.changed' && resolve()));

    const exported = exportConfig({
      ...defaultConfig(),
      profiles: [savedProfile('imported-1', 'From the CLI', 'groq')],
    });
    const file = path.join(host.dataDir, 'shared.json');
    await writeFile(file, exported.content);
    await run(process.execPath, [...CLI_ENTRY, 'config', 'import', file], {
      env: { ...process.env, SWITCHYARD_HOME: host.dataDir },
      timeout: 60_000,
    });

    // The watcher tells the open pages to refresh…
    await changed;
    expect((await call<{ profiles: Array<{ name: string }> }>('profiles.list', {})).profiles.map((p) => p.name)).toEqual([
      'Before',
      'From the CLI',
    ]);
    // …and the host's next write keeps what the CLI wrote.
    await call('settings.update', { theme: 'dark' });
    const onDisk = JSON.parse(await readFile(path.join(host.dataDir, 'config.json'), 'utf8'));
    expect(onDisk.profiles.map((p: { name: string }) => p.name)).toEqual(['Before', 'From the CLI']);
    expect(onDisk.settings.theme).toBe('dark');
  });

  it.skipIf(!hasSecretService)('keeps the record of a key `switchyard keys set` saved while the host was running', async () => {
    const { id } = await call<{ id: string }>('profiles.create', { name: 'Work', providerKey: 'openai' });
    await call('settings.update', { theme: 'light' });
    const key = 'sk-race-0123456789abcdefghijklmn';
    const cliEnv = { ...process.env, SWITCHYARD_HOME: host.dataDir, SWITCHYARD_KEYCHAIN_SERVICE: host.keychainService };
    const child = execFile(process.execPath, [...CLI_ENTRY, 'keys', 'set', 'Work'], {
      env: cliEnv,
      timeout: 60_000,
    });
    child.stdin!.end(key);
    await new Promise((resolve) => child.once('exit', resolve));
    // The host writes next, from what it had cached before: the key's record must survive.
    await call('settings.update', { theme: 'dark' });
    const onDisk = JSON.parse(await readFile(path.join(host.dataDir, 'config.json'), 'utf8'));
    expect(onDisk.profiles[0].keySlots).toEqual([{ slot: 0, hint: 'sk-…klmn', updatedAt: expect.any(Number) }]);
    expect((await call<{ profiles: Array<{ keySource: string }> }>('profiles.list', {})).profiles[0]!.keySource).toBe('keychain');
    await new KeytarStore(host.keychainService).delete(keyAccount(id, 0));
  });

  it('loses no update when two other processes and the host write at the same time', async () => {
    const racer = path.join(root, 'tests/helpers/config-racer.ts');
    const store = new ConfigStore(host.dataDir);
    const hostWrites = (async () => {
      for (let i = 0; i < 30; i += 1) {
        await store.update((config) => {
          config.routes.push({ id: `host-${i}`, hint: `host-${i}`, chainId: 'c' });
        });
      }
    })();
    await Promise.all([tsx(racer, host.dataDir, 'cli-a', '30'), tsx(racer, host.dataDir, 'cli-b', '30'), hostWrites]);
    const ids = (await new ConfigStore(host.dataDir).read()).routes.map((r) => r.id);
    expect(ids).toHaveLength(90);
    for (const tag of ['host', 'cli-a', 'cli-b']) expect(ids.filter((id) => id.startsWith(`${tag}-`))).toHaveLength(30);
  }, 120_000);

  it('takes over the lock of a writer that was killed while holding it', async () => {
    const lock = path.join(host.dataDir, 'config.json.lock');
    // A pid that does not exist: what a writer killed with -9 leaves behind.
    const { stdout } = await run(process.execPath, ['-e', 'console.log(process.pid)']);
    await writeFile(lock, `${stdout.trim()}\nleft-behind\n`);
    await new ConfigStore(host.dataDir).update((config) => {
      config.settings.theme = 'light';
    });
    expect((await new ConfigStore(host.dataDir).read()).settings.theme).toBe('light');
    await expect(readFile(lock)).rejects.toThrow(/ENOENT/);
  });
});
