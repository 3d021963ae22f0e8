// The gateway's cost over calling the provider directly. The gateway runs in its own process (as in
// the app), the loopback fakes in another (bench/fakes-host.ts), the clients here; each client is the
// same code for every path, so the difference is the gateway's.
//   1. a 20,000-token stream, direct vs through the gateway, rounds interleaved, read by the official
//      openai SDK (what people point at the gateway; target ≤ 1.3×) and by a bare undici +
//      eventsource-parser loop (the strictest client: it costs a tenth of the SDK per token), plus the
//      gateway process's CPU time per stream, which the machine's load does not skew;
//   2. whole responses, 3,000 sequential, direct vs through the gateway, interleaved one for one:
//      p50 / p99 of the added latency (target p99 < 1 ms), and of the gateway's own time as its
//      Server-Timing header reports it;
//   3. 100 concurrent streams of 1,000 tokens through the gateway: errors (target 0).
// Every figure is also taken through bench/floor-proxy.ts, in the same rounds: the least a Node process
// between client and provider costs (same server and client libraries, no work of its own), so the
// gateway's own share shows apart from the cost of a loopback hop on this machine.
// GATEWAY_BENCH_BASELINE=<another checkout> runs that checkout's gateway as one more path in the same
// rounds (its own process, same fakes, same clients): a before/after under the very same load.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { createInterface } from 'node:readline';
import path from 'node:path';
import OpenAI from 'openai';
import { Agent, request } from 'undici';
import { median, now, percentile, printTable, quick, writeResults } from './lib';
import { countContentChunks } from './sse-blaster';

const STREAM_TOKENS = 20_000;
const ROUNDS = quick ? 5 : 21;
// 3,000, so that the p99 is the 30th slowest, not the 10th: one stall of this machine's moves it less.
const SEQUENTIAL = quick ? 300 : 3_000;
const CONCURRENT = 100;
const CONCURRENT_TOKENS = 1_000;

// The fakes run in a process of their own, as a real provider is never in its client's event loop:
// with them in this process, the direct path would never wait for another process to be scheduled
// while every proxied path would, twice, and that wake-up tail (3–4 ms at p99 on 2 cores, measured
// through the floor proxy) would count as cost added by the gateway.
const fakes = spawn(
  process.execPath,
  ['--import', 'tsx', path.join(import.meta.dirname, 'fakes-host.ts'), String(STREAM_TOKENS), '1', String(CONCURRENT_TOKENS)],
  { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } },
);
const [big, small, mid] = (
  await new Promise<string[]>((resolve, reject) => {
    createInterface({ input: fakes.stdout! }).once('line', (line) => resolve(JSON.parse(line) as string[]));
    fakes.once('exit', (code) => reject(new Error(`the fakes' process exited with ${code}`)));
  })
).map((baseUrl) => ({ baseUrl })) as [{ baseUrl: string }, { baseUrl: string }, { baseUrl: string }];

interface GatewayProcess {
  child: ChildProcess;
  base: string;
  token: string;
}

/**
 * Starts `bench/<script>` of a checkout in its own process (the gateway host, or the floor proxy),
 * with the three fakes as its profiles.
 */
async function startGateway(root: string, script = 'gateway-host.ts'): Promise<GatewayProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'bench', script), `Big=${big.baseUrl}`, `Small=${small.baseUrl}`, `Mid=${mid.baseUrl}`],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit', 'ipc'], env: { ...process.env, NODE_ENV: 'production' } },
  );
  const { port, token } = await new Promise<{ port: number; token: string }>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as { port: number; token: string }));
    child.once('exit', (code) => reject(new Error(`the gateway process exited with ${code}`)));
  });
  return { child, base: `http://127.0.0.1:${port}/v1`, token };
}

const ours = await startGateway(path.join(import.meta.dirname, '..'));
const floor = await startGateway(path.join(import.meta.dirname, '..'), 'floor-proxy.ts');
const baselineRoot = process.env.GATEWAY_BENCH_BASELINE;
const baseline = baselineRoot ? await startGateway(path.resolve(baselineRoot)) : null;
const agent = new Agent({ keepAliveTimeout: 30_000, connections: 256 });
const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const loadAtStart = load();

/** CPU time (ms) the gateway process has used so far. */
function gatewayCpuMs({ child }: GatewayProcess = ours): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (usage) => resolve(((usage as NodeJS.CpuUsage).user + (usage as NodeJS.CpuUsage).system) / 1000));
    child.send('cpu');
  });
}

