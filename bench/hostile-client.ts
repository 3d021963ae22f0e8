// One hostile case for bench/hostile.bench.ts, in a process of its own so that its peak RSS is its
// own: reads a stream from the OpenAI-compatible adapter as chat would and prints one JSON line.
// HOSTILE_BENCH_ROOT points at another checkout (for example main) to measure its code instead.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Factory from '../electron/providers/factory';
import type * as Limits from '../electron/providers/limits';

const root = process.env.HOSTILE_BENCH_ROOT ?? path.resolve(import.meta.dirname, '..');
const load = (file: string) => import(pathToFileURL(path.join(root, file)).href);
const { createProvider } = (await load('electron/providers/factory.ts')) as typeof Factory;
const [url, capped] = process.argv.slice(2);
const provider = createProvider('openai', { credential: 'bench-key-0123456789', baseUrl: url!, env: {} });
let events: AsyncIterable<{ type: string; delta?: string }> = provider.stream({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
// The answer cap sits where chat reads a stream; a checkout without it has no cap to measure.
if (capped === 'capped') events = ((await load('electron/providers/limits.ts')) as typeof Limits).limitAnswer(events as never, 'bench');
const started = performance.now();
let chars = 0;
let error = '';
try {
  for await (const event of events) if (event.type === 'text') chars += event.delta!.length;
} catch (caught) {
  error = (caught as Error).message;
}
console.log(
  JSON.stringify({ peakRssMb: process.resourceUsage().maxRSS / 1024, ms: performance.now() - started, chars, error: error.slice(0, 140) }),
);
