// The chain engine as a user meets it: each scenario sets up targets that fail in scripted ways,
// makes one or more calls on the shared fake clock, and compares the attempt trace the chat's
// timeline would show ("A·server" = an attempt on target A that failed with a server error).
import { describe, expect, it } from 'vitest';
import { CooldownRegistry } from '../../../electron/providers/cooldown';
import { FaultyProvider, type Fault } from '../../../electron/providers/faults';
import { DEFAULT_CHAIN_POLICY, type ChainPolicy } from '../../../shared/api/chains';
import { reliableStream, type ChainTarget } from '../../../electron/providers/reliable';
import { collectStream } from '../../../electron/providers/collect';
import type { ChatMessage } from '../../../electron/providers/traits';
import type { AttemptTrace, ErrorClass } from '../../../shared/types';
import { fakeClock, type FakeClock } from '../../fakes/clock';

const ok: Fault = { kind: 'ok' };
const fail = (errorClass: ErrorClass, extra: { status?: number; message?: string; retryAfterMs?: number } = {}): Fault => ({
  kind: 'error',
  errorClass,
  ...extra,
});
const untyped = (message: string): Fault => ({ kind: 'untyped', message });

/** "A·server", "B·success", "A#1·auth", "A·skipped". */
function trace(attempts: AttemptTrace[]): string[] {
  return attempts.map(
    (a) => `${a.provider}${a.keySlot !== undefined ? `#${a.keySlot}` : ''}·${a.outcome === 'error' ? a.errorClass : a.outcome}`,
  );
}

const LONG_HISTORY: ChatMessage[] = [
  { role: 'system', content: 'be brief' },
  { role: 'user', content: 'u1' },
  { role: 'assistant', content: 'a1' },
  { role: 'user', content: 'u2' },
  { role: 'assistant', content: 'a2' },
  { role: 'user', content: 'u3' },
];

interface World {
  clock: FakeClock;
  cooldowns: CooldownRegistry;
  providers: Map<string, FaultyProvider>;
  targets: ChainTarget[];
  /** Changes a target's profile revision, as editing its key or settings does. */
  revisions: Map<string, string>;
}

/** Targets named by the scripts' keys: "A" (one key) or "A#0", "A#1" (key slots). */
function world(scripts: Record<string, Fault[]>): World {
  const clock = fakeClock();
  const providers = new Map<string, FaultyProvider>();
  const revisions = new Map<string, string>();
  const names = [...new Set(Object.keys(scripts).map((k) => k.split('#')[0]!))];
  const targets = names.map((name): ChainTarget => {
    const slots = Object.keys(scripts).filter((k) => k.startsWith(`${name}#`)).length;
    return {
      profileId: name,
      label: name,
      model: `${name}-model`,
      fallbackModels: [],
      keySlots: slots === 0 ? [undefined] : Array.from({ length: slots }, (_, i) => i),
      get revision() {
        return revisions.get(name) ?? 'r1';
      },
      open: async (slot) => {
        const id = slot === undefined ? name : `${name}#${slot}`;
        if (!providers.has(id)) providers.set(id, new FaultyProvider(name, scripts[id] ?? [ok]));
        return providers.get(id)!;
      },
    };
  });
  return { clock, cooldowns: new CooldownRegistry(clock.now), providers, targets, revisions };
}

async function call(w: World, policy: Partial<ChainPolicy> = {}, messages: ChatMessage[] = [{ role: 'user', content: 'hi' }]) {
  const stream = reliableStream(
    w.targets,
    { messages },
    { ...DEFAULT_CHAIN_POLICY, ...policy },
    { clock: w.clock, random: () => 1, cooldowns: w.cooldowns },
  );
  try {
    const response = await collectStream(stream, 'chain');
    return { text: response.text, error: null, attempts: stream.attempts, trace: trace(stream.attempts) };
  } catch (error) {
    return { text: '', error: error as Error, attempts: stream.attempts, trace: trace(stream.attempts) };
  }
}

interface Scenario {
  name: string;
  scripts: Record<string, Fault[]>;
  policy?: Partial<ChainPolicy>;
  messages?: ChatMessage[];
  /** One expected trace per call, made in order on the same clock and breaker. */
  calls: string[][];
  /** Waits the chain slept through, over all calls. */
  waits?: number[];
}