async function sdkTokens(client: OpenAI, model: string): Promise<number> {
  const stream = await client.chat.completions.create({ model, stream: true, messages: [{ role: 'user', content: 'go' }] });
  let tokens = 0;
  for await (const part of stream) if (part.choices[0]?.delta.content) tokens += 1;
  return tokens;
}

/** Reads an OpenAI event stream and counts content chunks: the same loop for both paths. */
async function streamTokens(baseUrl: string, model: string, auth: string): Promise<number> {
  const response = await request(`${baseUrl}/chat/completions`, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}` },
    body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'go' }] }),
  });
  if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}: ${await response.body.text()}`);
  return countContentChunks(response.body);
}

/**
 * One whole response; returns the gateway's own time from its Server-Timing header (the part of
 * the request that was neither the provider nor the client), or undefined for the other paths.
 */
async function whole(baseUrl: string, model: string, auth: string): Promise<number | undefined> {
  const response = await request(`${baseUrl}/chat/completions`, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}` },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });
  const parsed = (await response.body.json()) as { choices: Array<{ message: { content: string } }> };
  const text = parsed.choices[0]?.message.content;
  if (text !== 'ok' && text !== 'tok0 ') throw new Error(`bad answer ${JSON.stringify(parsed).slice(0, 200)}`);
  const timing = /(?:^|,)\s*gateway;dur=([\d.]+)/.exec(String(response.headers['server-timing'] ?? ''));
  return timing ? Number(timing[1]) : undefined;
}

// The paths measured besides direct: this checkout's gateway, the floor, and the baseline's gateway
// when one is given.
const gateways: Array<{ name: string; process: GatewayProcess }> = [
  { name: 'gateway', process: ours },
  { name: 'floor', process: floor },
  ...(baseline ? [{ name: 'baseline', process: baseline }] : []),
];

// 1. The long stream, read by two clients; rounds interleave direct and the gateways.
const directSdk = new OpenAI({ baseURL: big.baseUrl, apiKey: 'bench', maxRetries: 0 });
const paths: Record<string, () => Promise<number>> = {
  sdkDirect: () => sdkTokens(directSdk, 'bench'),
  bareDirect: () => streamTokens(big.baseUrl, 'bench', 'bench'),
};
for (const { name, process: gw } of gateways) {
  const sdk = new OpenAI({ baseURL: gw.base, apiKey: gw.token, maxRetries: 0 });
  paths[`sdk:${name}`] = () => sdkTokens(sdk, 'Big/bench');
  paths[`bare:${name}`] = () => streamTokens(gw.base, 'Big/bench', gw.token);
}
for (const [name, fn] of Object.entries(paths)) if ((await fn()) !== STREAM_TOKENS) throw new Error(`${name} lost tokens`);
const streamTimes: Record<string, number[]> = Object.fromEntries(Object.keys(paths).map((name) => [name, []]));
const streamCpu: Record<string, number[]> = Object.fromEntries(gateways.map(({ name }) => [name, []]));
for (let round = 0; round < ROUNDS; round += 1) {
  for (const [name, fn] of Object.entries(paths)) {
    // The gateway's CPU is read around the bare client's stream (the SDK's would be the same work).
    const gw = name.startsWith('bare:') ? gateways.find((g) => `bare:${g.name}` === name) : undefined;
    const cpuBefore = gw ? await gatewayCpuMs(gw.process) : 0;
    const start = now();
    if ((await fn()) !== STREAM_TOKENS) throw new Error(`${name} lost tokens`);
    streamTimes[name]!.push(now() - start);
    if (gw) streamCpu[gw.name]!.push((await gatewayCpuMs(gw.process)) - cpuBefore);
  }
}
const med = (name: string) => median(streamTimes[name]!);
const streamRows = gateways.map(({ name }) => ({
  name,
  sdkRatio: med(`sdk:${name}`) / med('sdkDirect'),
  bareRatio: med(`bare:${name}`) / med('bareDirect'),
  cpuMsPerStream: median(streamCpu[name]!),
  cpuMicrosecondsPerToken: (median(streamCpu[name]!) * 1000) / STREAM_TOKENS,
}));
const perSecond = (name: string) => Math.round(STREAM_TOKENS / (med(name) / 1000));
printTable(`${STREAM_TOKENS.toLocaleString('en')}-token stream, median of ${ROUNDS} (ms)`, [
  {
    client: 'openai SDK',
    direct: med('sdkDirect'),
    ...Object.fromEntries(
      gateways.flatMap(({ name }) => [
        [name, med(`sdk:${name}`)],
        [`${name} ÷ direct`, med(`sdk:${name}`) / med('sdkDirect')],
      ]),
    ),
    gatewayTokensPerS: perSecond('sdk:gateway'),
  },
  {
    client: 'bare undici + parser',
    direct: med('bareDirect'),
    ...Object.fromEntries(
      gateways.flatMap(({ name }) => [
        [name, med(`bare:${name}`)],
        [`${name} ÷ direct`, med(`bare:${name}`) / med('bareDirect')],
      ]),
    ),
    gatewayTokensPerS: perSecond('bare:gateway'),
  },
]);
printTable(
  'gateway process CPU per stream',
  streamRows.map(({ name, cpuMsPerStream, cpuMicrosecondsPerToken }) => ({
    gateway: name,
    cpuMs: cpuMsPerStream,
    microsecondsPerToken: cpuMicrosecondsPerToken,
  })),
);

// 2. Whole responses: the latency the gateway adds; direct and each gateway one for one.
const wholePaths: Record<string, () => Promise<number | undefined>> = { direct: () => whole(small.baseUrl, 'bench', 'bench') };
for (const { name, process: gw } of gateways) wholePaths[name] = () => whole(gw.base, 'Small/bench', gw.token);
for (let i = 0; i < 100; i += 1) for (const fn of Object.values(wholePaths)) await fn();
const wholeTimes: Record<string, number[]> = Object.fromEntries(Object.keys(wholePaths).map((name) => [name, []]));
const ownTimes: Record<string, number[]> = Object.fromEntries(Object.keys(wholePaths).map((name) => [name, []]));
const wholeCpuBefore = await Promise.all(gateways.map(({ process: gw }) => gatewayCpuMs(gw)));
for (let i = 0; i < SEQUENTIAL; i += 1) {
  for (const [name, fn] of Object.entries(wholePaths)) {
    const start = now();
    const own = await fn();
    wholeTimes[name]!.push(now() - start);
    if (own !== undefined) ownTimes[name]!.push(own);
  }
}
const wholeCpuAfter = await Promise.all(gateways.map(({ process: gw }) => gatewayCpuMs(gw)));
const added = (name: string, p: number) => percentile(wholeTimes[name]!, p) - percentile(wholeTimes.direct!, p);
const ownTime = (name: string, p: number) => (ownTimes[name]!.length ? percentile(ownTimes[name]!, p) : undefined);
const wholeRows = gateways.map(({ name }, i) => ({
  name,
  addedP50: added(name, 50),
  addedP99: added(name, 99),
  ownP50: ownTime(name, 50),
  ownP99: ownTime(name, 99),
  cpuMsPerRequest: (wholeCpuAfter[i]! - wholeCpuBefore[i]!) / SEQUENTIAL,
}));
printTable(`${SEQUENTIAL} sequential whole responses (ms)`, [
  { path: 'direct to the fake', p50: percentile(wholeTimes.direct!, 50), p99: percentile(wholeTimes.direct!, 99), gatewayCpuMs: '' },
  ...wholeRows.flatMap(({ name, addedP50, addedP99, ownP50, ownP99, cpuMsPerRequest }) => [
    {
      path: `through ${name}`,
      p50: percentile(wholeTimes[name]!, 50),
      p99: percentile(wholeTimes[name]!, 99),
      gatewayCpuMs: cpuMsPerRequest,
    },
    { path: `added by ${name}`, p50: addedP50, p99: addedP99, gatewayCpuMs: '' },
    ...(ownP50 === undefined ? [] : [{ path: `${name}'s own time (Server-Timing)`, p50: ownP50, p99: ownP99!, gatewayCpuMs: '' }]),
  ]),
]);

