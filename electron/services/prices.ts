// The price of a model: the user's price table (Settings) first, then OpenRouter's own prices from
// its models API when an OpenRouter profile exists (fetched once, kept for ten minutes).
import { own } from '../../shared/own';
import type { HostContext } from '../host/context';
import { providerForProfile } from './profile-provider';
import type { Price } from './stream/metrics';

const TTL_MS = 10 * 60_000;

class OpenRouterPrices {
  private cache: { at: number; prices: Promise<Map<string, Price>> } | null = null;

  constructor(private readonly ctx: HostContext) {}

  get(): Promise<Map<string, Price>> {
    if (this.cache && Date.now() - this.cache.at < TTL_MS) return this.cache.prices;
    this.cache = { at: Date.now(), prices: this.load() };
    return this.cache.prices;
  }

  private async load(): Promise<Map<string, Price>> {
    const prices = new Map<string, Price>();
    const profile = (await this.ctx.config.read()).profiles.find((p) => p.providerKey === 'openrouter');
    if (!profile) return prices;
    try {
      const { provider } = await providerForProfile(this.ctx, profile.id);
      for (const model of await provider.listModels(AbortSignal.timeout(10_000))) {
        const input = model.details?.inputPerMTok;
        const output = model.details?.outputPerMTok;
        if (typeof input === 'number' && typeof output === 'number') prices.set(model.id, { inputPerMTok: input, outputPerMTok: output });
      }
    } catch {
      // no prices is better than no answer; the table in Settings still applies
    }
    return prices;
  }
}

export const openRouterPrices = (ctx: HostContext) => new OpenRouterPrices(ctx);

export async function priceFor(ctx: HostContext, model: string): Promise<Price | undefined> {
  const table = (await ctx.config.read()).settings.prices;
  // A model called "constructor" once found Object.prototype's member here: a function as a price
  // made the cost NaN and the finished answer undeliverable.
  return own(table, model) ?? (await ctx.use(openRouterPrices).get()).get(model);
}