// Server, network and timeout errors retried; the rest move on; the breaker counts failed calls.
const scenarios: Scenario[] = [
  {
    name: 'maxRetries 5 makes 6 attempts on the failing target before the next (the breaker cut it to 3)',
    scripts: { A: [fail('server')], B: [ok] },
    policy: { maxRetries: 5 },
    calls: [[...Array(6).fill('A·server'), 'B·success']],
    waits: [500, 1000, 2000, 4000, 8000],
  },
  {
    name: 'with the defaults, one failed call does not cool the target: the next call tries it again in full',
    scripts: { A: [fail('server')], B: [ok] },
    calls: [
      ['A·server', 'A·server', 'A·server', 'B·success'],
      ['A·server', 'A·server', 'A·server', 'B·success'],
    ],
  },
  {
    name: 'after failureThreshold failed calls the next call skips the target',
    scripts: { A: [fail('server')], B: [ok] },
    policy: { maxRetries: 0 },
    calls: [
      ['A·server', 'B·success'],
      ['A·server', 'B·success'],
      ['A·server', 'B·success'],
      ['A·skipped', 'B·success'],
    ],
  },
  {
    name: 'a threshold of 1 still lets the call that trips it use all its retries',
    scripts: { A: [fail('server')], B: [ok] },
    policy: { failureThreshold: 1 },
    calls: [
      ['A·server', 'A·server', 'A·server', 'B·success'],
      ['A·skipped', 'B·success'],
    ],
  },
  {
    name: '401 moves on at once and never trips the breaker',
    scripts: { A: [fail('auth')], B: [ok] },
    policy: { failureThreshold: 1 },
    calls: [
      ['A·auth', 'B·success'],
      ['A·auth', 'B·success'],
      ['A·auth', 'B·success'],
    ],
  },
  {
    name: '403 moves on at once and never trips the breaker',
    scripts: { A: [fail('auth', { status: 403, message: 'Forbidden' })], B: [ok] },
    policy: { failureThreshold: 1 },
    calls: [
      ['A·auth', 'B·success'],
      ['A·auth', 'B·success'],
    ],
  },
  {
    name: 'a 401 on the first key rotates to the second key without waiting',
    scripts: { 'A#0': [fail('auth')], 'A#1': [ok], B: [ok] },
    calls: [['A#0·auth', 'A#1·success']],
    waits: [],
  },
  {
    name: '"403 Forbidden" in a statusless error is not retried',
    scripts: { A: [untyped('claude exited with 1. Stderr: 403 Forbidden')], B: [ok] },
    calls: [['A·auth', 'B·success']],
    waits: [],
  },
  {
    name: '"model x not found" in a statusless error is not retried',
    scripts: { A: [untyped('model gpt-9 not found')], B: [ok] },
    calls: [['A·not_found', 'B·success']],
  },
  {
    name: '"unsupported model" in a statusless error is not retried',
    scripts: { A: [untyped('unsupported model: glm-4.7')], B: [ok] },
    calls: [['A·not_found', 'B·success']],
  },
  {
    name: 'a statusless error without a verdict in its text is retried',
    scripts: { A: [untyped('model overloaded, try again later'), ok] },
    calls: [['A·unknown', 'A·success']],
    waits: [500],
  },
  {
    name: 'insufficient_quota 429 moves on at once, ignoring its Retry-After',
    scripts: {
      A: [fail('rate_limit', { status: 429, message: 'You exceeded your current quota (insufficient_quota)', retryAfterMs: 20_000 })],
      B: [ok],
    },
    calls: [['A·rate_limit', 'B·success']],
    waits: [],
  },
  {
    name: "Z.AI's 1113 (insufficient balance) moves on at once",
    scripts: { A: [fail('rate_limit', { status: 429, message: '{"error":{"code":"1113","message":"余额不足"}}' })], B: [ok] },
    calls: [['A·rate_limit', 'B·success']],
    waits: [],
  },
  {
    name: "Z.AI's 1311 (plan does not include the model) moves on at once",
    scripts: { A: [fail('rate_limit', { status: 429, message: 'code 1311: the current plan does not include glm-5' })], B: [ok] },
    calls: [['A·rate_limit', 'B·success']],
  },
  {
    name: '"no available package" moves on at once and does not trip the breaker',
    scripts: { A: [fail('rate_limit', { status: 429, message: 'no available package for this account' })], B: [ok] },
    policy: { failureThreshold: 1 },
    calls: [
      ['A·rate_limit', 'B·success'],
      ['A·rate_limit', 'B·success'],
    ],
  },
  {
    name: 'an ordinary 429 waits for its Retry-After and retries',
    scripts: { A: [fail('rate_limit', { status: 429, message: 'Rate limit reached', retryAfterMs: 7000 }), ok] },
    calls: [['A·rate_limit', 'A·success']],
    waits: [7000],
  },
  {
    name: 'a second context-window error after trimming moves to the next target, which gets the whole history',
    scripts: { A: [fail('context_window')], B: [ok] },
    messages: LONG_HISTORY,
    calls: [['A·context_window', 'A·context_window', 'B·success']],
    waits: [],
  },
  {
    name: 'a context-window error with nothing to trim moves to the next target',
    scripts: { A: [fail('context_window')], B: [ok] },
    calls: [['A·context_window', 'B·success']],
  },
  {
    name: 'context-window errors never cool a target',
    scripts: { A: [fail('context_window')], B: [ok] },
    policy: { failureThreshold: 1 },
    calls: [
      ['A·context_window', 'B·success'],
      ['A·context_window', 'B·success'],
    ],
  },
  {
    name: 'a bad request moves on at once and does not trip the breaker',
    scripts: { A: [fail('bad_request')], B: [ok] },
    policy: { failureThreshold: 1 },
    calls: [
      ['A·bad_request', 'B·success'],
      ['A·bad_request', 'B·success'],
    ],
  },
  {
    name: 'a success in between resets the count of failed calls',
    scripts: { A: [fail('server'), fail('server'), ok, fail('server'), fail('server'), fail('server')], B: [ok] },
    policy: { maxRetries: 0, failureThreshold: 3 },
    calls: [
      ['A·server', 'B·success'],
      ['A·server', 'B·success'],
      ['A·success'],
      ['A·server', 'B·success'],
      ['A·server', 'B·success'],
      ['A·server', 'B·success'],
      ['A·skipped', 'B·success'],
    ],
  },
];

