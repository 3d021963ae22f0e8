// The OpenAI chat-completions wire format, behind every OpenAI-compatible key of the catalog
// (seed-wire.md §1, §2, §6). Request shape in, StreamEvent union out; HTTP, SSE and errors come
// from the shared modules.
import type { TokenUsage } from '../../../shared/types';
import { bodyChunks, readJson, sendRequest } from '../../http/client';
import type { SseEvent } from '../../http/sse';
import { flattenBatches, sseBatches } from '../core/batched';
import { contentText } from './content-parts';
import { ProviderError } from '../../http/errors';
import { chatWithFallbacks, streamWithFallbacks, type FallbackContext } from './fallbacks';
import { responsesUrl } from './responses';
import { vendorFields } from './vendor';
import { isOpenAIReasoningModel } from './reasoning-models';
import { AnswerBudget } from '../limits';
import { ThinkTagSplitter, splitThinkTags } from '../core/think-tags';
import type {
  ChatMessage,
  ChatRequest,
  ChatResponse,
  FinishReason,
  ModelInfo,
  Provider,
  ProviderCapabilities,
  StreamEvent,
  ToolCall,
} from '../traits';
import { tokenCount, tokenUsage } from '../core/usage';

export interface CompatibleOptions {
  key: string;
  displayName: string;
  baseUrl: string;
  credential?: string;
  /** Env var names to mention when the key is missing. */
  envVars?: string[];
  /** Local servers accept requests without a key. */
  keyOptional?: boolean;
  headers?: Record<string, string>;
  mergeSystemIntoUser?: boolean;
  capabilities: ProviderCapabilities;
  /** Sent as `reasoning_effort` to the models that take it (vendor.ts). */
  reasoningEffort?: string;
  /** Retry a 404 from /chat/completions on the Responses API (not GLM, NVIDIA, MiniMax). */
  responsesFallback?: boolean;
  env?: NodeJS.ProcessEnv;
  /** OpenAI's own API (and Azure's): its reasoning models take max_completion_tokens and no temperature. */
  openaiReasoningRules?: boolean;
  /** An authenticated GET that proves the key when the model list needs none (OpenRouter's /key). */
  keyCheckUrl?: string;
  /** Makes tool-call ids deterministic in tests; crypto.randomUUID otherwise. */
  newId?: () => string;
  /** Vendors that differ only in where and how (Azure): the chat URL per model, the auth header. */
  endpoints?: {
    chatUrl(model: string): string;
    /** null: the vendor has no model list. */
    modelsUrl: string | null;
    authHeader(credential: string): Record<string, string>;
    /** Azure picks the model by the deployment in the URL and wants no model field. */
    omitModel?: boolean;
  };
}

interface WireToolCallDelta {
  index?: number;
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: string };
}

interface WireUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number };
  completion_tokens_details?: { reasoning_tokens?: number };
}

/** A string, or typed parts (Mistral's reasoning models; see content-parts.ts). */
type WireContent = string | Array<Record<string, unknown>> | null;

interface WireChoice {
  index?: number;
  message?: { content?: WireContent; reasoning_content?: string | null; reasoning?: string | null; tool_calls?: WireToolCallDelta[] };
  delta?: { content?: WireContent; reasoning_content?: string | null; reasoning?: string | null; tool_calls?: WireToolCallDelta[] };
  finish_reason?: string | null;
}

interface WireCompletion {
  model?: string;
  choices?: WireChoice[];
  usage?: WireUsage | null;
  error?: { message?: string };
}

export function chatCompletionsUrl(baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return base.endsWith('/chat/completions') ? base : `${base}/chat/completions`;
}

function modelsUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '').replace(/\/chat\/completions$/, '')}/models`;
}

export function mapUsage(usage: WireUsage | null | undefined): TokenUsage {
  if (!usage) return {};
  return tokenUsage({
    inputTokens: usage.prompt_tokens,
    outputTokens: usage.completion_tokens,
    cachedInputTokens: usage.prompt_tokens_details?.cached_tokens,
    reasoningTokens: usage.completion_tokens_details?.reasoning_tokens,
  });
}

export function mapFinishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'stop':
    case 'length':
    case 'tool_calls':
    case 'content_filter':
      return reason;
    case 'function_call':
      return 'tool_calls';
    default:
      return 'unknown';
  }
}

/** Tool-call arguments must be JSON; a model that emits broken JSON gets "{}" (seed-wire.md §2.8). */
function validArguments(text: string | undefined): string {
  const trimmed = text?.trim() ?? '';
  if (!trimmed) return '{}';
  try {
    JSON.parse(trimmed);
    return trimmed;
  } catch {
    return '{}';
  }
}

/** MiniMax rejects the system role: all system text goes in front of the first user turn. */
export function mergeSystemIntoUser(messages: ChatMessage[]): ChatMessage[] {
  const system = messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n\n');
  if (!system) return messages;
  const rest = messages.filter((m) => m.role !== 'system');
  const firstUser = rest.findIndex((m) => m.role === 'user');
  if (firstUser === -1) return [{ role: 'user', content: system }, ...rest];
  return rest.map((m, i) => (i === firstUser ? { ...m, content: `${system}\n\n${m.content}` } : m));
}

function encodeMessage(message: ChatMessage): Record<string, unknown> {
  if (message.role === 'assistant' && message.toolCalls?.length) {
    return {
      role: 'assistant',
      ...(message.content && { content: message.content }),
      tool_calls: message.toolCalls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      })),
      ...(message.reasoning && { reasoning_content: message.reasoning }),
    };
  }
  if (message.role === 'tool') {
    return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
  }
  if (message.role === 'user' && message.images?.length) {
    return {
      role: 'user',
      content: [
        ...(message.content ? [{ type: 'text', text: message.content }] : []),
        ...message.images.map((url) => ({ type: 'image_url', image_url: { url } })),
      ],
    };
  }
  return { role: message.role, content: message.content };
}

export class CompatibleProvider implements Provider {
  readonly key: string;
  readonly displayName: string;
  private readonly options: CompatibleOptions;

  constructor(options: CompatibleOptions) {
    this.options = options;
    this.key = options.key;
    this.displayName = options.displayName;
  }

  capabilities(): ProviderCapabilities {
    return this.options.capabilities;
  }

  /** Where requests go; shown by the connection test and asserted by the factory tests. */
  get baseUrl(): string {
    return this.options.baseUrl;
  }

  private headers(): Record<string, string> {
    const credential = this.options.credential?.trim();
    if (!credential && !this.options.keyOptional) {
      const where = this.options.envVars?.length ? ` or set ${this.options.envVars.join(' / ')}` : '';
      throw new ProviderError(`${this.displayName} API key not set: add a key to this profile${where}.`, {
        provider: this.displayName,
        errorClass: 'auth',
      });
    }
    const auth = credential ? (this.options.endpoints?.authHeader(credential) ?? { authorization: `Bearer ${credential}` }) : {};
    return { ...this.options.headers, ...auth };
  }

  private chatUrl(model: string): string {
    return this.options.endpoints?.chatUrl(model) ?? chatCompletionsUrl(this.options.baseUrl);
  }

  private modelsUrl(): string | null {
    return this.options.endpoints ? this.options.endpoints.modelsUrl : modelsUrl(this.options.baseUrl);
  }

  buildBody(request: ChatRequest, stream: boolean): Record<string, unknown> {
    // Tools reach here only for native tool calling; fallbacks.ts prompt-guides the rest.
    const messages = this.options.mergeSystemIntoUser ? mergeSystemIntoUser(request.messages) : request.messages;
    const body: Record<string, unknown> = {
      ...(!this.options.endpoints?.omitModel && { model: request.model }),
      messages: messages.map(encodeMessage),
      stream,
    };
    const reasoningModel = this.options.openaiReasoningRules === true && isOpenAIReasoningModel(request.model);
    // A reasoning model refuses a temperature other than its default, so none is sent (see reasoning-models.ts).
    if (request.temperature !== undefined && !reasoningModel) body.temperature = request.temperature;
    if (request.maxTokens !== undefined) body[reasoningModel ? 'max_completion_tokens' : 'max_tokens'] = request.maxTokens;
    if (request.responseFormat === 'json') body.response_format = { type: 'json_object' };
    // Unlike the seed (seed-wire.md §2.3: "streams carry no usage data"), ask for usage in streams.
    if (stream) body.stream_options = { include_usage: true };
    if (request.tools?.length) {
      body.tools = request.tools.map((tool) => ({
        type: 'function',
        function: { name: tool.name, description: tool.description, parameters: tool.parameters },
      }));
      body.tool_choice = 'auto';
    }
    Object.assign(
      body,
      vendorFields({ baseUrl: this.options.baseUrl, reasoningEffort: this.options.reasoningEffort }, request, {
        stream,
        nativeTools: Boolean(body.tools),
      }),
    );
    return body;
  }

  chat(request: ChatRequest): Promise<ChatResponse> {
    return chatWithFallbacks(this.fallbacks(), request, (tried) => this.chatCompletions(tried));
  }

  /** The tools and Responses-API fallbacks around the one chat-completions call. */
  private fallbacks(): FallbackContext {
    const { responsesFallback, endpoints, baseUrl, env, capabilities } = this.options;
    return {
      displayName: this.displayName,
      nativeTools: capabilities.nativeTools,
      responses: () =>
        responsesFallback && !endpoints
          ? { displayName: this.displayName, url: responsesUrl(baseUrl), headers: this.headers(), env }
          : null,
      newId: () => this.newId(),
    };
  }

  private async chatCompletions(request: ChatRequest): Promise<ChatResponse> {
    const response = await sendRequest(
      {
        provider: this.displayName,
        url: this.chatUrl(request.model),
        headers: this.headers(),
        body: this.buildBody(request, false),
        signal: request.signal,
      },
      this.options.env,
    );
    const completion = await readJson<WireCompletion>(this.displayName, response);
    const choice = completion.choices?.[0];
    if (!choice?.message) {
      throw new ProviderError(`No response from ${this.displayName}: the reply had no choices.`, {
        provider: this.displayName,
        errorClass: 'server',
      });
    }
    const message = choice.message;
    const content = contentText(message.content);
    const split = splitThinkTags(content.text);
    const reasoning = [message.reasoning_content ?? message.reasoning ?? '', content.reasoning, split.reasoning].filter(Boolean).join('\n');
    const toolCalls: ToolCall[] = (message.tool_calls ?? [])
      .filter((call) => call.function?.name)
      .map((call) => ({ id: call.id || this.newId(), name: call.function!.name!, arguments: validArguments(call.function!.arguments) }));
    return {
      text: split.text,
      toolCalls,
      usage: mapUsage(completion.usage),
      finishReason: mapFinishReason(choice.finish_reason),
      model: completion.model ?? request.model,
      ...(reasoning && { reasoning }),
    };
  }

  stream(request: ChatRequest): AsyncIterableIterator<StreamEvent> {
    return streamWithFallbacks(this.fallbacks(), request, (tried) => flattenBatches(this.streamBatches(tried)));
  }

  /** The stream as one batch of events per network chunk (see core/batched.ts). */
  private async *streamBatches(request: ChatRequest): AsyncGenerator<StreamEvent[]> {
    const url = this.chatUrl(request.model);
    const response = await sendRequest(
      {
        provider: this.displayName,
        url,
        headers: { ...this.headers(), accept: 'text/event-stream' },
        body: this.buildBody(request, true),
        signal: request.signal,
      },
      this.options.env,
    );
    const think = new ThinkTagSplitter();
    const pending = new Map<number, { id: string; name: string; arguments: string }>();
    const budget = new AnswerBudget(this.displayName);
    let finishReason: FinishReason = 'unknown';
    const flushTools = function* (this: CompatibleProvider): Generator<StreamEvent> {
      for (const call of pending.values()) {
        if (call.name)
          yield { type: 'tool_call', call: { id: call.id || this.newId(), name: call.name, arguments: validArguments(call.arguments) } };
      }
      pending.clear();
    }.bind(this);

    // Plain function filling `out`: a generator per event would cost an allocation and a hop per token.
    const handle = function (this: CompatibleProvider, event: SseEvent, out: StreamEvent[]): void {
      const raw = event.data;
      // Servers send compact JSON; only trim when there is whitespace to trim.
      const data = raw.length > 0 && raw.charCodeAt(0) > 32 && raw.charCodeAt(raw.length - 1) > 32 ? raw : raw.trim();
      if (!data || data === '[DONE]') return;
      let chunk: WireCompletion;
      try {
        chunk = JSON.parse(data) as WireCompletion;
      } catch {
        throw new ProviderError(`${this.displayName} sent a stream event that is not JSON: ${data.slice(0, 200)}`, {
          provider: this.displayName,
          errorClass: 'server',
        });
      }
      if (chunk.error) {
        throw new ProviderError(`${this.displayName} reported an error mid-stream: ${chunk.error.message ?? 'unknown error'}`, {
          provider: this.displayName,
          errorClass: 'server',
        });
      }
      // Indexed loops and no `?? []`: this runs once per token, and each allocation shows.
      const choices = chunk.choices;
      for (let c = 0; choices && c < choices.length; c += 1) {
        const choice = choices[c]!;
        const delta = choice.delta;
        const reasoningDelta = delta?.reasoning_content ?? delta?.reasoning;
        if (reasoningDelta) out.push({ type: 'reasoning', delta: reasoningDelta });
        let content = delta?.content;
        if (content && typeof content !== 'string') {
          const typed = contentText(content);
          if (typed.reasoning) out.push({ type: 'reasoning', delta: typed.reasoning });
          content = typed.text;
        }
        if (content) {
          if (think.isPlain(content)) {
            out.push({ type: 'text', delta: content });
          } else {
            const split = think.push(content);
            if (split.reasoning) out.push({ type: 'reasoning', delta: split.reasoning });
            if (split.text) out.push({ type: 'text', delta: split.text });
          }
        }
        const toolParts = delta?.tool_calls;
        for (let t = 0; toolParts && t < toolParts.length; t += 1) {
          const part = toolParts[t]!;
          // Each piece counts (at least 1), so neither long input nor endless new calls can fill memory.
          budget.spend(1 + (part.function?.arguments?.length ?? 0));
          const index = part.index ?? pending.size;
          const call = pending.get(index) ?? { id: '', name: '', arguments: '' };
          if (part.id) call.id = part.id;
          if (part.function?.name) call.name = part.function.name;
          if (part.function?.arguments) call.arguments += part.function.arguments;
          pending.set(index, call);
        }
        if (choice.finish_reason) {
          finishReason = mapFinishReason(choice.finish_reason);
          if (finishReason === 'tool_calls') out.push(...flushTools());
        }
      }
      if (chunk.usage) out.push({ type: 'usage', usage: mapUsage(chunk.usage) });
    }.bind(this);

    const finish = (): StreamEvent[] => {
      const rest = think.end();
      return [
        ...(rest.reasoning ? [{ type: 'reasoning', delta: rest.reasoning } as const] : []),
        ...(rest.text ? [{ type: 'text', delta: rest.text } as const] : []),
        ...flushTools(),
        { type: 'done', finishReason },
      ];
    };
    yield* sseBatches(bodyChunks(this.displayName, url, response, request.signal), handle, finish);
  }

  async listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
    const url = this.modelsUrl();
    if (url === null) return [];
    const response = await sendRequest({ provider: this.displayName, url, headers: this.headers(), signal }, this.options.env);
    const body = await readJson<{
      data?: Array<{
        id?: string;
        owned_by?: string;
        context_length?: number;
        max_model_len?: number;
        top_provider?: { max_completion_tokens?: number };
        pricing?: { prompt?: string; completion?: string; input_cache_read?: string; internal_reasoning?: string };
      }>;
    }>(this.displayName, response);
    return (body.data ?? [])
      .filter((model): model is typeof model & { id: string } => typeof model.id === 'string')
      .map((model) => {
        const details: Record<string, string | number> = {};
        if (model.owned_by) details.ownedBy = model.owned_by;
        // OpenRouter says context_length and top_provider.max_completion_tokens; vLLM max_model_len.
        const context = tokenCount(model.context_length) || tokenCount(model.max_model_len);
        if (context) details.contextLength = context;
        const maxOutput = tokenCount(model.top_provider?.max_completion_tokens);
        if (maxOutput) details.maxOutputTokens = maxOutput;
        // OpenRouter prices models in USD per token, as strings.
        const perMTok = (value: string | undefined) => {
          const number = value === undefined || value === '' ? Number.NaN : Number(value);
          return Number.isFinite(number) && number >= 0 ? number * 1_000_000 : undefined;
        };
        const input = perMTok(model.pricing?.prompt);
        const output = perMTok(model.pricing?.completion);
        if (input !== undefined && output !== undefined) {
          details.inputPerMTok = input;
          details.outputPerMTok = output;
          const cached = perMTok(model.pricing?.input_cache_read);
          const reasoning = perMTok(model.pricing?.internal_reasoning);
          if (cached !== undefined) details.cachedInputPerMTok = cached;
          // OpenRouter lists "0" for models that bill reasoning as output; only a real rate counts.
          if (reasoning) details.reasoningPerMTok = reasoning;
        }
        return Object.keys(details).length > 0 ? { id: model.id, details } : { id: model.id };
      })
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  /**
   * Proves the key with an authenticated GET, for servers whose model list needs no key (OpenRouter:
   * GET /api/v1/key, openrouter.ai/docs/api-reference/limits). A refused key throws the auth error.
   */
  async verifyKey(signal?: AbortSignal): Promise<void> {
    if (!this.options.keyCheckUrl) return;
    const response = await sendRequest(
      { provider: this.displayName, url: this.options.keyCheckUrl, headers: this.headers(), signal },
      this.options.env,
    );
    await response.body.dump();
  }

  /** Opens the connection without spending tokens: the model list is a cheap authenticated GET. */
  async warmup(signal?: AbortSignal): Promise<void> {
    const url = this.options.keyCheckUrl ?? this.modelsUrl() ?? this.chatUrl('warmup');
    const response = await sendRequest({ provider: this.displayName, url, headers: this.headers(), signal }, this.options.env).catch(
      (error: unknown) => {
        if (error instanceof ProviderError && error.status !== undefined && error.errorClass !== 'auth') return null;
        throw error;
      },
    );
    await response?.body.dump();
  }

  private newId(): string {
    return this.options.newId?.() ?? `call_${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`;
  }
}
