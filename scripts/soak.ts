// `npm run soak [-- --rounds N --lanes L]`: the full SIGKILL soak of the config store (1,000 kills by
// default). Prints how many files were torn or invalid (should be 0) and how long it took.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildWriter, runConfigKillSoak } from '../tests/soak/config-kill';

function wholeNumberArg(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at > 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${name} takes a whole number, e.g. ${name} ${fallback}`);
    process.exit(2);
  }
  return value;
}

const rounds = wholeNumberArg('--rounds', 1000);
// Folders killed side by side (a round is mostly a process start); --lanes 1 runs them one by one.
const lanes = wholeNumberArg('--lanes', 3);

const dir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-soak-'));
try {
  const writer = await buildWriter(await mkdtemp(path.join(os.tmpdir(), 'switchyard-soak-writer-')));
  const started = performance.now();
  const result = await runConfigKillSoak({
    writer,
    dir,
    rounds,
    lanes,
    onRound: (round) => {
      if (round % 100 === 0) process.stdout.write(`  ${round} kills…\n`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `config store SIGKILL soak: ${result.rounds} kills in ${seconds.toFixed(1)} s (${((seconds * 1000) / result.rounds).toFixed(0)} ms a kill, ${lanes} side by side)`,
  );
  console.log(`torn files: ${result.torn}, invalid files: ${result.invalid}, stray files: ${result.strayFiles.length}`);
  process.exitCode = result.torn + result.invalid + result.strayFiles.length === 0 ? 0 : 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
