// What chat and compare talk to, resolved from a Target: a profile with a model (one provider,
// one attempt) or a chain or route (the resilient engine). Every result carries the attempts made.
import type { AttemptTrace, Target } from '../../shared/types';
import type { HostContext } from '../api/context';
import { configStore } from '../config/store';
import { AppError } from '../errors';
import { classifyError, ProviderError } from '../providers/errors';
import { createProvider } from '../providers/factory';
import { limitAnswer } from '../providers/limits';
import type { ChatRequest, Provider, StreamEvent } from '../providers/traits';
import type { Price } from './compare-metrics';
import { codexLogins } from './codex-login';
import type { Profile } from '../config/schema';
import { getProfile, providerOf, resolveProfileCredential } from './profiles';

export interface ResolvedTarget {
  label: string;
  model: string;
  local: boolean;
  price?: Price;
  /** A chain's answer may come from a fallback: its price is the model that answered (set for chains). */
  priceOfAnswer?(attempts: AttemptTrace[]): Promise<Price | undefined>;
  /** Streams the answer; the stream object exposes the attempts made so far. */
  stream(request: Omit<ChatRequest, 'model'>): AsyncIterable<StreamEvent> & { attempts: AttemptTrace[] };
}

/** The provider of one profile, with its keychain key, base URL, headers and options. */
export async function providerForProfile(ctx: HostContext, profileId: string, slot?: number): Promise<OpenedProfile> {
  const profile = await getProfile(ctx, profileId);
  return openProfile(ctx, profile, await resolveProfileCredential(ctx, profile, slot));
}

export interface OpenedProfile {
  provider: Provider;
  profileName: string;
  providerKey: string;
  keySlot?: number;
  local: boolean;
}

/** A profile's provider with the given credential; also for a profile not saved yet (testing a key before saving). */
export async function openProfile(ctx: HostContext, profile: Profile, credential: { value: string; slot?: number } | null): Promise<OpenedProfile> {
  const { proxyUrl, noProxy } = (await ctx.use(configStore).read()).settings;
  // A proxy set in Settings wins over the environment's.
  const env = { ...ctx.env, ...(proxyUrl && { HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl }), ...(noProxy && { NO_PROXY: noProxy }) };
  const entry = providerOf(profile).entry;
  // A Codex profile's tokens refresh themselves; every request of this host shares one keeper.
  const codexAuth = entry.adapter === 'openai-codex' ? ctx.use(codexLogins).authFor(profile.id) : undefined;
  // A custom endpoint is known to the user by the profile's name, not as "Custom provider".
  const displayName = /^(anthropic-)?custom:/.test(profile.providerKey) ? profile.name : undefined;
  const provider = createProvider(profile.providerKey, { credential: credential?.value, baseUrl: profile.baseUrl, options: profile.options, headers: profile.extraHeaders, env, codexAuth, displayName });
  return { provider, profileName: profile.name, providerKey: profile.providerKey, keySlot: credential?.slot, local: entry.local };
}

/** Wraps one provider's stream so that it records a single attempt, as a chain would. */
export function tracedStream(provider: Provider, meta: { profileId: string; keySlot?: number }, request: ChatRequest): AsyncIterable<StreamEvent> & { attempts: AttemptTrace[] } {
  const attempts: AttemptTrace[] = [];
  return {
    attempts,
    async *[Symbol.asyncIterator]() {
      const startedAt = Date.now();
      const started = performance.now();
      try {
        yield* limitAnswer(provider.stream(request), provider.displayName);
        attempts.push({ provider: provider.displayName, profileId: meta.profileId, model: request.model, keySlot: meta.keySlot, startedAt, durationMs: performance.now() - started, outcome: 'success' });
      } catch (error) {
        const errorClass = classifyError(error);
        attempts.push({
          provider: provider.displayName,
          profileId: meta.profileId,
          model: request.model,
          keySlot: meta.keySlot,
          startedAt,
          durationMs: performance.now() - started,
          outcome: 'error',
          errorClass,
          ...(error instanceof ProviderError && error.status !== undefined && { status: error.status }),
          ...(error instanceof ProviderError && error.retryAfterMs !== undefined && { retryAfterMs: error.retryAfterMs }),
          message: (error as Error).message,
        });
        if (error instanceof ProviderError) error.attempts = attempts;
        throw error;
      }
    },
  };
}

export async function resolveTarget(ctx: HostContext, target: Target): Promise<ResolvedTarget> {
  if (target.kind !== 'profile') {
    const { resolveChainTarget } = await import('./chains');
    return resolveChainTarget(ctx, target);
  }
  // The price is looked up while the provider opens (the dataset's first read takes a moment).
  // A model served on this machine (Ollama, LM Studio…) costs nothing per token, so it can win
  // "Cheapest" (prices.ts says which servers count as local).
  const profile = await getProfile(ctx, target.profileId);
  const pricing = import('./prices').then(({ priceFor }) => priceFor(ctx, { model: target.model, providerKey: profile.providerKey, profileId: profile.id }));
  pricing.catch(() => undefined);
  const { provider, profileName, keySlot, local } = await providerForProfile(ctx, target.profileId);
  return {
    label: `${profileName} · ${target.model}`,
    model: target.model,
    local,
    price: await pricing,
    stream: (request) => tracedStream(provider, { profileId: target.profileId, keySlot }, { ...request, model: target.model }),
  };
}

export function targetNotFound(what: string): AppError {
  return new AppError('not_found', `${what} no longer exists; it may have been deleted. Pick another target.`);
}