// 3. Many streams at once, through each gateway in turn.
async function concurrent(gw: GatewayProcess): Promise<{ errors: number; incomplete: number; totalMs: number }> {
  let errors = 0;
  let incomplete = 0;
  const started = now();
  await Promise.all(
    Array.from({ length: CONCURRENT }, () =>
      streamTokens(gw.base, 'Mid/bench', gw.token).then(
        (tokens) => {
          if (tokens !== CONCURRENT_TOKENS) incomplete += 1;
        },
        () => (errors += 1),
      ),
    ),
  );
  return { errors, incomplete, totalMs: now() - started };
}
const concurrentRows: Array<{ name: string; errors: number; incomplete: number; totalMs: number }> = [];
for (const { name, process: gw } of gateways) concurrentRows.push({ name, ...(await concurrent(gw)) });
printTable(
  `${CONCURRENT} concurrent streams of ${CONCURRENT_TOKENS} tokens`,
  concurrentRows.map(({ name, ...row }) => ({ gateway: name, ...row })),
);

// The three figures the issue sets, against their targets, with the floor's and the baseline's
// beside them.
const figuresOf = (name: string) => {
  const i = gateways.findIndex((g) => g.name === name);
  return i < 0 ? undefined : { stream: streamRows[i]!, whole: wholeRows[i]!, concurrent: concurrentRows[i]! };
};
const mine = figuresOf('gateway')!;
const atFloor = figuresOf('floor')!;
const base = figuresOf('baseline');
const loadAtEnd = load();
const failures = (row: { errors: number; incomplete: number }) => row.errors + row.incomplete;
printTable(`targets (load average at start ${loadAtStart}, at end ${loadAtEnd}; ${os.cpus().length} cores)`, [
  {
    figure: '20,000-token stream, openai SDK, gateway ÷ direct',
    target: '≤ 1.3',
    measured: mine.stream.sdkRatio,
    floor: atFloor.stream.sdkRatio,
    ...(base && { baseline: base.stream.sdkRatio }),
  },
  {
    figure: 'p99 added to a whole response (ms)',
    target: '< 1',
    measured: mine.whole.addedP99,
    floor: atFloor.whole.addedP99,
    ...(base && { baseline: base.whole.addedP99 }),
  },
  {
    figure: "p99 of that which is the gateway's own time (ms)",
    target: '—',
    measured: mine.whole.ownP99!,
    floor: '',
    ...(base && { baseline: base.whole.ownP99 ?? '' }),
  },
  {
    figure: 'p50 added to a whole response (ms)',
    target: '—',
    measured: mine.whole.addedP50,
    floor: atFloor.whole.addedP50,
    ...(base && { baseline: base.whole.addedP50 }),
  },
  {
    figure: '100 concurrent streams: errors + incomplete',
    target: '0',
    measured: failures(mine.concurrent),
    floor: failures(atFloor.concurrent),
    ...(base && { baseline: failures(base.concurrent) }),
  },
  {
    figure: 'CPU per streamed token (µs)',
    target: '—',
    measured: mine.stream.cpuMicrosecondsPerToken,
    floor: atFloor.stream.cpuMicrosecondsPerToken,
    ...(base && { baseline: base.stream.cpuMicrosecondsPerToken }),
  },
  {
    figure: 'CPU per whole response (ms)',
    target: '—',
    measured: mine.whole.cpuMsPerRequest,
    floor: atFloor.whole.cpuMsPerRequest,
    ...(base && { baseline: base.whole.cpuMsPerRequest }),
  },
]);

