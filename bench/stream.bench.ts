// Stream pipeline: 2,000 chunks from a loopback server through
//   (a) a bare undici + eventsource-parser loop (the floor),
//   (b) the official openai SDK's streaming,
//   (c) our adapter's stream(),
//   (d) our whole path: the handler table and the browser-mode WebSocket to a client.
// Reported as chunks/s, µs per chunk and the ratios c/a, c/b, d/a (targets: c ≤ 1.15×a,
// b/c ≥ 3, d ≤ 1.5×a).
import OpenAI from 'openai';
import { Agent, request } from 'undici';
import { medianOf, printTable, quick, writeResults, type Target } from './lib';
import { countContentChunks, startBlaster } from './sse-blaster';
import { streamPaths } from './stream-paths';

const CHUNKS = 2_000;
// Many short rounds: each path takes a few ms, so medians need many samples on a shared machine.
const ROUNDS = quick ? 5 : 41;

const blaster = await startBlaster(CHUNKS);
const body = JSON.stringify({ model: 'bench', stream: true, messages: [{ role: 'user', content: 'go' }] });

async function bareLoop(agent: Agent): Promise<void> {
  const response = await request(`${blaster.baseUrl}/chat/completions`, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
    body,
  });
  const tokens = await countContentChunks(response.body);
  if (tokens !== CHUNKS) throw new Error(`bare loop saw ${tokens} chunks`);
}

async function sdkLoop(client: OpenAI): Promise<void> {
  const stream = await client.chat.completions.create({ model: 'bench', stream: true, messages: [{ role: 'user', content: 'go' }] });
  let tokens = 0;
  for await (const part of stream) if (part.choices[0]?.delta.content) tokens += 1;
  if (tokens !== CHUNKS) throw new Error(`SDK saw ${tokens} chunks`);
}

const agent = new Agent({ keepAliveTimeout: 30_000 });
const client = new OpenAI({ apiKey: 'bench', baseURL: blaster.baseUrl, maxRetries: 0 });
const paths = await streamPaths(blaster.baseUrl, CHUNKS);

// Interleave the paths round by round so machine noise spreads evenly across them.
const times: Record<string, number[]> = { a: [], b: [], c: [], d: [] };
const run: Record<string, () => Promise<void>> = {
  a: () => bareLoop(agent),
  b: () => sdkLoop(client),
  ...(paths.adapter && { c: paths.adapter }),
  ...(paths.transport && { d: paths.transport }),
};
for (const fn of Object.values(run)) await fn();
for (let round = 0; round < ROUNDS; round += 1) {
  for (const [name, fn] of Object.entries(run)) times[name]!.push(await medianOf(1, fn));
}
const med = (name: string) => {
  const values = [...times[name]!].sort((x, y) => x - y);
  return values.length ? values[Math.floor(values.length / 2)]! : Number.NaN;
};

const label: Record<string, string> = {
  a: '(a) bare undici + eventsource-parser',
  b: '(b) openai SDK',
  c: '(c) our adapter stream()',
  d: '(d) handler table + WebSocket',
};
printTable(
  `Streaming ${CHUNKS} chunks, median of ${ROUNDS} rounds`,
  Object.keys(run).map((name) => ({
    path: label[name]!,
    ms: med(name),
    chunksPerSec: Math.round(CHUNKS / (med(name) / 1000)),
    usPerChunk: (med(name) * 1000) / CHUNKS,
  })),
);
const targets: Target[] = [];
const rows = [{ ratio: 'b/a (SDK over bare)', value: med('b') / med('a') }];
if (run.c) {
  rows.push(
    { ratio: 'c/a (adapter over bare)', value: med('c') / med('a') },
    { ratio: 'b/c (SDK over adapter)', value: med('b') / med('c') },
  );
  targets.push(
    { name: 'c/a', value: med('c') / med('a'), bound: 1.15, kind: '<=' },
    { name: 'b/c', value: med('b') / med('c'), bound: 3, kind: '>=' },
  );
}
if (run.d) {
  rows.push({ ratio: 'd/a (whole path over bare)', value: med('d') / med('a') });
  targets.push({ name: 'd/a', value: med('d') / med('a'), bound: 1.5, kind: '<=' });
}
printTable('Ratios', rows);
writeResults('stream', {
  chunks: CHUNKS,
  rounds: ROUNDS,
  medianMs: Object.fromEntries(Object.keys(run).map((name) => [name, med(name)])),
  rows,
  targets,
});
await paths.close();
await agent.close();
await blaster.close();
