// Where the gateway's CPU goes per whole response or per streamed token: runs `bench/gateway-host.ts`
// under `node --cpu-prof`, sends it N sequential chats (a loopback fake behind it), and prints the
// CPU time per request and the frames that used it, by self time and by inclusive time.
// Not part of `npm run bench` (profiling slows the host down); run it when the figure moves:
//   node --import tsx bench/gateway-profile.ts [requests]            whole answers (default 3,000)
//   node --import tsx bench/gateway-profile.ts --stream [requests]   20,000-token streams (default 40)
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Agent, request } from 'undici';
import { startBlaster } from './sse-blaster';

const STREAM = process.argv.includes('--stream');
const STREAM_TOKENS = 20_000;
const REQUESTS = Number(process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? (STREAM ? 40 : 3000));
const WARMUP = STREAM ? 5 : 300;
const TOP = 25;

const fake = await startBlaster(STREAM ? STREAM_TOKENS : 1);
const profileDir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-gateway-profile-'));
const host = spawn(
  process.execPath,
  [
    '--cpu-prof',
    '--cpu-prof-dir',
    profileDir,
    '--import',
    'tsx',
    path.join(import.meta.dirname, 'gateway-host.ts'),
    `Small=${fake.baseUrl}`,
  ],
  { stdio: ['ignore', 'pipe', 'inherit', 'ipc'], env: { ...process.env, NODE_ENV: 'production' } },
);
const { port, token } = await new Promise<{ port: number; token: string }>((resolve) =>
  createInterface({ input: host.stdout! }).once('line', (line) => resolve(JSON.parse(line) as { port: number; token: string })),
);
const agent = new Agent({ keepAliveTimeout: 30_000 });
const cpuMs = () =>
  new Promise<number>((resolve) => {
    host.once('message', (usage) => resolve(((usage as NodeJS.CpuUsage).user + (usage as NodeJS.CpuUsage).system) / 1000));
    host.send('cpu');
  });

async function whole(): Promise<void> {
  const response = await request(`http://127.0.0.1:${port}/v1/chat/completions`, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ model: 'Small/bench', stream: STREAM, messages: [{ role: 'user', content: 'hi' }] }),
  });
  if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}: ${await response.body.text()}`);
  await response.body.dump();
}

for (let i = 0; i < WARMUP; i += 1) await whole();
const before = await cpuMs();
const started = performance.now();
for (let i = 0; i < REQUESTS; i += 1) await whole();
const cpuPerRequest = ((await cpuMs()) - before) / REQUESTS;
host.kill('SIGTERM');
await new Promise((resolve) => host.once('exit', resolve));
// The profile ends when the host exits: its last this-many milliseconds are the measured requests.
const measuredMs = performance.now() - started;
await agent.close();
await fake.close();

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}
const file = (await readdir(profileDir)).find((name) => name.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile was written to ${profileDir}`);
const profile = JSON.parse(await readFile(path.join(profileDir, file), 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const label = ({ callFrame: { functionName, url } }: ProfileNode) =>
  `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(electron|bench|shared)\//, '$1/')}`;

// Only the samples of the measured requests, not start-up and warm-up (the clock is in µs).
const from = profile.endTime - measuredMs * 1000;
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let busy = 0;
let at = profile.startTime;
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i]!;
  const leaf = byId.get(id)!;
  if (at < from || leaf.callFrame.functionName === '(idle)') return;
  busy += 1;
  self.set(label(leaf), (self.get(label(leaf)) ?? 0) + 1);
  const seen = new Set<string>();
  for (let node: number | undefined = id; node !== undefined; node = parentOf.get(node)) {
    const name = label(byId.get(node)!);
    if (!seen.has(name)) inclusive.set(name, (inclusive.get(name) ?? 0) + 1);
    seen.add(name);
  }
});
const top = (counts: Map<string, number>) =>
  [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP)
    .map(([name, count]) => `${((100 * count) / busy).toFixed(1).padStart(6)} %  ${name}`)
    .join('\n');
console.log(
  STREAM
    ? `${REQUESTS} streams of ${STREAM_TOKENS} tokens: gateway CPU ${((cpuPerRequest * 1000) / STREAM_TOKENS).toFixed(2)} µs per token (profiled, so above the bench's figure)`
    : `${REQUESTS} whole responses: gateway CPU ${cpuPerRequest.toFixed(3)} ms per request (profiled, so above the bench's figure)`,
);
console.log(
  `load average ${os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}; profile: ${path.join(profileDir, file)}\n`,
);
console.log(`by self time (% of the gateway's busy samples)\n${top(self)}\n`);
console.log(`by inclusive time\n${top(new Map([...inclusive].filter(([name]) => !/^\((root|program)\)/.test(name))))}`);
