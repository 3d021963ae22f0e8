import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch';
import type { ContextCheck } from '../../../shared/api/models';
import { startFakeAnthropic } from '../../fakes/anthropic';
import { startFakeGemini } from '../../fakes/gemini';
import { addManagementEndpoints, startFakeOllama } from '../../fakes/ollama';
import { startFakeOpenAI } from '../../fakes/openai';
import type { FakeServer } from '../../fakes/server';
import { createTestHost, type TestHost } from '../../helpers/host';

type Listed = { id: string; details?: Record<string, string | number> };

describe("prices and limits of each provider's models, resolved in order", () => {
  let host: TestHost;
  const fakes: FakeServer[] = [];
  afterEach(async () => {
    await host.cleanup();
    await Promise.all(fakes.splice(0).map((f) => f.close()));
  });

  async function call<T>(method: string, input: unknown): Promise<T> {
    const reply = await dispatch(host.ctx, method as never, input as never);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
    return reply.result as T;
  }
  async function listed(profileId: string): Promise<Record<string, Record<string, string | number>>> {
    const { models } = await call<{ models: Listed[] }>('connection.models', { profileId });
    return Object.fromEntries(models.map((m) => [m.id, m.details ?? {}]));
  }
  const profile = async (name: string, providerKey: string, baseUrl: string) =>
    (await call<{ id: string }>('profiles.create', { name, providerKey, baseUrl })).id;

  it("takes limits from the provider's own list, then the dataset; prices from the table, OpenRouter, the dataset, else none", async () => {
    host = await createTestHost({
      env: {
        OPENROUTER_API_KEY: 'sk-or-v1-fake-0123456789',
        GEMINI_API_KEY: 'AIza-fake-0123456789',
        ANTHROPIC_API_KEY: 'sk-ant-fake-0123456789',
        OPENAI_API_KEY: 'sk-fake-0123456789',
      },
    });
    const openrouter = await startFakeOpenAI();
    openrouter.route('GET', '/v1/models', {
      body: {
        data: [
          {
            id: 'openai/gpt-4o-mini',
            context_length: 128_000,
            top_provider: { max_completion_tokens: 16_384 },
            pricing: { prompt: '0.00000015', completion: '0.0000006', input_cache_read: '0.000000075', internal_reasoning: '0' },
          },
          { id: 'meta-llama/llama-3.3-70b-instruct', context_length: 131_072, pricing: { prompt: '0.00000013', completion: '0.0000004' } },
        ],
      },
    });
    const gemini = await startFakeGemini();
    gemini.route('GET', '/v1beta/models', {
      body: {
        models: [
          {
            name: 'models/gemini-2.5-flash',
            inputTokenLimit: 1_048_576,
            outputTokenLimit: 65_536,
            supportedGenerationMethods: ['generateContent'],
          },
        ],
      },
    });
    const anthropic = await startFakeAnthropic();
    anthropic.route('GET', '/v1/models', {
      body: {
        data: [
          { id: 'claude-sonnet-4-5-20250929', display_name: 'Claude Sonnet 4.5', max_input_tokens: 200_000, max_tokens: 64_000 },
          { id: 'claude-3-5-haiku-20241022', display_name: 'Claude Haiku 3.5' },
        ],
        has_more: false,
      },
    });
    const openai = await startFakeOpenAI(['gpt-4o-mini', 'ft:my-own-model', 'gpt-4.1']);
    const ollama = await startFakeOllama([{ name: 'llama3.2:3b', family: 'llama' }]);
    addManagementEndpoints(ollama, [{ name: 'llama3.2:3b', family: 'llama' }]);
    fakes.push(openrouter, gemini, anthropic, openai, ollama);

    await call('settings.update', { prices: { 'gpt-4.1': { inputPerMTok: 1, outputPerMTok: 4 } } });

    const or = await listed(await profile('OpenRouter', 'openrouter', openrouter.baseUrl));
    expect(or['openai/gpt-4o-mini']).toMatchObject({
      contextLength: 128_000,
      maxOutputTokens: 16_384,
      contextSource: 'OpenRouter',
      inputPerMTok: 0.15,
      outputPerMTok: 0.6,
      cachedInputPerMTok: 0.075,
      priceSource: 'OpenRouter',
    });
    expect(or['openai/gpt-4o-mini']!.reasoningPerMTok).toBeUndefined();

    const ge = await listed(await profile('Gemini', 'gemini', gemini.baseUrl));
    expect(ge['gemini-2.5-flash']).toMatchObject({
      contextLength: 1_048_576,
      maxOutputTokens: 65_536,
      contextSource: 'Google Gemini',
      priceSource: 'genai-prices 0.1.8',
    });

    const an = await listed(await profile('Anthropic', 'anthropic', anthropic.url));
    expect(an['claude-sonnet-4-5-20250929']).toMatchObject({
      contextLength: 200_000,
      maxOutputTokens: 64_000,
      contextSource: 'Anthropic',
      inputPerMTok: 3,
      outputPerMTok: 15,
      cachedInputPerMTok: 0.3,
    });
    // Not reported by this models API: the dataset's window, said so.
    expect(an['claude-3-5-haiku-20241022']).toMatchObject({
      contextLength: 200_000,
      contextSource: 'genai-prices 0.1.8',
      priceSource: 'genai-prices 0.1.8',
    });

    const oa = await listed(await profile('OpenAI', 'openai', openai.baseUrl));
    expect(oa['gpt-4o-mini']).toMatchObject({
      contextLength: 128_000,
      contextSource: 'genai-prices 0.1.8',
      inputPerMTok: 0.15,
      priceSource: 'genai-prices 0.1.8',
    });
    expect(oa['gpt-4.1']).toMatchObject({ inputPerMTok: 1, outputPerMTok: 4, priceSource: 'your price table' });
    // Unknown to everyone: no price and no window, never $0.
    expect(oa['ft:my-own-model']).not.toHaveProperty('inputPerMTok');
    expect(oa['ft:my-own-model']).not.toHaveProperty('contextLength');

    const ol = await listed(await profile('Ollama', 'ollama', ollama.url));
    expect(ol['llama3.2:3b']).toMatchObject({
      contextLength: 131_072,
      contextSource: 'Ollama',
      inputPerMTok: 0,
      outputPerMTok: 0,
      priceSource: 'runs on your machine',
    });
  });

  it('warns before a conversation that will not fit, counting with the tokenizer where one exists', async () => {
    host = await createTestHost({ env: { OPENAI_API_KEY: 'sk-fake-0123456789', ANTHROPIC_API_KEY: 'sk-ant-fake-0123456789' } });
    const openai = await startFakeOpenAI(['gpt-4o-mini']);
    const anthropic = await startFakeAnthropic();
    anthropic.route('GET', '/v1/models', { body: { data: [{ id: 'claude-tiny', max_input_tokens: 1_000 }], has_more: false } });
    fakes.push(openai, anthropic);
    const openaiId = await profile('OpenAI', 'openai', openai.baseUrl);
    const anthropicId = await profile('Anthropic', 'anthropic', anthropic.url);

    // "hello world " is two tokens in o200k_base; with 127,000 kept for the answer, 1,000 of them
    // do not fit 128,000 tokens.
    const long = 'hello world '.repeat(1_000);
    const tooLong = await call<ContextCheck>('models.contextCheck', {
      target: { kind: 'profile', profileId: openaiId, model: 'gpt-4o-mini' },
      content: long,
      maxTokens: 127_000,
    });
    expect(tooLong).toMatchObject({
      tokenizer: 'o200k_base',
      estimated: false,
      contextWindow: 128_000,
      limitSource: 'genai-prices 0.1.8',
      fits: false,
      reserve: 127_000,
    });
    expect(tooLong.tokens).toBe(2_000 + 4 + 3);

    const short = await call<ContextCheck>('models.contextCheck', {
      target: { kind: 'profile', profileId: openaiId, model: 'gpt-4o-mini' },
      content: 'hello world',
      maxTokens: 1_000,
    });
    expect(short).toMatchObject({ fits: true, reserve: 1_000, tokens: 2 + 4 + 3 });

    // No tokenizer for Claude here: an estimate, marked so; the window comes from Anthropic's list.
    const claude = await call<ContextCheck>('models.contextCheck', {
      target: { kind: 'profile', profileId: anthropicId, model: 'claude-tiny' },
      content: 'x'.repeat(4_000),
    });
    expect(claude).toMatchObject({ estimated: true, contextWindow: 1_000, limitSource: 'Anthropic', fits: false, tokens: 1_000 + 4 + 3 });
    expect(claude.tokenizer).toBeUndefined();

    // A model no one has a window for: the count, and no verdict.
    const unknown = await call<ContextCheck>('models.contextCheck', {
      target: { kind: 'profile', profileId: openaiId, model: 'ft:my-own-model' },
      content: 'hi',
    });
    expect(unknown.fits).toBeNull();
  });
});
