// Each profile's model list as its provider reports it (ids, context windows, OpenRouter's prices),
// kept for ten minutes so that prices and limits do not cost a request per answer. A changed
// profile (other URL, key or options) is a different list: the cache key carries its revision.
import type { HostContext } from '../../host/context';
import type { ModelInfo } from '../../providers/traits';
import { profileRevision } from '../chains';
import { getProfile } from '../profiles';
import { providerForProfile } from '../profile-provider';

const TTL_MS = 10 * 60_000;

class ModelLists {
  private readonly cache = new Map<string, { at: number; models: Promise<ModelInfo[]> }>();

  constructor(private readonly ctx: HostContext) {}

  /** The list fresh from the provider; what the picker shows, and what later lookups reuse. */
  async fetch(profileId: string, signal?: AbortSignal): Promise<ModelInfo[]> {
    const key = await this.key(profileId);
    const { provider } = await providerForProfile(this.ctx, profileId);
    const models = provider.listModels(signal ?? AbortSignal.timeout(20_000));
    this.cache.set(key, { at: Date.now(), models });
    models.catch(() => this.cache.delete(key));
    return models;
  }

  /** The cached list, fetched when missing or stale; empty when the provider cannot list. */
  async get(profileId: string): Promise<ModelInfo[]> {
    const key = await this.key(profileId);
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < TTL_MS) return cached.models.catch(() => []);
    return this.fetch(profileId, AbortSignal.timeout(10_000)).catch(() => []);
  }

  /** What the provider's list says about one model, if it lists it. */
  async find(profileId: string, model: string): Promise<ModelInfo | undefined> {
    return (await this.get(profileId)).find((m) => m.id === model);
  }

  private async key(profileId: string): Promise<string> {
    const profile = await getProfile(this.ctx, profileId);
    return `${profile.id}:${profileRevision(profile)}`;
  }
}

export const modelLists = (ctx: HostContext) => new ModelLists(ctx);
