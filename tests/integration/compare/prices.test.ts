import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch';
import { compareRunner } from '../../../electron/services/compare/service';
import { priceFor } from '../../../electron/services/prices';
import { createTestHost, type TestHost } from '../../helpers/host';
import { startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai';

describe('model prices for comparisons', () => {
  let host: TestHost;
  let fake: FakeOpenAI;
  beforeEach(async () => {
    fake = await startFakeOpenAI();
    // OpenRouter's models API reports USD per token, as strings.
    fake.route('GET', '/v1/models', {
      body: {
        data: [
          { id: 'openai/gpt-fake', pricing: { prompt: '0.000002', completion: '0.000008' } },
          { id: 'free/model', pricing: { prompt: '0', completion: '0' } },
        ],
      },
    });
    host = await createTestHost({ env: { OPENROUTER_API_KEY: 'sk-or-v1-fake-0123456789' } });
  });
  afterEach(async () => {
    await host.cleanup();
    await fake.close();
  });

  it('reads OpenRouter prices from its models API for an OpenRouter profile; the table in Settings wins', async () => {
    expect(await priceFor(host.ctx, { model: 'openai/gpt-fake' })).toBeUndefined();
    const created = await dispatch(host.ctx, 'profiles.create', { name: 'OpenRouter', providerKey: 'openrouter', baseUrl: fake.baseUrl });
    expect(created.ok).toBe(true);
    const profileId = (created as { result: { id: string } }).result.id;
    // A fresh host: the model list cache is per host and built on first use.
    const fresh = await createTestHost({ dataDir: host.dataDir, env: { OPENROUTER_API_KEY: 'sk-or-v1-fake-0123456789' } });
    const at = { providerKey: 'openrouter', profileId };
    expect(await priceFor(fresh.ctx, { model: 'openai/gpt-fake', ...at })).toEqual({
      inputPerMTok: 2,
      outputPerMTok: 8,
      source: { kind: 'openrouter', label: 'OpenRouter' },
    });
    expect(await priceFor(fresh.ctx, { model: 'free/model', ...at })).toEqual({
      inputPerMTok: 0,
      outputPerMTok: 0,
      source: { kind: 'openrouter', label: 'OpenRouter' },
    });
    await dispatch(fresh.ctx, 'settings.update', { prices: { 'openai/gpt-fake': { inputPerMTok: 1, outputPerMTok: 1 } } });
    expect(await priceFor(fresh.ctx, { model: 'openai/gpt-fake', ...at })).toEqual({
      inputPerMTok: 1,
      outputPerMTok: 1,
      source: { kind: 'table', label: 'your price table' },
    });

    // And a comparison column through OpenRouter is priced with them.
    const started = await dispatch(fresh.ctx, 'compare.start', {
      prompt: 'hi',
      targets: [
        { kind: 'profile', profileId, model: 'free/model' },
        { kind: 'profile', profileId, model: 'openai/gpt-fake' },
      ],
      oneAtATime: false,
    });
    const run = await fresh.ctx.use(compareRunner).whenFinished((started as { result: { runId: string } }).result.runId);
    expect(run.columns.map((c) => c.metrics?.costUsd)).toEqual([0, (5 * 1 + 4 * 1) / 1e6]);
    expect(run.columns.map((c) => c.metrics?.priceSource?.kind)).toEqual(['openrouter', 'table']);
    await fresh.cleanup();
  });
});
