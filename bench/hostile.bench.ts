// What a hostile provider costs the host (issue #22 §9): peak resident memory of a process that
// reads one hostile answer through the OpenAI-compatible adapter — a 50 MB and a 300 MB error body,
// one 50 MB SSE line, an endless stream (through the answer cap). Each case runs in a fresh child
// process (bench/hostile-client.ts), so the figure is that case's own peak. HOSTILE_BENCH_ROOT=<checkout>
// measures another checkout's code (main, for the before/after figures in bench/README.md).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { startHostileProvider, type Act } from '../tests/fakes/hostile';
import { printTable, quick, writeResults, type Row } from './lib';

const MB = 1024 * 1024;
const run = promisify(execFile);
const cases: Array<{ name: string; act: Act; capped?: boolean }> = [
  { name: '50 MB error body', act: { kind: 'error-body', bytes: 50 * MB } },
  ...(quick ? [] : [{ name: '300 MB error body', act: { kind: 'error-body', bytes: 300 * MB } } as const]),
  { name: '50 MB SSE line', act: { kind: 'huge-line', bytes: 50 * MB } },
  { name: 'endless stream (answer cap)', act: { kind: 'endless' }, capped: true },
];

const root = process.env.HOSTILE_BENCH_ROOT ?? path.resolve(import.meta.dirname, '..');
// A checkout without the answer cap would read the endless stream forever.
const hasCap = existsSync(path.join(root, 'electron/providers/limits.ts'));
const fake = await startHostileProvider('openai');
const rows: Row[] = [];
for (const { name, act, capped } of cases) {
  if (capped && !hasCap) continue;
  fake.act(act);
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'hostile-client.ts'), fake.url, capped ? 'capped' : ''],
    { env: process.env, maxBuffer: 1 * MB },
  );
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { peakRssMb: number; ms: number; chars: number; error: string };
  rows.push({
    case: name,
    'peak RSS MB': Math.round(result.peakRssMb),
    'answer chars': result.chars,
    ending: result.error || 'ended normally',
  });
}
await fake.close();
printTable(`Hostile provider cases (${process.env.HOSTILE_BENCH_ROOT ?? 'this checkout'})`, rows);
writeResults('hostile', { rows, root: process.env.HOSTILE_BENCH_ROOT ?? '.' });