const streamFigures = ({ stream }: typeof mine) => ({
  sdkRatio: stream.sdkRatio,
  bareRatio: stream.bareRatio,
  cpuMsPerStream: stream.cpuMsPerStream,
  cpuMicrosecondsPerToken: stream.cpuMicrosecondsPerToken,
});
const wholeFigures = ({ whole }: typeof mine) => ({
  p50: percentile(wholeTimes[whole.name]!, 50),
  p99: percentile(wholeTimes[whole.name]!, 99),
  addedP50: whole.addedP50,
  addedP99: whole.addedP99,
  ownP50: whole.ownP50,
  ownP99: whole.ownP99,
  cpuMsPerRequest: whole.cpuMsPerRequest,
});
const figures = (of: typeof mine) => ({ stream: streamFigures(of), whole: wholeFigures(of), concurrent: of.concurrent });
writeResults('gateway', {
  loadAverage: { start: loadAtStart, end: loadAtEnd, cores: os.cpus().length },
  stream: { tokens: STREAM_TOKENS, rounds: ROUNDS, medians: Object.fromEntries(Object.keys(paths).map((name) => [name, med(name)])) },
  whole: { count: SEQUENTIAL, directP50: percentile(wholeTimes.direct!, 50), directP99: percentile(wholeTimes.direct!, 99) },
  concurrent: { streams: CONCURRENT, tokensEach: CONCURRENT_TOKENS },
  gateway: figures(mine),
  floor: figures(atFloor),
  ...(base && { baseline: { root: baselineRoot, ...figures(base) } }),
  targets: [
    { name: '20,000-token stream read by the openai SDK, gateway ÷ direct', value: mine.stream.sdkRatio, bound: 1.3, kind: '<=' },
    { name: 'added p99 latency of a whole response (ms)', value: mine.whole.addedP99, bound: 1, kind: '<=' },
    { name: 'errors or incomplete streams among 100 concurrent', value: failures(mine.concurrent), bound: 0, kind: '<=' },
  ],
});
for (const { process: gw } of gateways) {
  gw.child.kill('SIGTERM');
  await new Promise((resolve) => gw.child.once('exit', resolve));
}
await agent.close();
fakes.kill('SIGTERM');
await new Promise((resolve) => fakes.once('exit', resolve));
