// Before sending: would the conversation, with the new message, fit the model's context window?
// Counted the way chat.ts builds the request (system text, then every turn except failed answers).
import type { ContextCheck } from '../../../shared/api/models';
import type { Target } from '../../../shared/types';
import type { HostContext } from '../../host/context';
import { chainOf } from '../chains';
import { historyStore } from '../history';
import { limitsFor } from './facts';
import { countConversation, type CountedMessage } from '../../model-info/token-count';

export interface ContextCheckInput {
  target: Target;
  conversationId?: string;
  content?: string;
  images?: number;
  system?: string;
  maxTokens?: number;
}

/** The profile and model a target starts on (a chain's first target). */
async function firstModel(ctx: HostContext, target: Target): Promise<{ profileId: string; model: string } | undefined> {
  if (target.kind === 'profile') return { profileId: target.profileId, model: target.model };
  const first = (await chainOf(ctx, target)).targets[0];
  return first && { profileId: first.profileId, model: first.model };
}

export async function contextCheck(ctx: HostContext, input: ContextCheckInput): Promise<ContextCheck> {
  const messages: CountedMessage[] = [];
  if (input.system?.trim()) messages.push({ role: 'system', content: input.system.trim() });
  if (input.conversationId) {
    const history = await ctx.use(historyStore).load(input.conversationId);
    for (const m of history.messages) {
      if (m.role !== 'system' && (m.role === 'user' || m.status !== 'error'))
        messages.push({ role: m.role, content: m.content, images: m.images?.length ?? 0 });
    }
  }
  if (input.content?.trim() || input.images)
    messages.push({ role: 'user', content: input.content?.trim() ?? '', images: input.images ?? 0 });
  const where = await firstModel(ctx, input.target);
  const model = where?.model ?? '';
  const counted = await countConversation(model, messages);
  const limits = where ? await limitsFor(ctx, where.profileId, where.model) : {};
  const reserve = input.maxTokens ?? 0;
  return {
    model,
    tokens: counted.tokens,
    ...(counted.tokenizer && { tokenizer: counted.tokenizer }),
    estimated: counted.estimated,
    ...(limits.contextWindow && { contextWindow: limits.contextWindow }),
    ...(limits.maxOutputTokens && { maxOutputTokens: limits.maxOutputTokens }),
    ...(limits.source && { limitSource: limits.source }),
    fits: limits.contextWindow ? counted.tokens + reserve <= limits.contextWindow : null,
    reserve,
  };
}
