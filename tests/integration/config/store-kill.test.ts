// The config store under SIGKILL: 120 writers killed at random moments mid-update (sometimes
// mid-rename), and after every kill config.json is absent or a complete, valid config. `npm run
// soak` runs 1,000. The 120 are three tests of 40 with no suite around them: a round costs a Node
// start (about 45 ms of CPU), so the whole takes 15–20 s of a busy 2-core machine, and each test
// should stay far below that. Each test hammers three folders side by side, which overlaps the
// waits of a round (the first write, the random delay, the exit). The timeout is only a backstop:
// the count bounds the test.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { Config } from '../../../electron/config/schema';
import { buildWriter, runConfigKillSoak } from '../../soak/config-kill';

let writerDir: string;
let writer: string;
let dir: string;
beforeAll(async () => {
  writerDir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-writer-'));
  writer = await buildWriter(writerDir);
});
afterAll(() => rm(writerDir, { recursive: true, force: true }));
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-config-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

it.each([1, 2, 3])(
  'the config store never leaves a torn or invalid file when its writer is killed at random moments (part %i of 3: 40 kills over three folders)',
  async () => {
    const result = await runConfigKillSoak({ writer, dir, rounds: 40, lanes: 3 });
    expect(result).toEqual({ rounds: 40, torn: 0, invalid: 0, strayFiles: [] });
    for (const lane of ['lane-1', 'lane-2', 'lane-3']) {
      expect(Config.safeParse(JSON.parse(await readFile(path.join(dir, lane, 'config.json'), 'utf8'))).success).toBe(true);
    }
  },
  600_000,
);
