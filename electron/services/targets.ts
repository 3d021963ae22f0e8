// What chat and compare talk to, resolved from a Target: a profile with a model (one provider,
// one attempt) or a chain or route (the resilient engine). Either way its stream is a traced
// stream: the answer's events and the attempts made to get it.
import type { Target } from '../../shared/types';
import type { HostContext } from '../host/context';
import { resolveProviderKey } from '../providers/catalog';
import { reliableStream } from '../providers/reliable';
import type { ChatRequest, TracedStream } from '../providers/traits';
import { openChain } from './chains';
import { priceFor } from './prices';
import { providerForProfile } from './profile-provider';
import type { Price } from './stream/metrics';
import { tracedStream } from './stream/traced';

export interface ResolvedTarget {
  label: string;
  model: string;
  local: boolean;
  price?: Price;
  stream(request: Omit<ChatRequest, 'model'>): TracedStream;
}

/** Local servers that run the model themselves. */
const SELF_HOSTED = new Set(['ollama', 'lmstudio', 'llamacpp', 'sglang', 'vllm', 'osaurus']);

export async function resolveTarget(ctx: HostContext, target: Target): Promise<ResolvedTarget> {
  if (target.kind !== 'profile') {
    const { chain, targets, local } = await openChain(ctx, target);
    const firstModel = chain.targets[0]?.model ?? '';
    return {
      label: target.kind === 'route' ? `hint:${target.hint} → ${chain.name}` : `Chain · ${chain.name}`,
      model: firstModel,
      local,
      price: await priceFor(ctx, firstModel),
      stream: (request) => reliableStream(targets, request, chain.policy),
    };
  }
  const { provider, profileName, providerKey, keySlot, local } = await providerForProfile(ctx, target.profileId);
  // A model served on this machine (Ollama, LM Studio…) costs nothing per token, so it can win
  // "Cheapest"; a proxy (LiteLLM, a custom loopback URL) may front paid models and keeps "no price".
  const free = SELF_HOSTED.has(resolveProviderKey(providerKey).entry.key) ? { inputPerMTok: 0, outputPerMTok: 0 } : undefined;
  return {
    label: `${profileName} · ${target.model}`,
    model: target.model,
    local,
    price: (await priceFor(ctx, target.model)) ?? free,
    stream: (request) => tracedStream(provider, { profileId: target.profileId, keySlot }, { ...request, model: target.model }),
  };
}
