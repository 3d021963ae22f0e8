import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { costOf } from '../../../electron/services/stream/metrics';
import { DATASET_NAME, DATASET_VERSION, datasetFacts } from '../../../electron/model-info/price-dataset';

const OWN = `${DATASET_NAME} ${DATASET_VERSION}`;

describe('prices and context windows from the genai-prices dataset', () => {
  it('names the version of the dataset that is installed', () => {
    const installed = JSON.parse(readFileSync('node_modules/@pydantic/genai-prices/package.json', 'utf8')) as { version: string };
    expect(DATASET_VERSION).toBe(installed.version);
  });

  // [provider key in our catalog, model as that provider names it, what the dataset should say]
  const known: Array<
    [string, string, { input: number; output: number; cached?: number; reasoning?: number; label: string; context?: number }]
  > = [
    ['openai', 'gpt-4o-mini', { input: 0.15, output: 0.6, cached: 0.075, label: OWN, context: 128_000 }],
    ['openai', 'gpt-4o-2024-08-06', { input: 2.5, output: 10, cached: 1.25, label: OWN }],
    ['anthropic', 'claude-sonnet-4-5-20250929', { input: 3, output: 15, cached: 0.3, label: OWN, context: 200_000 }],
    ['gemini', 'gemini-2.5-pro', { input: 1.25, output: 10, cached: 0.125, label: OWN }],
    ['bedrock', 'anthropic.claude-3-haiku-20240307-v1:0', { input: 0.25, output: 1.25, label: OWN, context: 200_000 }],
    ['xai', 'grok-3-mini', { input: 0.3, output: 0.5, cached: 0.075, label: OWN, context: 131_072 }],
    ['perplexity', 'sonar-deep-research', { input: 2, output: 8, reasoning: 3, label: OWN }],
    ['openrouter', 'openai/gpt-4o-mini', { input: 0.15, output: 0.6, cached: 0.075, label: OWN, context: 128_000 }],
    // A provider the dataset does not know: the maker's list price, said so.
    ['vercel', 'openai/gpt-4o-mini', { input: 0.15, output: 0.6, cached: 0.075, label: `${OWN} · OpenAI list price` }],
    ['custom:https://llm.example.test/v1', 'gpt-4o', { input: 2.5, output: 10, cached: 1.25, label: `${OWN} · OpenAI list price` }],
  ];

  it.each(known)('%s · %s', async (provider, model, expected) => {
    const facts = await datasetFacts(provider, model);
    expect(facts).toBeDefined();
    expect(facts!.price.inputPerMTok).toBe(expected.input);
    expect(facts!.price.outputPerMTok).toBe(expected.output);
    expect(facts!.price.cachedInputPerMTok).toBe(expected.cached);
    expect(facts!.price.reasoningPerMTok).toBe(expected.reasoning);
    expect(facts!.label).toBe(expected.label);
    if (expected.context) expect(facts!.contextWindow).toBe(expected.context);
  });

  it.each([
    ['openai', 'my-own-finetune'],
    ['deepinfra', 'meta-llama/Llama-3.3-70B-Instruct'],
    ['ollama', 'llama3.2:3b'],
    ['custom:https://llm.example.test/v1', 'totally-made-up-model'],
    ['openai', 'constructor'],
  ])('knows no price for %s · %s (the UI says "price unknown", never $0)', async (provider, model) => {
    expect(await datasetFacts(provider, model)).toBeUndefined();
  });

  it('charges cached input and reasoning tokens at their own rates', () => {
    const price = { inputPerMTok: 2, outputPerMTok: 8, cachedInputPerMTok: 0.5, reasoningPerMTok: 3 };
    // 1,000 prompt tokens of which 400 cached; 500 output tokens of which 200 reasoning.
    expect(costOf(price, 1_000, 400, 500, 200)).toBeCloseTo((600 * 2 + 400 * 0.5 + 300 * 8 + 200 * 3) / 1e6, 12);
    // Without those rates every token costs the plain rate; a cached count above the prompt is capped.
    expect(costOf({ inputPerMTok: 2, outputPerMTok: 8 }, 1_000, 5_000, 500, 200)).toBeCloseTo((1_000 * 2 + 500 * 8) / 1e6, 12);
  });
});
