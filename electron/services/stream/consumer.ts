// The one loop that reads an answer as it streams, for chat, compare and anything later: it keeps
// the text and reasoning, hands them on in batches (one call per flush interval, however many
// chunks arrived), times every delta for the metrics, and takes the attempt trace from the stream.
// A stopped answer is "stopped" whether the stream threw or just ended, and so is the attempt Stop
// cut short; any other failure is returned, not thrown, with whatever arrived before it.
import type { ColumnMetrics } from '../../../shared/api/compare';
import type { AttemptTrace, TokenUsage } from '../../../shared/types';
import type { ChatMessage, ChatRequest, TracedStream } from '../../providers/traits';
import { StreamRedactor } from '../../secrets/redact';
import { computeColumnMetrics, type Price, type TimedDelta } from './metrics';

/** Buffered text goes out at most this often: smooth for the eye, cheap for the transport. */
export const FLUSH_MS = 40;

/** A resolved target, or anything else with a price and a traced stream. */
export interface AnswerSource {
  price?: Price;
  /** The price of the model that answered, when a chain fell back to another (set for chains). */
  priceOfAnswer?(attempts: AttemptTrace[]): Promise<Price | undefined>;
  stream(request: Omit<ChatRequest, 'model'>): TracedStream;
}

export interface AnswerRequest {
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  signal: AbortSignal;
}

export interface AnswerListener {
  /**
   * What arrived since the last call: at most once per flush interval, and once more at the end.
   * Scrubbed across batches: a key split between two batches is caught (the tail of a batch that
   * could be the start of one is held back until the next).
   */
  onDelta(text: string, reasoning: string): void;
  /** The first text or reasoning arrived. */
  onFirstDelta?(): void;
  /** After every delta, with the whole answer so far (chat saves it in parts while it streams). */
  onProgress?(text: string, reasoning: string): void;
}

export interface ConsumeOptions {
  /** ms, performance.now-like; tests inject one to assert exact metrics. */
  clock?: () => number;
  flushMs?: number;
}

export interface ConsumedAnswer {
  status: 'done' | 'stopped' | 'error';
  text: string;
  reasoning: string;
  /** What failed, when the status is `error`: resolving the target or streaming from it. */
  error?: unknown;
  attempts: AttemptTrace[];
  metrics: ColumnMetrics;
}

/**
 * Streams `request` from `source` to the end. The source may still be resolving: the time that
 * takes counts toward the first token, and a failure to resolve is the answer's error.
 */
export async function consumeAnswer(
  source: AnswerSource | Promise<AnswerSource>,
  request: AnswerRequest,
  listener: AnswerListener,
  options: ConsumeOptions = {},
): Promise<ConsumedAnswer> {
  const clock = options.clock ?? (() => performance.now());
  const flushMs = options.flushMs ?? FLUSH_MS;
  const requestStartedAt = clock();
  const deltas: TimedDelta[] = [];
  let text = '';
  let reasoning = '';
  let pendingText = '';
  let pendingReasoning = '';
  let timer: NodeJS.Timeout | null = null;
  let usage: TokenUsage | undefined;
  let resolved: AnswerSource | undefined;
  let stream: TracedStream | undefined;
  let status: ConsumedAnswer['status'] = 'done';
  let failure: unknown;

  const textRedactor = new StreamRedactor();
  const reasoningRedactor = new StreamRedactor();
  const flush = (last = false) => {
    if (timer) clearTimeout(timer);
    timer = null;
    const outText = textRedactor.push(pendingText) + (last ? textRedactor.end() : '');
    const outReasoning = reasoningRedactor.push(pendingReasoning) + (last ? reasoningRedactor.end() : '');
    pendingText = '';
    pendingReasoning = '';
    if (outText || outReasoning) listener.onDelta(outText, outReasoning);
  };

  try {
    resolved = await source;
    stream = resolved.stream({
      messages: request.messages,
      temperature: request.temperature,
      maxTokens: request.maxTokens,
      signal: request.signal,
    });
    for await (const event of stream) {
      if (event.type === 'text' || event.type === 'reasoning') {
        if (event.delta.length === 0) continue;
        deltas.push({ at: clock(), kind: event.type, chars: event.delta.length });
        if (deltas.length === 1) listener.onFirstDelta?.();
        if (event.type === 'text') {
          text += event.delta;
          pendingText += event.delta;
        } else {
          reasoning += event.delta;
          pendingReasoning += event.delta;
        }
        timer ??= setTimeout(flush, flushMs);
        listener.onProgress?.(text, reasoning);
      } else if (event.type === 'usage') {
        usage = { ...usage, ...event.usage };
      }
    }
    if (request.signal.aborted) status = 'stopped';
  } catch (error) {
    if (request.signal.aborted) {
      status = 'stopped';
    } else {
      status = 'error';
      failure = error;
    }
  }
  const finishedAt = clock();
  flush(true);
  const attempts = stream ? [...stream.attempts] : [];
  const promptChars = request.messages.reduce((total, message) => total + message.content.length, 0);
  // A chain that fell back charges the model that answered, not its first target.
  const price = (await resolved?.priceOfAnswer?.(attempts).catch(() => undefined)) ?? resolved?.price;
  const metrics = computeColumnMetrics({ requestStartedAt, deltas, finishedAt, usage, promptChars }, price);
  return {
    status,
    text,
    reasoning,
    ...(status === 'error' && { error: failure }),
    attempts: status === 'stopped' ? markStopped(attempts) : attempts,
    metrics,
  };
}

/** The attempt cut short by Stop is the person's choice, not a provider failure. */
function markStopped(attempts: AttemptTrace[]): AttemptTrace[] {
  const last = attempts.at(-1);
  if (!last || last.outcome !== 'error') return attempts;
  const { errorClass: _errorClass, status: _status, ...rest } = last;
  return [...attempts.slice(0, -1), { ...rest, outcome: 'stopped', message: 'Stopped by you.' }];
}
