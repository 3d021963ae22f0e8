// Compare columns resolve their targets like chat does (profiles, chains, routes).
import type { Target } from '../../shared/types';
import type { HostContext } from '../api/context';
import type { CompareSource } from './compare';
import { resolveTarget } from './targets';

export async function resolveCompareSource(ctx: HostContext, target: Target): Promise<CompareSource> {
  const resolved = await resolveTarget(ctx, target);
  return {
    label: resolved.label,
    model: resolved.model,
    local: resolved.local,
    price: resolved.price,
    ...(resolved.priceOfAnswer && { priceOfAnswer: resolved.priceOfAnswer }),
    stream: ({ messages, temperature, maxTokens, signal }) => resolved.stream({ messages, temperature, maxTokens, signal }),
  };
}
