// One bad profile must not hide the others: it is flagged, the rest work, and nothing is lost on
// the next write.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch';
import { createTestHost, type TestHost } from '../../helpers/host';
import { savedProfile } from '../../helpers/saved-profile';

describe('profiles.list with a bad profile in config.json', () => {
  let host: TestHost;
  let file: string;
  beforeEach(async () => {
    host = await createTestHost();
    file = path.join(host.dataDir, 'config.json');
  });
  afterEach(() => host.cleanup());

  async function list() {
    const envelope = await dispatch(host.ctx, 'profiles.list', {});
    if (!envelope.ok) throw new Error(envelope.error.message);
    return envelope.result as {
      profiles: Array<{ id: string; name: string; problem?: string }>;
      unreadable: Array<{ id?: string; name?: string; problem: string }>;
    };
  }

  it('shows a profile whose provider is unknown with its problem, next to the good ones', async () => {
    await writeFile(
      file,
      JSON.stringify({
        schemaVersion: 1,
        profiles: [savedProfile('a', 'Good', 'openai'), savedProfile('b', 'From the future', 'not-a-provider-yet')],
      }),
    );
    const { profiles } = await list();
    expect(profiles.map((p) => p.name)).toEqual(['Good', 'From the future']);
    expect(profiles[0]!.problem).toBeUndefined();
    expect(profiles[1]!.problem).toMatch(/not-a-provider-yet[\s\S]*Edit the profile/);
  });

  it('keeps the readable profiles of a config with a broken entry, and writes the broken entry back untouched', async () => {
    const broken = { id: 'c', name: 'Broken', providerKey: 'openai', createdAt: 'yesterday', mystery: { keep: [1, 2, 3] } };
    await writeFile(
      file,
      JSON.stringify({ schemaVersion: 1, profiles: [savedProfile('a', 'Good', 'openai'), broken, savedProfile('d', 'Also good', 'groq')] }),
    );
    const { profiles, unreadable } = await list();
    expect(profiles.map((p) => p.name)).toEqual(['Good', 'Also good']);
    expect(unreadable).toEqual([
      { index: 1, id: 'c', name: 'Broken', problem: expect.stringMatching(/createdAt[\s\S]*stays in .*config\.json/) },
    ]);

    await dispatch(host.ctx, 'profiles.create', { name: 'New', providerKey: 'mistral' });
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as { profiles: unknown[] };
    expect(onDisk.profiles).toContainEqual(broken);
    expect(onDisk.profiles).toHaveLength(4);
    // Nothing was moved aside: the file was still good enough to use.
    expect((await dispatch(host.ctx, 'settings.get', {})) as { result: { recovery?: unknown } }).not.toHaveProperty('result.recovery');
  });
});
