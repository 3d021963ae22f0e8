// The price of a model, and where it came from, in this order: the user's price table (Settings),
// $0 for a model that runs on this machine, OpenRouter's own prices for an OpenRouter profile (from
// its model list), the price dataset, else unknown, which the UI says as "price unknown", never $0.
import { own } from '../../shared/own';
import type { ModelPrice } from '../../shared/types';
import type { HostContext } from '../host/context';
import { runsModelItself } from '../model-info/local';
import { datasetFacts } from '../model-info/price-dataset';
import { resolveProviderKey } from '../providers/catalog';
import type { ModelInfo } from '../providers/traits';
import { modelLists } from './models/model-lists';
import type { Price } from './stream/metrics';

export const TABLE_SOURCE = { kind: 'table', label: 'your price table' } as const;
export const LOCAL_SOURCE = { kind: 'local', label: 'runs on your machine' } as const;
export const OPENROUTER_SOURCE = { kind: 'openrouter', label: 'OpenRouter' } as const;

export interface PriceQuery {
  model: string;
  /** The provider serving the model (catalog key); its profile when OpenRouter's list may say. */
  providerKey?: string;
  profileId?: string;
}

/** The price OpenRouter's model list carries for one model (USD per token there, per MTok here). */
export function listedPrice(info: ModelInfo | undefined): Price | undefined {
  const d = info?.details;
  const number = (key: string) => (typeof d?.[key] === 'number' && Number.isFinite(d[key]) && d[key] >= 0 ? d[key] : undefined);
  const input = number('inputPerMTok');
  const output = number('outputPerMTok');
  if (input === undefined || output === undefined) return undefined;
  const cached = number('cachedInputPerMTok');
  const reasoning = number('reasoningPerMTok');
  return {
    inputPerMTok: input,
    outputPerMTok: output,
    ...(cached !== undefined && { cachedInputPerMTok: cached }),
    ...(reasoning !== undefined && { reasoningPerMTok: reasoning }),
    source: OPENROUTER_SOURCE,
  };
}

export async function priceFor(ctx: HostContext, query: PriceQuery): Promise<Price | undefined> {
  const table = (await ctx.config.read()).settings.prices;
  const listed =
    query.profileId && query.providerKey && providerKeyOf(query.providerKey) === 'openrouter'
      ? await ctx.use(modelLists).find(query.profileId, query.model)
      : undefined;
  return pickPrice({ table, model: query.model, providerKey: query.providerKey, listed });
}

/** The price of a model a chain's attempt answered with, from the attempt's profile. */
export async function priceForAttempt(ctx: HostContext, attempt: { profileId?: string; model: string }): Promise<Price | undefined> {
  const profile = attempt.profileId ? (await ctx.config.read()).profiles.find((p) => p.id === attempt.profileId) : undefined;
  return priceFor(ctx, { model: attempt.model, providerKey: profile?.providerKey, profileId: profile?.id });
}

/** The resolution itself, for one model, given the table and what the provider's list said. */
export async function pickPrice({
  table,
  model,
  providerKey,
  listed,
}: {
  table: Record<string, ModelPrice>;
  model: string;
  providerKey?: string;
  listed?: ModelInfo;
}): Promise<Price | undefined> {
  // A model called "constructor" once found Object.prototype's member here: a function as a price
  // made the cost NaN and the finished answer undeliverable.
  const mine = own(table, model);
  if (mine) return { ...mine, source: TABLE_SOURCE };
  if (!providerKey) return undefined;
  if (runsModelItself(providerKey)) return { inputPerMTok: 0, outputPerMTok: 0, source: LOCAL_SOURCE };
  const key = providerKeyOf(providerKey);
  if (key === 'openrouter') {
    const fromList = listedPrice(listed);
    if (fromList) return fromList;
  }
  const facts = await datasetFacts(key, model);
  return facts && { ...facts.price, source: { kind: 'dataset', label: facts.label } };
}

function providerKeyOf(name: string): string {
  try {
    return resolveProviderKey(name).entry.key;
  } catch {
    return name;
  }
}
