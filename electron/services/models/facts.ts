// What is known about each model of a profile beyond its name: the context window and output limit
// (from the provider's own list where it reports them: OpenRouter, Gemini, Anthropic, vLLM; Ollama's
// /api/show; else the price dataset), and the price with its source. The picker reads these from
// the model list's details: contextLength, maxOutputTokens, inputPerMTok, outputPerMTok,
// cachedInputPerMTok, reasoningPerMTok, priceSource (a label) and contextSource.
import type { HostContext } from '../../host/context';
import { runsModelItself } from '../../model-info/local';
import { datasetFacts } from '../../model-info/price-dataset';
import { resolveProviderKey } from '../../providers/catalog';
import type { ModelInfo } from '../../providers/traits';
import { showModel } from '../ollama';
import { pickPrice } from '../prices';
import { getProfile } from '../profiles';
import { modelLists } from './model-lists';

/** Ollama is asked about each model separately; a very long list is not worth a request each. */
const OLLAMA_SHOW_MAX = 60;

export interface ModelLimits {
  contextWindow?: number;
  maxOutputTokens?: number;
  /** "provider" or the dataset's label. */
  source?: string;
}

function number(details: ModelInfo['details'], key: string): number | undefined {
  const value = details?.[key];
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Ollama's context window for a model, from /api/show (the list itself does not carry it). */
async function ollamaContext(ctx: HostContext, profileId: string, model: string): Promise<number | undefined> {
  return (await showModel(ctx, { profileId }, model).catch(() => undefined))?.contextLength;
}

/** The model list with each model's facts added to its details. */
export async function withModelFacts(ctx: HostContext, profileId: string, models: ModelInfo[]): Promise<ModelInfo[]> {
  const profile = await getProfile(ctx, profileId);
  const entry = resolveProviderKey(profile.providerKey).entry;
  const table = (await ctx.config.read()).settings.prices;
  const askOllama = entry.adapter === 'ollama' && models.length <= OLLAMA_SHOW_MAX;
  const enrich = async (model: ModelInfo): Promise<ModelInfo> => {
    const details: Record<string, string | number> = { ...model.details };
    const price = await pickPrice({ table, model: model.id, providerKey: profile.providerKey, listed: model });
    if (price) {
      details.inputPerMTok = price.inputPerMTok;
      details.outputPerMTok = price.outputPerMTok;
      if (price.cachedInputPerMTok !== undefined) details.cachedInputPerMTok = price.cachedInputPerMTok;
      if (price.reasoningPerMTok !== undefined) details.reasoningPerMTok = price.reasoningPerMTok;
      if (price.source) details.priceSource = price.source.label;
    }
    if (number(details, 'contextLength')) details.contextSource = entry.displayName;
    else if (askOllama) {
      const context = await ollamaContext(ctx, profileId, model.id);
      if (context) Object.assign(details, { contextLength: context, contextSource: 'Ollama' });
    } else if (!runsModelItself(profile.providerKey)) {
      const facts = await datasetFacts(entry.key, model.id);
      if (facts?.contextWindow) Object.assign(details, { contextLength: facts.contextWindow, contextSource: facts.label });
    }
    return { id: model.id, details };
  };
  return mapLimited(models, 4, enrich);
}

/** One model's limits, for the context check: the provider's list first, then the dataset. */
export async function limitsFor(ctx: HostContext, profileId: string, model: string): Promise<ModelLimits> {
  const profile = await getProfile(ctx, profileId);
  const entry = resolveProviderKey(profile.providerKey).entry;
  const listed = await ctx.use(modelLists).find(profileId, model);
  const maxOutputTokens = number(listed?.details, 'maxOutputTokens');
  const fromList = number(listed?.details, 'contextLength');
  if (fromList) return { contextWindow: fromList, maxOutputTokens, source: entry.displayName };
  if (entry.adapter === 'ollama') {
    const context = await ollamaContext(ctx, profileId, model);
    if (context) return { contextWindow: context, maxOutputTokens, source: 'Ollama' };
  }
  // A local server's window is what it was started with, not the model's nominal one.
  if (runsModelItself(profile.providerKey)) return { maxOutputTokens };
  const facts = await datasetFacts(entry.key, model);
  return facts?.contextWindow ? { contextWindow: facts.contextWindow, maxOutputTokens, source: facts.label } : { maxOutputTokens };
}

/** Runs `fn` over the items, at most `limit` at a time, keeping their order. */
async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
