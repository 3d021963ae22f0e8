import { describe, expect, it } from 'vitest';
import type { ErrorClass } from '../../../shared/types';
import { CooldownRegistry } from '../../../electron/providers/cooldown';
import { FaultyProvider, type Fault } from '../../../electron/providers/faults';
import { DEFAULT_CHAIN_POLICY, type ChainPolicy } from '../../../shared/api/chains';
import { attemptPlan, backoffMs, reliableStream, truncateForContext, type ChainTarget } from '../../../electron/providers/reliable';
import { collectStream } from '../../../electron/providers/collect';
import type { ChatMessage, StreamEvent } from '../../../electron/providers/traits';
import { fakeClock, type FakeClock } from '../../fakes/clock';

interface Setup {
  targets: ChainTarget[];
  providers: Record<string, FaultyProvider>;
}

/** Targets A and B (B optional), each with its own fault script per key slot. */
function setup(
  scripts: Record<string, Fault[]>,
  options: { slots?: Record<string, number>; fallbackModels?: Record<string, string[]> } = {},
): Setup {
  const providers: Record<string, FaultyProvider> = {};
  const names = [...new Set(Object.keys(scripts).map((k) => k.split('#')[0]!))];
  const targets = names.map((name) => {
    const slots = options.slots?.[name] ?? 1;
    return {
      profileId: name,
      label: name,
      model: `${name}-model`,
      fallbackModels: options.fallbackModels?.[name] ?? [],
      keySlots: slots === 1 && !scripts[`${name}#1`] ? [undefined] : Array.from({ length: slots }, (_, i) => i),
      open: async (slot: number | undefined) => {
        const id = `${name}#${slot ?? 0}`;
        providers[id] ??= new FaultyProvider(name, scripts[id] ?? scripts[name] ?? [{ kind: 'ok' }]);
        return providers[id]!;
      },
    };
  });
  return { targets, providers };
}

async function runChain(
  targets: ChainTarget[],
  policy: Partial<ChainPolicy> = {},
  extra: { messages?: ChatMessage[]; signal?: AbortSignal; clock?: FakeClock; cooldowns?: CooldownRegistry; mode?: 'stream' | 'chat' } = {},
) {
  const clock = extra.clock ?? fakeClock();
  const stream = reliableStream(
    targets,
    { messages: extra.messages ?? [{ role: 'user', content: 'hi' }], signal: extra.signal },
    { ...DEFAULT_CHAIN_POLICY, ...policy },
    { clock, random: () => 1, cooldowns: extra.cooldowns ?? new CooldownRegistry(clock.now) },
  );
  let text = '';
  let error: (Error & { errorClass?: ErrorClass }) | null = null;
  try {
    if (extra.mode === 'chat') {
      text = (await collectStream(stream, 'chain')).text;
    } else {
      const events: StreamEvent[] = [];
      try {
        for await (const event of stream) events.push(event);
      } finally {
        text = events
          .filter((e) => e.type === 'text')
          .map((e) => (e as { delta: string }).delta)
          .join('');
      }
    }
  } catch (caught) {
    error = caught as Error;
  }
  return { text, error, attempts: stream.attempts, clock };
}

const err = (errorClass: ErrorClass, extra: Partial<Extract<Fault, { kind: 'error' }>> = {}): Fault => ({
  kind: 'error',
  errorClass,
  ...extra,
});

