// Chat turns: resolve the target, stream the answer to the renderer in batched deltas, keep the
// conversation in the history store, and record metrics and the attempt trace with the answer.
// Stop aborts the request in the host; the partial answer is saved as "stopped". While it streams,
// the answer is saved in parts, so a crash leaves it in the history as "interrupted".
import { randomUUID } from 'node:crypto';
import type { StoredMessage } from '../../shared/api/history';
import type { AttemptTrace, Target } from '../../shared/types';
import type { HostContext } from '../api/context';
import { AppError, toApiError } from '../errors';
import { errorHint } from '../providers/errors';
import type { ChatMessage } from '../providers/traits';
import { computeColumnMetrics, type Price, type TimedDelta } from './compare-metrics';
import { historyStore } from './history';
import { PartialAnswer } from './partial-answer';
import { updateProfile } from './profiles';
import { resolveTarget } from './targets';

/** A delta event per stream at most this often: smooth for the eye, cheap for the transport. */
const FLUSH_MS = 40;

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
    const userMessage: StoredMessage | undefined = input.regenerate ? undefined : { id: randomUUID(), role: 'user', content: (input.content ?? '').trim(), ...(input.images?.length && { images: input.images }), at: Date.now() };
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

  private async stream(streamId: string, conversationId: string, input: SendInput, history: StoredMessage[], controller: AbortController): Promise<void> {
    const messages: ChatMessage[] = [];
    if (input.system?.trim()) messages.push({ role: 'system', content: input.system.trim() });
    for (const message of history) if (message.role !== 'system' && (message.role === 'user' || message.status !== 'error')) messages.push({ role: message.role, content: message.content, ...(message.images && { images: message.images }) });
    const deltas: TimedDelta[] = [];
    let text = '';
    let reasoning = '';
    let pendingText = '';
    let pendingReasoning = '';
    let timer: NodeJS.Timeout | null = null;
    let usage = {};
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      if (!pendingText && !pendingReasoning) return;
      this.ctx.emit('chat.delta', { streamId, text: pendingText, reasoning: pendingReasoning });
      pendingText = '';
      pendingReasoning = '';
    };
    const startedAt = performance.now();
    const messageId = randomUUID();
    const partial = new PartialAnswer(this.ctx.use(historyStore), conversationId, { id: messageId, role: 'assistant', content: '', at: Date.now(), target: input.target });
    let label = '';
    let attempts: StoredMessage['attempts'] = [];
    let status: NonNullable<StoredMessage['status']> = 'done';
    let error: StoredMessage['error'];
    let price;
    let priceOfAnswer: ((attempts: AttemptTrace[]) => Promise<Price | undefined>) | undefined;
    try {
      const resolved = await resolveTarget(this.ctx, input.target);
      label = resolved.label;
      price = resolved.price;
      priceOfAnswer = resolved.priceOfAnswer;
      if (input.target.kind === 'profile') void updateProfile(this.ctx, input.target.profileId, { recentModel: input.target.model }).catch(() => undefined);
      const stream = resolved.stream({ messages, temperature: input.temperature, maxTokens: input.maxTokens, signal: controller.signal });
      try {
        for await (const event of stream) {
          if (event.type === 'text' || event.type === 'reasoning') {
            deltas.push({ at: performance.now(), kind: event.type, chars: event.delta.length });
            if (event.type === 'text') {
              text += event.delta;
              pendingText += event.delta;
            } else {
              reasoning += event.delta;
              pendingReasoning += event.delta;
            }
            timer ??= setTimeout(flush, FLUSH_MS);
            partial.update(text, reasoning);
          } else if (event.type === 'usage') {
            usage = { ...usage, ...event.usage };
          }
        }
      } finally {
        attempts = stream.attempts;
      }
    } catch (caught) {
      if (controller.signal.aborted) {
        status = 'stopped';
        attempts = markStopped(attempts);
      } else {
        status = 'error';
        const shape = toApiError(caught);
        error = { code: shape.code, message: shape.message, hint: errorHint(caught) };
      }
    }
    flush();
    // A chain that fell back charges the model that answered, not its first target.
    price = (await priceOfAnswer?.(attempts ?? []).catch(() => undefined)) ?? price;
    const message: StoredMessage = {
      id: messageId,
      role: 'assistant',
      content: text,
      ...(reasoning && { reasoning }),
      at: Date.now(),
      target: input.target,
      ...(label && { answeredBy: answeredBy(label, attempts) }),
      metrics: computeColumnMetrics({ requestStartedAt: startedAt, deltas, finishedAt: performance.now(), usage, promptChars: messages.reduce((n, m) => n + m.content.length, 0) }, price),
      attempts,
      status,
      ...(error && { error }),
    };
    await partial.finish(message);
    this.ctx.emit('chat.done', { streamId, conversationId, message });
  }
}

/** Edit and resend: the edited turn and everything after it leave the conversation. */
async function dropFrom(history: ReturnType<typeof historyStore>, conversationId: string, messages: StoredMessage[], messageId: string): Promise<StoredMessage[]> {
  const index = messages.findIndex((m) => m.id === messageId && m.role === 'user');
  if (index === -1) throw new AppError('not_found', 'The message being edited is no longer in this conversation; send it as a new message.');
  await history.removeMessages(conversationId, messages.slice(index).map((m) => m.id));
  return messages.slice(0, index);
}

/** The attempt cut short by Stop is the person's choice, not a provider failure. */
function markStopped(attempts: StoredMessage['attempts'] = []): NonNullable<StoredMessage['attempts']> {
  const last = attempts.at(-1);
  if (!last || last.outcome !== 'error') return attempts;
  const { errorClass: _errorClass, status: _status, ...rest } = last;
  return [...attempts.slice(0, -1), { ...rest, outcome: 'stopped', message: 'Stopped by you.' }];
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
