// Request overhead: 1,000 sequential non-streaming chats, bare undici versus our adapter's chat(),
// interleaved one for one; p50 / p99 of the added latency. Then 200 concurrent chats: socket
// errors, and how many connections the server saw (keep-alive reuse).
import { Agent, request } from 'undici';
import { createProvider } from '../electron/providers/factory';
import { now, percentile, printTable, quick, writeResults } from './lib';
import { startBlaster } from './sse-blaster';

const SEQUENTIAL = quick ? 300 : 1_000;
const CONCURRENT = 200;
const blaster = await startBlaster(10);
const agent = new Agent({ keepAliveTimeout: 30_000 });
const body = JSON.stringify({ model: 'bench', stream: false, messages: [{ role: 'user', content: 'hi' }] });
const provider = createProvider(`custom:${blaster.baseUrl}`, { credential: 'bench', env: {} });

async function bare(): Promise<void> {
  const response = await request(`${blaster.baseUrl}/chat/completions`, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
    body,
  });
  const parsed = (await response.body.json()) as { choices: Array<{ message: { content: string } }> };
  if (parsed.choices[0]?.message.content !== 'ok') throw new Error('bare: bad answer');
}

async function ours(): Promise<void> {
  const response = await provider.chat({ model: 'bench', messages: [{ role: 'user', content: 'hi' }] });
  if (response.text !== 'ok') throw new Error('adapter: bad answer');
}

for (let i = 0; i < 50; i += 1) {
  await bare();
  await ours();
}
const bareTimes: number[] = [];
const ourTimes: number[] = [];
for (let i = 0; i < SEQUENTIAL; i += 1) {
  let start = now();
  await bare();
  bareTimes.push(now() - start);
  start = now();
  await ours();
  ourTimes.push(now() - start);
}
const added = (p: number) => percentile(ourTimes, p) - percentile(bareTimes, p);
printTable(`${SEQUENTIAL} sequential non-streaming chats (ms)`, [
  { path: 'bare undici', p50: percentile(bareTimes, 50), p99: percentile(bareTimes, 99) },
  { path: 'our adapter chat()', p50: percentile(ourTimes, 50), p99: percentile(ourTimes, 99) },
  { path: 'added by the adapter', p50: added(50), p99: added(99) },
]);

const before = blaster.connections();
let errors = 0;
const started = now();
await Promise.all(Array.from({ length: CONCURRENT }, () => ours().catch(() => (errors += 1))));
const concurrentMs = now() - started;
const connections = blaster.connections() - before;
printTable(`${CONCURRENT} concurrent chats`, [{ errors, connectionsOpened: connections, totalMs: concurrentMs }]);

writeResults('overhead', {
  sequential: {
    count: SEQUENTIAL,
    bareP50: percentile(bareTimes, 50),
    bareP99: percentile(bareTimes, 99),
    oursP50: percentile(ourTimes, 50),
    oursP99: percentile(ourTimes, 99),
    addedP50: added(50),
    addedP99: added(99),
  },
  concurrent: { count: CONCURRENT, errors, connectionsOpened: connections, totalMs: concurrentMs },
  targets: [
    { name: 'added p99 latency (ms)', value: added(99), bound: 1, kind: '<=' },
    { name: 'socket errors under 200 concurrent', value: errors, bound: 0, kind: '<=' },
  ],
});
await agent.close();
await blaster.close();