describe('chain scenarios (fake clock, attempt trace)', () => {
  for (const scenario of scenarios) {
    it(scenario.name, async () => {
      const w = world(scenario.scripts);
      const traces: string[][] = [];
      for (let i = 0; i < scenario.calls.length; i += 1) traces.push((await call(w, scenario.policy, scenario.messages)).trace);
      expect(traces).toEqual(scenario.calls);
      if (scenario.waits) expect(w.clock.sleeps).toEqual(scenario.waits);
    });
  }

  it('the target after a trimmed one sees the whole conversation; the trimmed one saw it shortened', async () => {
    const w = world({ A: [fail('context_window')], B: [{ kind: 'ok', text: 'fits in my window' }] });
    const result = await call(w, {}, LONG_HISTORY);
    expect(result.text).toBe('fits in my window');
    expect(w.providers.get('A')!.calls.map((c) => c.messages)).toEqual([6, 4]);
    expect(w.providers.get('B')!.calls.map((c) => c.messages)).toEqual([6]);
  });

  it('when no target can take the conversation, the error says so and lists every attempt', async () => {
    const w = world({ A: [fail('context_window')], B: [fail('context_window')] });
    const { error, trace: attempts } = await call(w, {}, LONG_HISTORY);
    expect(attempts).toEqual(['A·context_window', 'A·context_window', 'B·context_window', 'B·context_window']);
    expect(error?.message).toMatch(/^The conversation is longer than every model in this chain accepts/);
    expect(error?.message).toContain('4. B · B-model: context_window');
  });

  it('a call in progress keeps its retries when another call trips the breaker meanwhile', async () => {
    const w = world({ A: [fail('server')], B: [ok] });
    const policy = { failureThreshold: 1, maxRetries: 2 };
    // Both calls run at once: their attempts interleave at every backoff.
    const [first, second] = await Promise.all([call(w, policy), call(w, policy)]);
    expect(first.trace).toEqual(['A·server', 'A·server', 'A·server', 'B·success']);
    expect(second.trace).toEqual(['A·server', 'A·server', 'A·server', 'B·success']);
    expect((await call(w, policy)).trace).toEqual(['A·skipped', 'B·success']);
  });

  it('a cooled target is probed by one call when the cooldown ends, and is healthy again after it answers', async () => {
    const w = world({ A: [fail('server'), ok], B: [ok] });
    const policy = { failureThreshold: 1, maxRetries: 0, cooldownMs: 10_000 };
    expect((await call(w, policy)).trace).toEqual(['A·server', 'B·success']);
    const skipped = await call(w, policy);
    expect(skipped.attempts[0]).toMatchObject({ outcome: 'skipped', message: 'cooling down for 10 s after repeated failures' });
    w.clock.advance(10_000);
    expect((await call(w, policy)).trace).toEqual(['A·success']);
    expect(w.cooldowns.cooling()).toEqual([]);
  });

  it("changing the profile's key or settings ends its cooldown: the next call tries it again", async () => {
    const w = world({ A: [fail('server'), ok], B: [ok] });
    const policy = { failureThreshold: 1, maxRetries: 0 };
    await call(w, policy);
    expect((await call(w, policy)).trace).toEqual(['A·skipped', 'B·success']);
    w.revisions.set('A', 'r2');
    expect((await call(w, policy)).trace).toEqual(['A·success']);
  });

  it('"retry now" ends the cooldown of exactly that target', async () => {
    const w = world({ A: [fail('server'), ok], B: [ok] });
    const policy = { failureThreshold: 1, maxRetries: 0 };
    await call(w, policy);
    const [cooling] = w.cooldowns.cooling();
    expect(cooling).toMatchObject({ profileId: 'A', model: 'A-model', consecutiveFailures: 1, remainingMs: 30_000 });
    expect(w.cooldowns.clear(cooling!.key)).toBe(true);
    expect((await call(w, policy)).trace).toEqual(['A·success']);
  });
});
