import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch';
import { chatService } from '../../../electron/services/chat';
import { compareRunner } from '../../../electron/services/compare/service';
import type { ColumnMetrics } from '../../../shared/api/compare';
import { errorReply, startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai';
import { createTestHost, type TestHost } from '../../helpers/host';

describe("the price of a chain's answer", () => {
  let host: TestHost;
  let broken: FakeOpenAI;
  let healthy: FakeOpenAI;
  async function call<T>(method: string, input: unknown): Promise<T> {
    const reply = await dispatch(host.ctx, method as never, input as never);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
    return reply.result as T;
  }
  beforeEach(async () => {
    broken = await startFakeOpenAI(['gpt-4.1']);
    broken.onChat(errorReply(401, 'Invalid API key'));
    healthy = await startFakeOpenAI(['gpt-4o-mini']);
    host = await createTestHost({ env: { OPENAI_API_KEY: 'sk-test-chain-price-0123456789' } });
  });
  afterEach(async () => {
    await host.cleanup();
    await broken.close();
    await healthy.close();
  });

  it("is the price of the model that answered after a fallback, with that price's source", async () => {
    const first = await call<{ id: string }>('profiles.create', { name: 'Broken', providerKey: 'openai', baseUrl: broken.baseUrl });
    const second = await call<{ id: string }>('profiles.create', { name: 'Healthy', providerKey: 'openai', baseUrl: healthy.baseUrl });
    await call('settings.update', { prices: { 'gpt-4.1': { inputPerMTok: 100, outputPerMTok: 100 } } });
    const chain = await call<{ id: string }>('chains.save', {
      name: 'Fallback',
      targets: [
        { profileId: first.id, model: 'gpt-4.1' },
        { profileId: second.id, model: 'gpt-4o-mini' },
      ],
      policy: { maxRetries: 0 },
    });

    const started = await call<{ streamId: string }>('chat.send', { target: { kind: 'chain', chainId: chain.id }, content: 'hi' });
    await host.ctx.use(chatService).whenFinished(started.streamId);
    const done = host.events.findLast((e) => e.event === 'chat.done')!.payload as {
      message: { answeredBy: string; metrics: ColumnMetrics };
    };
    expect(done.message.answeredBy).toContain('gpt-4o-mini');
    // gpt-4o-mini from the dataset (5 prompt and 4 answer tokens from the fake), not gpt-4.1 from the table.
    expect(done.message.metrics.priceSource).toEqual({ kind: 'dataset', label: 'genai-prices 0.1.8' });
    expect(done.message.metrics.costUsd).toBeCloseTo((5 * 0.15 + 4 * 0.6) / 1e6, 12);

    // Compare does the same.
    const run = await call<{ runId: string }>('compare.start', {
      prompt: 'hi',
      targets: [
        { kind: 'chain', chainId: chain.id },
        { kind: 'profile', profileId: second.id, model: 'gpt-4o-mini' },
      ],
      oneAtATime: true,
    });
    const finished = await host.ctx.use(compareRunner).whenFinished(run.runId);
    expect(finished.columns.map((c) => c.metrics?.priceSource?.label)).toEqual(['genai-prices 0.1.8', 'genai-prices 0.1.8']);
  });
});
