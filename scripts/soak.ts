// `npm run soak [-- --rounds N]`: the full SIGKILL soak of the config store (1,000 kills by
// default). Prints how many files were torn or invalid (should be 0) and how long it took.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildWriter, runConfigKillSoak } from '../tests/soak/config-kill';

const roundsArg = process.argv.indexOf('--rounds');
const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 1000;
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error('--rounds takes a whole number of kills, e.g. --rounds 1000');
  process.exit(2);
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-soak-'));
try {
  const writer = await buildWriter(await mkdtemp(path.join(os.tmpdir(), 'switchyard-soak-writer-')));
  const started = performance.now();
  const result = await runConfigKillSoak({
    writer,
    dir,
    rounds,
    onRound: (round) => {
      if (round % 100 === 0) process.stdout.write(`  ${round} kills…\n`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(`config store SIGKILL soak: ${result.rounds} kills in ${seconds.toFixed(1)} s (${((seconds * 1000) / result.rounds).toFixed(0)} ms a kill)`);
  console.log(`torn files: ${result.torn}, invalid files: ${result.invalid}, stray files: ${result.strayFiles.length}`);
  process.exitCode = result.torn + result.invalid + result.strayFiles.length === 0 ? 0 : 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
