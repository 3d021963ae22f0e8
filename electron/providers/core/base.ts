// What most adapters share, so that each one is only its wire mapping (STYLE.md §2): a stream is
// the one required method; the whole answer is the stream collected, the model list is the
// user's to type, and there is nothing to open ahead of a request, unless an adapter says otherwise.
import { collectStream } from '../collect';
import { type ChatRequest, type ChatResponse, type ModelInfo, type Provider, type ProviderCapabilities, type StreamEvent } from '../traits';

export abstract class BaseProvider implements Provider {
  abstract readonly key: string;
  abstract readonly displayName: string;

  constructor(private readonly abilities: ProviderCapabilities) {}

  capabilities(): ProviderCapabilities {
    return this.abilities;
  }

  abstract stream(request: ChatRequest): AsyncIterable<StreamEvent>;

  /** The whole answer, collected from the stream under the answer cap. */
  chat(request: ChatRequest): Promise<ChatResponse> {
    return collectStream(this.stream(request), request.model, this.displayName);
  }

  /** No list to fetch: the model name is typed by the user. */
  async listModels(_signal?: AbortSignal): Promise<ModelInfo[]> {
    return [];
  }

  /** Nothing to open ahead of the first request. */
  async warmup(_signal?: AbortSignal): Promise<void> {}
}
