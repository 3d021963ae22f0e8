import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportConfig, importConfig } from '../../../electron/services/config-export';
import { ChainPolicy, Config, defaultConfig } from '../../../electron/config/schema';
import { ConfigStore } from '../../../electron/config/store';

describe('config store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-config-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('starts from defaults and persists updates atomically', async () => {
    const store = new ConfigStore(dir);
    expect(await store.read()).toEqual(defaultConfig());
    await store.update((config) => {
      config.settings.theme = 'dark';
    });
    const onDisk = Config.parse(JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8')));
    expect(onDisk.settings.theme).toBe('dark');
    expect(await readdir(dir)).toEqual(['config.json']);
  });

  it('loses nothing when 50 updates race', async () => {
    const store = new ConfigStore(dir);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.update((config) => {
          config.routes.push({ id: `r${i}`, hint: `h${i}`, chainId: 'c' });
        }),
      ),
    );
    const reread = await new ConfigStore(dir).read();
    expect(reread.routes.map((r) => r.id).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `r${i}`).sort());
  });

  it('moves a corrupt file aside, uses defaults and says where the old file is', async () => {
    await writeFile(path.join(dir, 'config.json'), '{"schemaVersion": 1, "profiles": [ {broken');
    const store = new ConfigStore(dir);
    expect(await store.read()).toEqual(defaultConfig());
    expect(store.recovery?.reason).toContain('not valid JSON');
    expect(path.basename(store.recovery!.movedTo)).toMatch(/^config\.json\.corrupt-\d{4}-/);
    expect(await readFile(store.recovery!.movedTo, 'utf8')).toContain('{broken');
  });

  it('moves aside a file that parses but breaks the schema, naming the field', async () => {
    await writeFile(path.join(dir, 'config.json'), JSON.stringify({ schemaVersion: 1, settings: { theme: 'purple' } }));
    const store = new ConfigStore(dir);
    await store.read();
    expect(store.recovery?.reason).toContain('settings.theme');
  });

  it('migrates a file written before schemaVersion existed', async () => {
    await writeFile(path.join(dir, 'config.json'), JSON.stringify({ settings: { theme: 'light' } }));
    const store = new ConfigStore(dir);
    expect((await store.read()).settings.theme).toBe('light');
    expect(store.recovery).toBeNull();
  });
});

describe('export and import', () => {
  const base = (): Config => ({
    ...defaultConfig(),
    profiles: [
      {
        id: 'p1',
        name: 'Work OpenAI',
        providerKey: 'openai',
        recentModels: ['gpt-4o'],
        extraHeaders: { 'x-team': 'ml' },
        options: {},
        keySlots: [{ slot: 0, hint: 'sk-…9fA2', updatedAt: 1 }],
        createdAt: 1,
        updatedAt: 2,
      },
    ],
    chains: [
      {
        id: 'c1',
        name: 'Main',
        targets: [{ profileId: 'p1', model: 'gpt-4o', fallbackModels: ['gpt-4o-mini'] }],
        policy: ChainPolicy.parse({}),
        requires: [],
        createdAt: 1,
        updatedAt: 1,
      },
    ],
    routes: [{ id: 'r1', hint: 'fast', chainId: 'c1' }],
  });

  it('round-trips profiles, chains, routes and settings, with no key hints', () => {
    const { content } = exportConfig(base());
    expect(content).not.toContain('9fA2');
    const { config, summary } = importConfig(defaultConfig(), content);
    expect(summary).toEqual({ profiles: 1, chains: 1, routes: 1, needKeys: ['Work OpenAI'], endpointChanges: [] });
    expect(config.profiles[0]).toMatchObject({ id: 'p1', name: 'Work OpenAI', extraHeaders: { 'x-team': 'ml' }, keySlots: [] });
    expect(config.chains).toEqual(base().chains);
    expect(config.routes).toEqual(base().routes);
  });

  it('keeps the keys of a profile that already exists here', () => {
    const { config, summary } = importConfig(base(), exportConfig(base()).content);
    expect(config.profiles[0]!.keySlots).toEqual(base().profiles[0]!.keySlots);
    expect(summary.needKeys).toEqual([]);
  });

  it('reports every problem at once and changes nothing', () => {
    const file = JSON.parse(exportConfig(base()).content);
    file.profiles[0].providerKey = 'not-a-provider';
    file.chains[0].targets[0].profileId = 'ghost';
    file.routes[0].chainId = 'nowhere';
    let problems: string[] = [];
    try {
      importConfig(defaultConfig(), JSON.stringify(file));
    } catch (error) {
      problems = (error as { details: { problems: string[] } }).details.problems;
    }
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/unknown provider "not-a-provider"[\s\S]*neither in the file nor here[\s\S]*does not exist/);
  });

  it('refuses a file that is not an export', () => {
    expect(() => importConfig(defaultConfig(), '{"hello": 1}')).toThrow(/format/);
    expect(() => importConfig(defaultConfig(), 'nope')).toThrow(/not JSON/);
  });
});
