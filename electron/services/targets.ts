// What chat and compare talk to, resolved from a Target: a profile with a model (one provider,
// one attempt) or a chain or route (the resilient engine). Either way its stream is a traced
// stream: the answer's events and the attempts made to get it.
import type { Target } from '../../shared/types';
import type { HostContext } from '../host/context';
import { reliableStream } from '../providers/reliable';
import { openChain } from './chains';
import { priceFor, priceForAttempt } from './prices';
import { getProfile } from './profiles';
import { providerForProfile } from './profile-provider';
import type { AnswerSource } from './stream/consumer';
import { tracedStream } from './stream/traced';

/** A target ready to answer: what the UI calls it, its first model, its price and its stream. */
export interface ResolvedTarget extends AnswerSource {
  label: string;
  model: string;
  local: boolean;
}

export async function resolveTarget(ctx: HostContext, target: Target): Promise<ResolvedTarget> {
  if (target.kind !== 'profile') {
    const { chain, targets, local } = await openChain(ctx, target);
    const first = chain.targets[0];
    const firstModel = first?.model ?? '';
    const firstProfile = first && (await ctx.config.read()).profiles.find((p) => p.id === first.profileId);
    return {
      label: target.kind === 'route' ? `hint:${target.hint} → ${chain.name}` : `Chain · ${chain.name}`,
      model: firstModel,
      local,
      price: await priceFor(ctx, { model: firstModel, providerKey: firstProfile?.providerKey, profileId: firstProfile?.id }),
      priceOfAnswer: async (attempts) => {
        const winner = attempts.findLast((a) => a.outcome === 'success');
        return winner && (winner.profileId !== firstProfile?.id || winner.model !== firstModel) ? priceForAttempt(ctx, winner) : undefined;
      },
      stream: (request) => reliableStream(targets, request, chain.policy),
    };
  }
  // The price is looked up while the provider opens (the dataset's first read takes a moment).
  // A model served on this machine (Ollama, LM Studio…) costs nothing per token, so it can win
  // "Cheapest" (prices.ts says which servers count as local).
  const profile = await getProfile(ctx, target.profileId);
  const pricing = priceFor(ctx, { model: target.model, providerKey: profile.providerKey, profileId: profile.id });
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
