// Fault injection: a Provider that fails on purpose, call by call, from a script. Tests use it, and
// the Chains page's dry run runs the real chain logic against it so a user can watch the fallback
// work without spending a token.
import type { ErrorClass } from '../../shared/types';
import { ProviderError } from '../http/errors';
import type { ChatRequest, ChatResponse, Provider, ProviderCapabilities, StreamEvent } from './traits';
import { collectStream } from './collect';

export type Fault =
  | { kind: 'ok'; text?: string; chunks?: number }
  | { kind: 'error'; errorClass: ErrorClass; status?: number; retryAfterMs?: number; message?: string }
  | { kind: 'cut'; afterChunks: number }
  /** An error with text only, no status or class, as a CLI's stderr or an SDK's exception. */
  | { kind: 'untyped'; message: string }
  | { kind: 'hang' };

const STATUS_FOR: Partial<Record<ErrorClass, number>> = {
  auth: 401,
  rate_limit: 429,
  context_window: 400,
  bad_request: 400,
  not_found: 404,
  server: 503,
  timeout: 408,
};

const MESSAGE_FOR: Partial<Record<ErrorClass, string>> = {
  auth: 'Incorrect API key provided.',
  rate_limit: 'Rate limit reached for requests.',
  context_window: "This model's maximum context length is 8192 tokens.",
  bad_request: 'Invalid value for temperature.',
  not_found: 'The model does not exist.',
  server: 'The server is overloaded.',
  network: 'connection refused',
  timeout: 'did not answer in time',
};

export function faultError(provider: string, fault: Extract<Fault, { kind: 'error' }>): ProviderError {
  const status = fault.status ?? STATUS_FOR[fault.errorClass];
  const message = fault.message ?? MESSAGE_FOR[fault.errorClass] ?? fault.errorClass;
  return new ProviderError(status ? `${provider} API error (${status}): ${message}` : `${provider}: ${message}`, {
    provider,
    errorClass: fault.errorClass,
    status,
    retryAfterMs: fault.retryAfterMs,
  });
}

/**
 * Each call takes the next fault from the script (the last one repeats). `calls` records the
 * models and message counts each call saw.
 */
export class FaultyProvider implements Provider {
  readonly key = 'fault-injection';
  readonly calls: Array<{ model: string; messages: number }> = [];

  constructor(
    readonly displayName: string,
    private readonly script: Fault[],
  ) {}

  capabilities(): ProviderCapabilities {
    return { nativeTools: true, vision: false, streaming: true, promptCaching: false };
  }

  chat(request: ChatRequest): Promise<ChatResponse> {
    return collectStream(this.stream(request), request.model);
  }

  async *stream(request: ChatRequest): AsyncGenerator<StreamEvent> {
    const fault = this.script[Math.min(this.calls.length, this.script.length - 1)] ?? { kind: 'ok' };
    this.calls.push({ model: request.model, messages: request.messages.length });
    if (fault.kind === 'error') throw faultError(this.displayName, fault);
    if (fault.kind === 'untyped') throw new Error(fault.message);
    if (fault.kind === 'hang') {
      await new Promise<never>((_, reject) => {
        const abort = () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
        if (request.signal?.aborted) abort();
        request.signal?.addEventListener('abort', abort, { once: true });
      });
    }
    const text = fault.kind === 'ok' ? (fault.text ?? `Answer from ${this.displayName}`) : 'partial answer that will be cut';
    const words = text.split(/(?<= )/);
    const limit = fault.kind === 'cut' ? fault.afterChunks : words.length;
    for (let i = 0; i < Math.min(limit, words.length); i += 1) yield { type: 'text', delta: words[i]! };
    if (fault.kind === 'cut')
      throw new ProviderError(`${this.displayName}: the stream was cut after ${fault.afterChunks} chunks`, {
        provider: this.displayName,
        errorClass: 'network',
      });
    yield { type: 'usage', usage: { inputTokens: 10, outputTokens: words.length } };
    yield { type: 'done', finishReason: 'stop' };
  }

  async listModels() {
    return [{ id: 'fault-model' }];
  }

  async warmup() {}
}
