import { readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CapabilityStore, MAX_RECORDS } from '../../../electron/model-info/capability-store';
import type { ProbeRecord } from '../../../shared/api/models';

const record = (model: string, at: number): ProbeRecord => ({
  profileId: 'p1',
  model,
  at,
  results: [{ capability: 'usage', verdict: 'yes', detail: 'ok' }],
});

describe('capabilities.json', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-capabilities-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps one record per profile and model across restarts, newest replacing the older', async () => {
    const store = new CapabilityStore(dir);
    await Promise.all([store.put(record('a', 1)), store.put(record('b', 2)), store.put(record('a', 3))]);
    const reopened = new CapabilityStore(dir);
    expect((await reopened.list()).map((r) => [r.model, r.at])).toEqual([
      ['b', 2],
      ['a', 3],
    ]);
    expect(await reopened.find('p1', 'a')).toEqual(record('a', 3));
  });

  it('moves a damaged file aside, says so, and starts afresh', async () => {
    await writeFile(path.join(dir, 'capabilities.json'), '{"version":1,"records":[{"oops"');
    const lines: string[] = [];
    const store = new CapabilityStore(dir, (line) => lines.push(line));
    expect(await store.list()).toEqual([]);
    expect((await readdir(dir)).some((f) => f.startsWith('capabilities.json.corrupt-'))).toBe(true);
    expect(lines[0]).toMatch(/could not be read and was moved to .*capabilities\.json\.corrupt-\d+/);
    await store.put(record('a', 1));
    expect(JSON.parse(await readFile(path.join(dir, 'capabilities.json'), 'utf8'))).toEqual({ version: 1, records: [record('a', 1)] });
  });

  it('keeps at most MAX_RECORDS, dropping the oldest', async () => {
    const store = new CapabilityStore(dir);
    const many = Array.from({ length: MAX_RECORDS }, (_, i) => record(`m${i}`, i + 10));
    await writeFile(path.join(dir, 'capabilities.json'), JSON.stringify({ version: 1, records: many }));
    await store.put(record('newest', 1e9));
    const kept = await store.list();
    expect(kept).toHaveLength(MAX_RECORDS);
    expect(kept.some((r) => r.model === 'm0')).toBe(false);
    expect(kept.at(-1)!.model).toBe('newest');
  });
});
