import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionResults } from '../../electron/services/connection-results';

describe('last connection tests keyed by profile id', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-results-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('ids that are Object.prototype members find their own result or none, also after a restart', async () => {
    const results = new ConnectionResults(dir);
    expect((await results.all())['constructor']).toBeUndefined();
    const lastTest = { at: 1, ok: true, summary: 'fine' } as never;
    await results.record('__proto__', lastTest);
    await results.record('toString', lastTest);
    const reread = await new ConnectionResults(dir).all();
    expect(Object.keys(reread).sort()).toEqual(['__proto__', 'toString']);
    expect(reread['__proto__']).toEqual(lastTest);
    expect(reread['constructor']).toBeUndefined();
  });
});
