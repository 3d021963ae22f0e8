// `npm run bench [-- --quick] [-- name …]`: runs every bench/*.bench.ts (or the named ones) in its
// own process, one after another so they do not compete for the two cores.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.filter((arg) => !arg.startsWith('--'));
const benches = readdirSync(path.join(root, 'bench'))
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.startsWith(name)))
  .sort();

const needsBuild = benches.some((file) => /startup|conversation|compare-render/.test(file));
if (needsBuild) {
  const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const failed = [];
const started = Date.now();
for (const file of benches) {
  console.log(`\n═══ ${file}${quick ? ' (quick)' : ''}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', file), ...(quick ? ['--quick'] : [])], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (run.status !== 0) failed.push(file);
}
console.log(
  `\n${benches.length - failed.length} of ${benches.length} benchmarks ran in ${((Date.now() - started) / 1000).toFixed(0)} s; results in bench/results/`,
);
if (failed.length > 0) {
  console.error(`failed: ${failed.join(', ')}`);
  process.exit(1);
}
