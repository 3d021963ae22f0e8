// A provider whose bearer token comes from a sign-in that refreshes itself (MiniMax OAuth, Qwen Code
// OAuth) rather than from a key: before each request it takes a valid token, and the base URL the
// sign-in names, builds the wire adapter with them, and after a 401 tries once more with a newer
// token (another process may have refreshed, or the token was revoked early).
import { ProviderError } from '../http/errors';
import type { Grant, TokenSource } from './core/sign-in';
import type { ChatRequest, ChatResponse, ModelInfo, Provider, ProviderCapabilities, StreamEvent } from './traits';

export interface SignedInOptions {
  key: string;
  displayName: string;
  capabilities: ProviderCapabilities;
  source: TokenSource;
  /** The wire adapter for one grant (cheap: no connection is opened here). */
  build(grant: Grant): Provider;
}

function rejected(error: unknown): boolean {
  return error instanceof ProviderError && error.status === 401;
}

export class SignedInProvider implements Provider {
  readonly key: string;
  readonly displayName: string;

  constructor(private readonly options: SignedInOptions) {
    this.key = options.key;
    this.displayName = options.displayName;
  }

  /** "Qwen Code sign-in (~/.qwen/oauth_creds.json)": what requests use instead of a key. */
  get signIn(): string {
    return this.options.source.label;
  }

  capabilities(): ProviderCapabilities {
    return this.options.capabilities;
  }

  private async withToken<T>(signal: AbortSignal | undefined, run: (provider: Provider) => Promise<T>): Promise<T> {
    const { source } = this.options;
    const grant = await source.grant(signal);
    try {
      return await run(this.options.build(grant));
    } catch (error) {
      if (!rejected(error) || !source.afterRejection) throw error;
      return run(this.options.build(await source.afterRejection(grant.token, signal)));
    }
  }

  chat(request: ChatRequest): Promise<ChatResponse> {
    return this.withToken(request.signal, (provider) => provider.chat(request));
  }

  async *stream(request: ChatRequest): AsyncGenerator<StreamEvent> {
    const { source } = this.options;
    const grant = await source.grant(request.signal);
    let started = false;
    try {
      for await (const event of this.options.build(grant).stream(request)) {
        started = true;
        yield event;
      }
    } catch (error) {
      // A 401 arrives before the first event; after one, retrying would repeat the answer.
      if (started || !rejected(error) || !source.afterRejection) throw error;
      yield* this.options.build(await source.afterRejection(grant.token, request.signal)).stream(request);
    }
  }

  listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
    return this.withToken(signal, (provider) => provider.listModels(signal));
  }

  warmup(signal?: AbortSignal): Promise<void> {
    return this.withToken(signal, (provider) => provider.warmup(signal));
  }
}
