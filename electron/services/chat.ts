// Chat turns: resolve the target, stream the answer to the renderer in batched deltas (through the
// stream consumer compare uses too), keep the conversation in the history store, and record
// metrics and the attempt trace with the answer.
// Stop aborts the request in the host; the partial answer is saved as "stopped". While it streams,
// the answer is saved in parts, so a crash leaves it in the history as "interrupted".
import { randomUUID } from 'node:crypto';
import type { StoredMessage } from '../../shared/api/history';
import type { Target } from '../../shared/types';
import { AppError } from '../errors';
import type { HostContext } from '../host/context';
import { toApiError } from '../host/api-error';
import { errorHint } from '../http/errors';
import type { ChatMessage } from '../providers/traits';
import { historyStore } from './history';
import { PartialAnswer } from './partial-answer';
import { updateProfile } from './profiles';
import { consumeAnswer } from './stream/consumer';
import { resolveTarget } from './targets';

export interface SendInput {
  conversationId?: string;
  target: Target;
  content?: string;
  images?: string[];
  regenerate?: boolean;
  editOf?: string;
  system?: string;
  temperature?: number;
  maxTokens?: number;
}

export class ChatService {
  private readonly running = new Map<string, AbortController>();
  private readonly finished = new Map<string, Promise<void>>();

  constructor(private readonly ctx: HostContext) {}

  async send(input: SendInput): Promise<{ streamId: string; conversationId: string; userMessage?: StoredMessage }> {
    const history = this.ctx.use(historyStore);
    const userMessage: StoredMessage | undefined = input.regenerate
      ? undefined
      : {
          id: randomUUID(),
          role: 'user',
          content: (input.content ?? '').trim(),
          ...(input.images?.length && { images: input.images }),
          at: Date.now(),
        };
    let conversationId: string;
    let messages: StoredMessage[];
    if (!input.conversationId) {
      // A new chat: the conversation and its first message go to disk in one write.
      conversationId = await history.create(titleFrom(input.content ?? 'New chat'), userMessage);
      messages = userMessage ? [userMessage] : [];
    } else {
      conversationId = input.conversationId;
      ({ messages } = await history.load(conversationId));
      if (input.regenerate) {
        const last = messages.at(-1);
        if (last?.role === 'assistant') {
          await history.removeMessage(conversationId, last.id);
          messages = messages.slice(0, -1);
        }
      } else {
        if (input.editOf) messages = await dropFrom(history, conversationId, messages, input.editOf);
        await history.addMessage(conversationId, userMessage!);
        messages = [...messages, userMessage!];
      }
    }
    const streamId = randomUUID();
    const controller = new AbortController();
    this.running.set(streamId, controller);
    const done = this.stream(streamId, conversationId, input, messages, controller).finally(() => {
      this.running.delete(streamId);
      this.finished.delete(streamId);
    });
    this.finished.set(streamId, done);
    return { streamId, conversationId, userMessage };
  }

  stop(streamId: string): void {
    this.running.get(streamId)?.abort();
  }

  /** For tests and quit: resolves when the stream has been saved. */
  async whenFinished(streamId: string): Promise<void> {
    await this.finished.get(streamId);
  }

  async dispose(): Promise<void> {
    for (const controller of this.running.values()) controller.abort();
    await Promise.all(this.finished.values());
  }

  private async stream(
    streamId: string,
    conversationId: string,
    input: SendInput,
    history: StoredMessage[],
    controller: AbortController,
  ): Promise<void> {
    const messages: ChatMessage[] = [];
    if (input.system?.trim()) messages.push({ role: 'system', content: input.system.trim() });
    for (const message of history)
      if (message.role !== 'system' && (message.role === 'user' || message.status !== 'error'))
        messages.push({ role: message.role, content: message.content, ...(message.images && { images: message.images }) });
    const messageId = randomUUID();
    const partial = new PartialAnswer(this.ctx.use(historyStore), conversationId, {
      id: messageId,
      role: 'assistant',
      content: '',
      at: Date.now(),
      target: input.target,
    });
    let label = '';
    const source = resolveTarget(this.ctx, input.target).then((resolved) => {
      label = resolved.label;
      if (input.target.kind === 'profile')
        void updateProfile(this.ctx, input.target.profileId, { recentModel: input.target.model }).catch(() => undefined);
      return resolved;
    });
    const answer = await consumeAnswer(
      source,
      { messages, temperature: input.temperature, maxTokens: input.maxTokens, signal: controller.signal },
      {
        onDelta: (text, reasoning) => this.ctx.emit('chat.delta', { streamId, text, reasoning }),
        onProgress: (text, reasoning) => partial.update(text, reasoning),
      },
    );
    const error = answer.status === 'error' ? toApiError(answer.error) : undefined;
    const message: StoredMessage = {
      id: messageId,
      role: 'assistant',
      content: answer.text,
      ...(answer.reasoning && { reasoning: answer.reasoning }),
      at: Date.now(),
      target: input.target,
      ...(label && { answeredBy: answeredBy(label, answer.attempts) }),
      metrics: answer.metrics,
      attempts: answer.attempts,
      status: answer.status,
      ...(error && { error: { code: error.code, message: error.message, hint: errorHint(answer.error) } }),
    };
    await partial.finish(message);
    this.ctx.emit('chat.done', { streamId, conversationId, message });
  }
}

/** Edit and resend: the edited turn and everything after it leave the conversation. */
async function dropFrom(
  history: ReturnType<typeof historyStore>,
  conversationId: string,
  messages: StoredMessage[],
  messageId: string,
): Promise<StoredMessage[]> {
  const index = messages.findIndex((m) => m.id === messageId && m.role === 'user');
  if (index === -1)
    throw new AppError('not_found', 'The message being edited is no longer in this conversation; send it as a new message.');
  await history.removeMessages(
    conversationId,
    messages.slice(index).map((m) => m.id),
  );
  return messages.slice(0, index);
}

function titleFrom(content: string): string {
  const line = content.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}…` : line || 'New chat';
}

/** Names who actually answered when a chain fell back ("answered by B · model instead of A"). */
function answeredBy(label: string, attempts: StoredMessage['attempts']): string {
  const winner = attempts?.findLast((a) => a.outcome === 'success');
  return winner && attempts!.length > 1 ? `${label} — answered by ${winner.provider} · ${winner.model}` : label;
}

export const chatService = (ctx: HostContext) => {
  const service = new ChatService(ctx);
  ctx.onDispose(() => service.dispose());
  return service;
};
