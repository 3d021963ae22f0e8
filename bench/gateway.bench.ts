// The gateway's cost over calling the provider directly. The gateway runs in its own process (as in
// the app); the loopback fakes and the client run here, and each client is the same code for both
// paths, so the difference is the gateway's.
//   1. a 20,000-token stream, direct vs through the gateway, rounds interleaved, read by the official
//      openai SDK (what people point at the gateway; target ≤ 1.3×) and by a bare undici +
//      eventsource-parser loop (the strictest client: it costs a tenth of the SDK per token), plus the
//      gateway process's CPU time per stream, which the machine's load does not skew;
//   2. whole responses, 1,000 sequential, direct vs through the gateway, interleaved one for one:
//      p50 / p99 of the added latency (target p99 < 1 ms);
//   3. 100 concurrent streams of 1,000 tokens through the gateway: errors (target 0).
import { spawn } from 'node:child_process';
import os from 'node:os';
import { createInterface } from 'node:readline';
import path from 'node:path';
import OpenAI from 'openai';
import { Agent, request } from 'undici';
import { median, now, percentile, printTable, quick, writeResults } from './lib';
import { countContentChunks, startBlaster } from './sse-blaster';

const STREAM_TOKENS = 20_000;
const ROUNDS = quick ? 5 : 21;
const SEQUENTIAL = quick ? 300 : 1_000;
const CONCURRENT = 100;
const CONCURRENT_TOKENS = 1_000;

const big = await startBlaster(STREAM_TOKENS);
const small = await startBlaster(1);
const mid = await startBlaster(CONCURRENT_TOKENS);

const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'gateway-host.ts'), `Big=${big.baseUrl}`, `Small=${small.baseUrl}`, `Mid=${mid.baseUrl}`], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'], env: { ...process.env, NODE_ENV: 'production' } });
const { port, token } = await new Promise<{ port: number; token: string }>((resolve, reject) => {
  createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as { port: number; token: string }));
  child.once('exit', (code) => reject(new Error(`the gateway process exited with ${code}`)));
});
const gateway = `http://127.0.0.1:${port}/v1`;
const agent = new Agent({ keepAliveTimeout: 30_000, connections: 256 });

/** CPU time (ms) the gateway process has used so far. */
function gatewayCpuMs(): Promise<number> {
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
  const response = await request(`${baseUrl}/chat/completions`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}` }, body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'go' }] }) });
  if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}: ${await response.body.text()}`);
  return countContentChunks(response.body);
}

