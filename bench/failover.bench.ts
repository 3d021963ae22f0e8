// Failover: time to an answer when the first target refuses connections, returns 503, or hangs,
// on the first call and on the next ten, under the seed's policy (retries with doubling backoff,
// no jitter, no memory between calls) versus ours (jittered backoff plus the shared cooldown).
// Real HTTP on loopback, real timers. Backoff is scaled down tenfold for both (base 50 ms) and each
// attempt times out after 300 ms (the seed had no attempt timeout: a hang waited 120 s).
import { createProvider } from '../electron/providers/factory';
import { CooldownRegistry } from '../electron/providers/cooldown';
import { DEFAULT_CHAIN_POLICY, type ChainPolicy } from '../shared/api/chains';
import { reliableStream, type ChainTarget } from '../electron/providers/reliable';
import { collectStream } from '../electron/providers/collect';
import { startFakeServer } from '../tests/fakes/server';
import { errorReply, startFakeOpenAI } from '../tests/fakes/openai';
import { now, printTable, quick, writeResults, type Row } from './lib';

const LATER_CALLS = quick ? 5 : 10;
const healthy = await startFakeOpenAI();
const failing = await startFakeOpenAI();
const refused = await startFakeServer();
const refusedUrl = `${refused.url}/v1`;
await refused.close();

type Scenario = 'refused' | '503' | 'hang';
function firstTargetUrl(scenario: Scenario): string {
  if (scenario === 'refused') return refusedUrl;
  failing.onChat(scenario === '503' ? errorReply(503, 'overloaded') : { hang: true });
  return failing.baseUrl;
}

function targets(firstUrl: string): ChainTarget[] {
  const make = (label: string, url: string): ChainTarget => ({
    profileId: label,
    label,
    model: 'm',
    fallbackModels: [],
    keySlots: [undefined],
    open: async () => createProvider(`custom:${url}`, { credential: 'bench', env: {} }),
  });
  return [make('first', firstUrl), make('second', healthy.baseUrl)];
}

const scaled: ChainPolicy = { ...DEFAULT_CHAIN_POLICY, baseBackoffMs: 50, maxBackoffMs: 1_000, attemptTimeoutMs: 300 };
const policies = {
  seed: { policy: { ...scaled, failureThreshold: 1_000_000 }, random: () => 1 },
  ours: { policy: { ...scaled, failureThreshold: 3, cooldownMs: 30_000 }, random: Math.random },
};

async function timeToAnswer(chain: ChainTarget[], which: keyof typeof policies, cooldowns: CooldownRegistry): Promise<number> {
  const { policy, random } = policies[which];
  const start = now();
  const response = await collectStream(
    reliableStream(chain, { messages: [{ role: 'user', content: 'hi' }] }, policy, { cooldowns, random }),
    'm',
  );
  if (!response.text) throw new Error('no answer');
  return now() - start;
}

const rows: Row[] = [];
const results: Record<string, unknown> = {};
for (const scenario of ['refused', '503', 'hang'] as Scenario[]) {
  const chain = targets(firstTargetUrl(scenario));
  for (const which of ['seed', 'ours'] as const) {
    const cooldowns = new CooldownRegistry();
    const first = await timeToAnswer(chain, which, cooldowns);
    const later: number[] = [];
    for (let i = 0; i < LATER_CALLS; i += 1) later.push(await timeToAnswer(chain, which, cooldowns));
    const mean = later.reduce((a, b) => a + b, 0) / later.length;
    rows.push({ scenario, policy: which, firstCallMs: first, nextCallsMeanMs: mean, nextCallsTotalMs: later.reduce((a, b) => a + b, 0) });
    results[`${scenario}/${which}`] = { firstCallMs: first, laterMs: later };
  }
}
printTable(`Time to an answer with a dead first target (first call, then ${LATER_CALLS} more)`, rows);
const ratio = (scenario: string) => {
  const seed = rows.find((r) => r.scenario === scenario && r.policy === 'seed')!.nextCallsMeanMs as number;
  const ours = rows.find((r) => r.scenario === scenario && r.policy === 'ours')!.nextCallsMeanMs as number;
  return seed / ours;
};
printTable(
  'Later calls: seed time ÷ ours',
  ['refused', '503', 'hang'].map((scenario) => ({ scenario, speedup: ratio(scenario) })),
);
writeResults('failover', { rows, results, speedup: { refused: ratio('refused'), '503': ratio('503'), hang: ratio('hang') } });
await healthy.close();
await failing.close();
