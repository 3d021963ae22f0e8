// The dry run's timeline: each simulated call takes the time such a call usually takes, and the
// backoff waits sit between the attempts, so the Chains page can draw both.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch';
import { createTestHost, type TestHost } from '../../helpers/host';

describe('chains.dryRun timeline', () => {
  let host: TestHost;
  beforeEach(async () => {
    host = await createTestHost();
  });
  afterEach(() => host.cleanup());

  async function call<T>(method: string, input: unknown): Promise<T> {
    const envelope = await dispatch(host.ctx, method as never, input);
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), envelope.error);
    return envelope.result as T;
  }

  it('gives attempts simulated durations and leaves the backoff waits between them', async () => {
    const a = await call<{ id: string }>('profiles.create', { name: 'Local A', providerKey: 'ollama', baseUrl: 'http://127.0.0.1:9' });
    const b = await call<{ id: string }>('profiles.create', { name: 'Local B', providerKey: 'ollama', baseUrl: 'http://127.0.0.1:9' });
    const chain = await call<{ id: string }>('chains.save', {
      name: 'Dry',
      targets: [
        { profileId: a.id, model: 'm1' },
        { profileId: b.id, model: 'm2' },
      ],
      policy: { maxRetries: 1 },
    });
    const result = await call<{
      ok: boolean;
      attempts: Array<{ startedAt: number; durationMs: number; outcome: string; errorClass?: string }>;
      simulatedWaitMs: number;
    }>('chains.dryRun', {
      chainId: chain.id,
      faults: [[{ kind: 'error', errorClass: 'server', status: 503 }], [{ kind: 'ok' }]],
    });
    expect(result.ok).toBe(true);
    expect(result.attempts.map((t) => `${t.outcome}:${t.durationMs}`)).toEqual(['error:200', 'error:200', 'success:800']);
    // The gaps between one attempt's end and the next one's start add up to the waits.
    const gaps = result.attempts.slice(1).map((t, i) => t.startedAt - (result.attempts[i]!.startedAt + result.attempts[i]!.durationMs));
    expect(gaps[0]).toBeGreaterThan(0);
    expect(gaps.reduce((x, y) => x + y, 0)).toBe(result.simulatedWaitMs);
  });

  it('draws the same typical backoff on every run, never a 0 ms wait', async () => {
    const a = await call<{ id: string }>('profiles.create', { name: 'Local A', providerKey: 'ollama', baseUrl: 'http://127.0.0.1:9' });
    const chain = await call<{ id: string }>('chains.save', {
      name: 'Same',
      targets: [{ profileId: a.id, model: 'm1' }],
      policy: { maxRetries: 2 },
    });
    const run = () =>
      call<{ attempts: Array<{ startedAt: number }>; simulatedWaitMs: number }>('chains.dryRun', {
        chainId: chain.id,
        faults: [
          [{ kind: 'error', errorClass: 'server', status: 503 }, { kind: 'error', errorClass: 'server', status: 503 }, { kind: 'ok' }],
        ],
      });
    const runs = await Promise.all(Array.from({ length: 20 }, run));
    const waits = new Set(runs.map((r) => r.simulatedWaitMs));
    expect(waits.size).toBe(1);
    expect(runs[0]!.simulatedWaitMs).toBeGreaterThan(0);
  });
});