describe('reliable chain', () => {
  it('answers from the first target when it works, with one attempt traced', async () => {
    const { targets } = setup({ A: [{ kind: 'ok', text: 'hello there' }] });
    const { text, attempts, error } = await runChain(targets);
    expect(error).toBeNull();
    expect(text).toBe('hello there');
    expect(attempts).toMatchObject([{ provider: 'A', model: 'A-model', outcome: 'success' }]);
  });

  it('retries a server error with doubling, jittered backoff, then succeeds', async () => {
    const { targets } = setup({ A: [err('server'), err('server'), { kind: 'ok' }] });
    const { attempts, clock, error } = await runChain(targets);
    expect(error).toBeNull();
    expect(attempts.map((a) => a.outcome)).toEqual(['error', 'error', 'success']);
    // random() = 1 → the full window: 500 then 1000 ms (seed-core.md §6.3 defaults).
    expect(clock.sleeps).toEqual([500, 1000]);
  });

  it('jitter spreads waits over [0, window] and the window is capped', () => {
    expect(backoffMs(DEFAULT_CHAIN_POLICY, 0, () => 0.5)).toBe(250);
    expect(backoffMs(DEFAULT_CHAIN_POLICY, 10, () => 1)).toBe(10_000);
    expect(backoffMs({ ...DEFAULT_CHAIN_POLICY, baseBackoffMs: 20_000 }, 0, () => 1)).toBe(10_000);
  });

  it('honours Retry-After, capped, over the backoff', async () => {
    const { targets } = setup({
      A: [err('rate_limit', { retryAfterMs: 7000 }), err('rate_limit', { retryAfterMs: 120_000 }), { kind: 'ok' }],
    });
    const { clock } = await runChain(targets);
    expect(clock.sleeps).toEqual([7000, 30_000]);
  });

  it('falls back to the next target after the retries, and summarises every attempt', async () => {
    const { targets } = setup({ A: [err('server')], B: [{ kind: 'ok', text: 'from B' }] });
    const { text, attempts } = await runChain(targets);
    expect(text).toBe('from B');
    expect(attempts.map((a) => `${a.provider}:${a.outcome}`)).toEqual(['A:error', 'A:error', 'A:error', 'B:success']);
  });

  it('fails with the whole attempt list when everything fails', async () => {
    const { targets } = setup({ A: [err('server')], B: [err('auth')] });
    const { error, attempts } = await runChain(targets);
    expect(error?.message).toMatch(/^All providers\/models failed\. Attempts:\n1\. A · A-model: server/);
    expect(error?.message).toContain('4. B · B-model: auth');
    expect((error as unknown as { attempts: unknown[] }).attempts).toBe(attempts);
  });

  it('rotates to the next key slot on 429 instead of waiting (the seed only logged it)', async () => {
    const { targets, providers } = setup(
      { 'A#0': [err('rate_limit', { retryAfterMs: 20_000 })], 'A#1': [{ kind: 'ok', text: 'second key' }] },
      { slots: { A: 2 } },
    );
    const { text, attempts, clock } = await runChain(targets);
    expect(text).toBe('second key');
    expect(attempts.map((a) => [a.keySlot, a.outcome])).toEqual([
      [0, 'error'],
      [1, 'success'],
    ]);
    expect(clock.sleeps).toEqual([]);
    expect(providers['A#1']!.calls).toHaveLength(1);
  });

  it("walks the seed's models × providers order for fallback models", () => {
    const { targets } = setup({ A: [], B: [] }, { fallbackModels: { A: ['a2', 'a3'], B: ['b2'] } });
    expect(attemptPlan(targets).map((p) => `${p.target.label}/${p.model}`)).toEqual(['A/A-model', 'B/B-model', 'A/a2', 'B/b2', 'A/a3']);
  });

  it('truncates history once on a context-window error, keeping system and pairs intact', async () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 's' },
      { role: 'user', content: 'u1' },
      { role: 'assistant', content: '', toolCalls: [{ id: 't', name: 'x', arguments: '{}' }] },
      { role: 'tool', content: 'r', toolCallId: 't' },
      { role: 'assistant', content: 'a1' },
      { role: 'user', content: 'u2' },
    ];
    expect(truncateForContext(messages)?.map((m) => m.content)).toEqual(['s', 'u2']);
    const { targets, providers } = setup({ A: [err('context_window'), { kind: 'ok' }] });
    const { error, attempts } = await runChain(targets, {}, { messages });
    expect(error).toBeNull();
    expect(providers['A#0']!.calls.map((c) => c.messages)).toEqual([6, 2]);
    expect(attempts.map((a) => a.errorClass ?? a.outcome)).toEqual(['context_window', 'success']);
  });

  it('moves on when the history cannot be shortened: the next target may have a bigger window', async () => {
    const { targets } = setup({ A: [err('context_window')], B: [{ kind: 'ok', text: 'from B' }] });
    const { error, text } = await runChain(targets);
    expect(error).toBeNull();
    expect(text).toBe('from B');
  });

  it('falls back while streaming only before the first token; after it, keeps the partial text', async () => {
    const early = setup({ A: [{ kind: 'cut', afterChunks: 0 }], B: [{ kind: 'ok', text: 'clean answer' }] });
    const first = await runChain(early.targets, { maxRetries: 0 });
    expect(first.text).toBe('clean answer');
    const late = setup({ A: [{ kind: 'cut', afterChunks: 2 }], B: [{ kind: 'ok', text: 'never used' }] });
    const second = await runChain(late.targets, { maxRetries: 2 });
    expect(second.text).toBe('partial answer ');
    expect(second.error?.message).toContain('cut after 2 chunks');
    expect(late.providers['B#0']).toBeUndefined();
  });

  it('one AbortSignal stops the whole chain at once, with no retry and nothing pending', async () => {
    const controller = new AbortController();
    const { targets, providers } = setup({ A: [{ kind: 'hang' }], B: [{ kind: 'ok' }] });
    setTimeout(() => controller.abort(), 10);
    const { error, attempts } = await runChain(targets, {}, { signal: controller.signal });
    expect(error?.name).toBe('AbortError');
    expect(attempts).toMatchObject([{ outcome: 'error', errorClass: 'cancelled' }]);
    expect(providers['B#0']).toBeUndefined();
  });

  it('a cooling target is skipped by later calls, then probed once when the cooldown ends', async () => {
    const clock = fakeClock();
    const cooldowns = new CooldownRegistry(clock.now);
    const policy = { maxRetries: 0, failureThreshold: 2, cooldownMs: 10_000 };
    const { targets, providers } = setup({
      A: [err('server'), err('server'), { kind: 'ok', text: 'A healthy' }],
      B: [{ kind: 'ok', text: 'B' }],
    });
    await runChain(targets, policy, { clock, cooldowns });
    await runChain(targets, policy, { clock, cooldowns });
    expect(providers['A#0']!.calls).toHaveLength(2);
    const skipped = await runChain(targets, policy, { clock, cooldowns });
    expect(skipped.attempts[0]).toMatchObject({
      provider: 'A',
      outcome: 'skipped',
      message: expect.stringMatching(/cooling down for 10 s/),
    });
    expect(providers['A#0']!.calls).toHaveLength(2);
    clock.advance(10_001);
    const probe = await runChain(targets, policy, { clock, cooldowns });
    expect(probe.text).toBe('A healthy');
    expect(cooldowns.cooling()).toEqual([]);
  });

  it('a deadline ends the chain even while retries remain', async () => {
    const { targets } = setup({ A: [err('server')] });
    const { error } = await runChain(targets, { deadlineMs: 700 });
    expect(error?.message).toMatch(/deadline of 700 ms passed/);
  });
});

