// The SIGKILL soak for the config store: a writer rewrites config.json as fast as it can and is
// killed at random moments (before, during and after the temp-file rename); after every kill the
// file must be absent or a complete, valid config. The writer is bundled once to plain JavaScript
// with esbuild, so a round costs one `node` start (tens of ms) instead of a TypeScript transpile.
// Used by the store-kill test (120 rounds) and by `npm run soak` (1,000 rounds).
import { fork } from 'node:child_process';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { Config } from '../../electron/config/schema';

export interface SoakResult {
  rounds: number;
  /** Rounds after which config.json was not valid JSON (a torn write). */
  torn: number;
  /** Rounds after which config.json parsed but broke the schema. */
  invalid: number;
  /** Files left in the folder other than config.json and write-file-atomic's temp files. */
  strayFiles: string[];
}

/** Bundles the writer into `dir` once and returns the path of the plain-JS file. */
export async function buildWriter(outDir: string): Promise<string> {
  const outfile = path.join(outDir, 'config-writer.mjs');
  await build({
    entryPoints: [path.join(import.meta.dirname, '../helpers/config-writer.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    // Smaller to scan at every start (zod is most of the bundle).
    minify: true,
    logLevel: 'silent',
    // write-file-atomic and friends are CommonJS: give the ESM bundle the `require` and
    // `__filename` they expect.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url); const __filename = import.meta.filename; const __dirname = import.meta.dirname;",
    },
  });
  return outfile;
}

async function killOnce(writer: string, configDir: string, maxDelayMs: number): Promise<void> {
  const child = fork(writer, [configDir], { stdio: 'ignore', execArgv: [] });
  child.on('error', () => {});
  // 'written' arrives after the writer's first complete update, so every round kills a writer
  // that is mid-way through a later one (random delay: anywhere in the write/rename cycle).
  await new Promise<void>((resolve) => child.once('message', () => resolve()));
  await new Promise((resolve) => setTimeout(resolve, Math.random() * maxDelayMs));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/**
 * Kills `rounds` writers, spread over `lanes` folders that run side by side: a round is mostly
 * waiting (a process start, the first write, the kill), so lanes overlap the waits without making
 * any single kill cheaper or weaker. Every lane's file is checked after each of its kills.
 */
export async function runConfigKillSoak(options: {
  writer: string;
  dir: string;
  rounds: number;
  lanes?: number;
  maxDelayMs?: number;
  onRound?: (round: number) => void;
}): Promise<SoakResult> {
  const result: SoakResult = { rounds: 0, torn: 0, invalid: 0, strayFiles: [] };
  const lanes = Math.max(1, Math.min(options.lanes ?? 1, options.rounds));
  let started = 0;
  const runLane = async (laneDir: string): Promise<void> => {
    await mkdir(laneDir, { recursive: true });
    const file = path.join(laneDir, 'config.json');
    while (started < options.rounds) {
      started += 1;
      await killOnce(options.writer, laneDir, options.maxDelayMs ?? 15);
      result.rounds += 1;
      const text = await readFile(file, 'utf8').catch(() => null);
      if (text !== null) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          result.torn += 1;
          continue;
        }
        if (!Config.safeParse(parsed).success) result.invalid += 1;
      }
      options.onRound?.(result.rounds);
    }
    // write-file-atomic's temp files (config.json.<hash>) may survive a SIGKILL; they never replace
    // the real file. Anything else would be a leak of ours.
    const stray = (await readdir(laneDir)).filter((name) => name !== 'config.json' && !name.startsWith('config.json.'));
    result.strayFiles.push(...stray.map((name) => path.join(path.relative(options.dir, laneDir), name)));
  };
  const laneDirs = lanes === 1 ? [options.dir] : Array.from({ length: lanes }, (_, i) => path.join(options.dir, `lane-${i + 1}`));
  await Promise.all(laneDirs.map(runLane));
  return result;
}
