// The breaker as the Chains page sees it: a target that failed is listed as cooling, "retry now"
// ends that, and editing the profile (its key, URL, headers or options) ends it too.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch';
import { sharedCooldowns } from '../../../electron/providers/cooldown';
import { collectStream } from '../../../electron/providers/collect';
import { resolveTarget } from '../../../electron/services/targets';
import { createTestHost, type TestHost } from '../../helpers/host';
import { errorReply, startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai';

async function call<T>(host: TestHost, method: string, input: unknown): Promise<T> {
  const envelope = await dispatch(host.ctx, method, input);
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.result as T;
}

describe('cooling targets on the Chains page', () => {
  let host: TestHost;
  let broken: FakeOpenAI;
  let healthy: FakeOpenAI;
  let brokenId: string;
  let chainId: string;

  beforeEach(async () => {
    host = await createTestHost();
    broken = await startFakeOpenAI();
    broken.onChat(errorReply(503, 'The server is overloaded.'));
    healthy = await startFakeOpenAI();
    brokenId = (await call<{ id: string }>(host, 'profiles.create', { name: 'Broken', providerKey: `custom:${broken.baseUrl}` })).id;
    const healthyId = (await call<{ id: string }>(host, 'profiles.create', { name: 'Healthy', providerKey: `custom:${healthy.baseUrl}` }))
      .id;
    const chain = await call<{ id: string }>(host, 'chains.save', {
      name: 'Resilient',
      targets: [
        { profileId: brokenId, model: 'big' },
        { profileId: healthyId, model: 'small' },
      ],
      policy: { maxRetries: 0, failureThreshold: 1, cooldownMs: 600_000 },
    });
    chainId = chain.id;
  });

  afterEach(async () => {
    sharedCooldowns.reset();
    await broken.close();
    await healthy.close();
    await host.cleanup();
  });

  async function ask(): Promise<string> {
    const target = await resolveTarget(host.ctx, { kind: 'chain', chainId });
    return (await collectStream(target.stream({ messages: [{ role: 'user', content: 'hi' }] }), 'chain')).text;
  }

  const cooling = async () =>
    (await call<{ cooling: Array<{ key: string; profileId: string; model: string }> }>(host, 'chains.cooldowns', {})).cooling;

  it('lists the failed target, and "retry now" sends the next call to it again', async () => {
    expect(await ask()).toBe('Hello from the fake');
    expect(await cooling()).toMatchObject([{ profileId: brokenId, model: 'big', consecutiveFailures: 1 }]);
    await ask();
    expect(broken.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(1);

    await call(host, 'chains.retryNow', { key: (await cooling())[0]!.key });
    expect(await cooling()).toEqual([]);
    await ask();
    expect(broken.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(2);
    await expect(call(host, 'chains.retryNow', { key: 'nothing|cooling|-' })).rejects.toThrow(/no longer cooling down/);
  });

  it("forgets the cooldown when the profile's settings change", async () => {
    await ask();
    expect(await cooling()).toHaveLength(1);
    await call(host, 'profiles.update', { id: brokenId, patch: { extraHeaders: { 'x-team': 'blue' } } });
    expect(await cooling()).toEqual([]);
    await ask();
    expect(broken.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(2);
  });

  it('keeps the cooldown when only the recent-models list changes', async () => {
    await ask();
    await call(host, 'profiles.update', { id: brokenId, patch: { recentModel: 'big' } });
    expect(await cooling()).toHaveLength(1);
  });
});