// The fault matrix: every error class × one or several key slots × with or without fallback
// models. Expected: what the user gets and which attempts happened.
describe('fault matrix', () => {
  const classes: ErrorClass[] = ['auth', 'rate_limit', 'context_window', 'bad_request', 'not_found', 'server', 'network', 'timeout'];
  for (const errorClass of classes) {
    for (const slots of [1, 2]) {
      for (const withFallbackModel of [false, true]) {
        for (const mode of ['stream', 'chat'] as const) {
          it(`${errorClass} · ${mode} · ${slots} key slot(s) · ${withFallbackModel ? 'with' : 'without'} fallback model`, async () => {
            const scripts: Record<string, Fault[]> = { 'A#0': [err(errorClass)], B: [{ kind: 'ok', text: 'from B' }] };
            if (slots === 2) scripts['A#1'] = [{ kind: 'ok', text: 'from A key 2' }];
            const { targets } = setup(scripts, { slots: { A: slots }, fallbackModels: withFallbackModel ? { A: ['A-small'] } : {} });
            const { text, attempts, error } = await runChain(targets, { maxRetries: 1 }, { mode });
            const retryable = ['server', 'network', 'timeout'].includes(errorClass);
            const rotates = slots === 2 && (errorClass === 'auth' || errorClass === 'rate_limit');
            expect(error).toBeNull();
            if (errorClass === 'context_window') {
              // A single-turn history cannot be shortened, and another key would not fit more: the next target answers.
              expect(text).toBe('from B');
              expect(attempts.map((a) => `${a.provider}:${a.errorClass ?? a.outcome}`)).toEqual(['A:context_window', 'B:success']);
              return;
            }
            if (rotates) {
              expect(text).toBe('from A key 2');
              expect(attempts.map((a) => [a.keySlot, a.outcome])).toEqual([
                [0, 'error'],
                [1, 'success'],
              ]);
            } else {
              expect(text).toBe('from B');
              const firstTargetErrors = attempts.filter((a) => a.provider === 'A' && a.model === 'A-model' && a.keySlot !== 1);
              // Retryable classes use the retry budget on the first key; rate limits with one key wait and retry; others move on.
              const expected = retryable || (errorClass === 'rate_limit' && slots === 1) ? 2 : 1;
              expect(firstTargetErrors.length).toBe(expected);
              expect(firstTargetErrors.every((a) => a.errorClass === errorClass)).toBe(true);
              expect(attempts.at(-1)).toMatchObject({ provider: 'B', outcome: 'success' });
            }
          });
        }
      }
    }
  }
});