async function whole(baseUrl: string, model: string, auth: string): Promise<void> {
  const response = await request(`${baseUrl}/chat/completions`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}` }, body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }) });
  const parsed = (await response.body.json()) as { choices: Array<{ message: { content: string } }> };
  const text = parsed.choices[0]?.message.content;
  if (text !== 'ok' && text !== 'tok0 ') throw new Error(`bad answer ${JSON.stringify(parsed).slice(0, 200)}`);
}

// 1. The long stream, read by two clients; rounds interleave direct and gateway.
const directSdk = new OpenAI({ baseURL: big.baseUrl, apiKey: 'bench', maxRetries: 0 });
const gatewaySdk = new OpenAI({ baseURL: gateway, apiKey: token, maxRetries: 0 });
const paths: Record<string, () => Promise<number>> = {
  sdkDirect: () => sdkTokens(directSdk, 'bench'),
  sdkGateway: () => sdkTokens(gatewaySdk, 'Big/bench'),
  bareDirect: () => streamTokens(big.baseUrl, 'bench', 'bench'),
  bareGateway: () => streamTokens(gateway, 'Big/bench', token),
};
for (const [name, fn] of Object.entries(paths)) if ((await fn()) !== STREAM_TOKENS) throw new Error(`${name} lost tokens`);
const streamTimes: Record<string, number[]> = Object.fromEntries(Object.keys(paths).map((name) => [name, []]));
const gatewayCpu: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  for (const [name, fn] of Object.entries(paths)) {
    const cpuBefore = name === 'bareGateway' ? await gatewayCpuMs() : 0;
    const start = now();
    if ((await fn()) !== STREAM_TOKENS) throw new Error(`${name} lost tokens`);
    streamTimes[name]!.push(now() - start);
    if (name === 'bareGateway') gatewayCpu.push((await gatewayCpuMs()) - cpuBefore);
  }
}
const med = (name: string) => median(streamTimes[name]!);
const sdkRatio = med('sdkGateway') / med('sdkDirect');
const bareRatio = med('bareGateway') / med('bareDirect');
const perSecond = (name: string) => Math.round(STREAM_TOKENS / (med(name) / 1000));
printTable(`${STREAM_TOKENS.toLocaleString('en')}-token stream, median of ${ROUNDS} (ms)`, [
  { client: 'openai SDK', direct: med('sdkDirect'), gateway: med('sdkGateway'), ratio: sdkRatio, gatewayTokensPerS: perSecond('sdkGateway') },
  { client: 'bare undici + parser', direct: med('bareDirect'), gateway: med('bareGateway'), ratio: bareRatio, gatewayTokensPerS: perSecond('bareGateway') },
]);
const cpuPerToken = (median(gatewayCpu) * 1000) / STREAM_TOKENS;
printTable('gateway process CPU per stream', [{ cpuMs: median(gatewayCpu), microsecondsPerToken: cpuPerToken }]);

// 2. Whole responses: the latency the gateway adds.
for (let i = 0; i < 100; i += 1) {
  await whole(small.baseUrl, 'bench', 'bench');
  await whole(gateway, 'Small/bench', token);
}
const wholeTimes = { direct: [] as number[], gateway: [] as number[] };
const wholeCpuBefore = await gatewayCpuMs();
for (let i = 0; i < SEQUENTIAL; i += 1) {
  let start = now();
  await whole(small.baseUrl, 'bench', 'bench');
  wholeTimes.direct.push(now() - start);
  start = now();
  await whole(gateway, 'Small/bench', token);
  wholeTimes.gateway.push(now() - start);
}
const wholeCpuPerRequest = ((await gatewayCpuMs()) - wholeCpuBefore) / SEQUENTIAL;
const added = (p: number) => percentile(wholeTimes.gateway, p) - percentile(wholeTimes.direct, p);
printTable(`${SEQUENTIAL} sequential whole responses (ms)`, [
  { path: 'direct to the fake', p50: percentile(wholeTimes.direct, 50), p99: percentile(wholeTimes.direct, 99) },
  { path: 'through the gateway', p50: percentile(wholeTimes.gateway, 50), p99: percentile(wholeTimes.gateway, 99) },
  { path: 'added by the gateway', p50: added(50), p99: added(99) },
]);
printTable('gateway process CPU per whole response', [{ cpuMs: wholeCpuPerRequest }]);

// 3. Many streams at once.
let errors = 0;
let lost = 0;
const started = now();
await Promise.all(
  Array.from({ length: CONCURRENT }, () =>
    streamTokens(gateway, 'Mid/bench', token).then(
      (tokens) => {
        if (tokens !== CONCURRENT_TOKENS) lost += 1;
      },
      () => (errors += 1),
    ),
  ),
);
const concurrentMs = now() - started;
printTable(`${CONCURRENT} concurrent streams of ${CONCURRENT_TOKENS} tokens through the gateway`, [{ errors, incomplete: lost, totalMs: concurrentMs }]);

writeResults('gateway', {
  stream: { tokens: STREAM_TOKENS, rounds: ROUNDS, medians: Object.fromEntries(Object.keys(paths).map((name) => [name, med(name)])), sdkRatio, bareRatio, gatewayCpuMsPerStream: median(gatewayCpu), gatewayCpuMicrosecondsPerToken: cpuPerToken, loadAverage: os.loadavg()[0] },
  whole: { count: SEQUENTIAL, directP50: percentile(wholeTimes.direct, 50), directP99: percentile(wholeTimes.direct, 99), gatewayP50: percentile(wholeTimes.gateway, 50), gatewayP99: percentile(wholeTimes.gateway, 99), addedP50: added(50), addedP99: added(99), gatewayCpuMsPerRequest: wholeCpuPerRequest },
  concurrent: { streams: CONCURRENT, tokensEach: CONCURRENT_TOKENS, errors, incomplete: lost, totalMs: concurrentMs },
  targets: [
    { name: '20,000-token stream read by the openai SDK, gateway ÷ direct', value: sdkRatio, bound: 1.3, kind: '<=' },
    { name: 'added p99 latency of a whole response (ms)', value: added(99), bound: 1, kind: '<=' },
    { name: 'errors or incomplete streams among 100 concurrent', value: errors + lost, bound: 0, kind: '<=' },
  ],
});
child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));
await agent.close();
await Promise.all([big.close(), small.close(), mid.close()]);
