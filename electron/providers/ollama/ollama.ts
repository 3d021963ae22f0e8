// Ollama's native API (seed-wire.md §5): /api/chat streamed as NDJSON (the seed never streamed),
// /api/tags for the model list, images as bare base64, `think` for reasoning models, Bearer auth
// only toward a remote server, and the `:cloud` model suffix.
import type { TokenUsage } from '../../../shared/types';
import { bodyChunks, readJson, sendRequest } from '../../http/client';
import { ndjsonValues, NdjsonParseError } from '../../http/ndjson';
import { isLoopbackUrl } from '../core/loopback';
import { ProviderError } from '../../http/errors';
import { ThinkTagSplitter } from '../core/think-tags';
import { BaseProvider } from '../core/base';
import type { ChatMessage, ChatRequest, FinishReason, ModelInfo, StreamEvent } from '../traits';
import { tokenUsage } from '../core/usage';

export const OLLAMA_DEFAULT_URL = 'http://127.0.0.1:11434';
const PROVIDER = 'Ollama';
/** Ollama loads the model before the first byte of the answer; that can take minutes on a cold start. */
const OLLAMA_HEADERS_TIMEOUT_MS = 300_000;

export interface OllamaOptions {
  baseUrl?: string;
  credential?: string;
  /** Send `think: true/false`; unset leaves the model's default. */
  think?: boolean;
  env?: NodeJS.ProcessEnv;
}

interface WireMessage {
  role?: string;
  content?: string;
  thinking?: string;
  tool_calls?: Array<{ function?: { name?: string; arguments?: unknown } }>;
}

interface WireChunk {
  model?: string;
  message?: WireMessage;
  done?: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
  error?: string;
}

/** Trims spaces and a trailing /api or /api/chat (seed-wire.md §5.1). */
export function normalizeOllamaUrl(url: string): string {
  return url
    .trim()
    .replace(/\/+$/, '')
    .replace(/\/api(\/chat)?$/, '')
    .replace(/\/+$/, '');
}

/** OLLAMA_HOST may be "host:port" without a scheme, as the Ollama CLI accepts it. */
export function ollamaUrlFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const host = env.OLLAMA_HOST?.trim();
  if (!host) return undefined;
  const withScheme = /^https?:\/\//.test(host) ? host : `http://${host}`;
  const url = new URL(withScheme);
  if (!url.port && !/^https?:\/\/[^/]+:\d+/.test(withScheme)) url.port = url.protocol === 'https:' ? '' : '11434';
  if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
  return normalizeOllamaUrl(url.toString());
}

function stripDataUri(image: string): string {
  const comma = image.indexOf(',');
  return image.startsWith('data:') && comma !== -1 ? image.slice(comma + 1) : image;
}

function encodeMessage(message: ChatMessage): Record<string, unknown> {
  if (message.role === 'assistant' && message.toolCalls?.length) {
    return {
      role: 'assistant',
      content: message.content,
      tool_calls: message.toolCalls.map((call) => ({ function: { name: call.name, arguments: safeParse(call.arguments) } })),
    };
  }
  if (message.role === 'tool') return { role: 'tool', content: message.content, ...(message.toolName && { tool_name: message.toolName }) };
  if (message.role === 'user' && message.images?.length)
    return { role: 'user', content: message.content, images: message.images.map(stripDataUri) };
  return { role: message.role, content: message.content };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/** Some models wrap a call as {name:"tool_call", arguments:{name, arguments}} or "tool.shell" (seed-wire.md §5.3). */
function unwrapToolCall(name: string, args: unknown): { name: string; args: unknown } {
  const inner = args as { name?: unknown; arguments?: unknown } | null;
  if (
    (name === 'tool_call' || name === 'tool.call' || name.startsWith('tool_call>') || name.startsWith('tool_call<')) &&
    typeof inner?.name === 'string'
  ) {
    return { name: inner.name, args: inner.arguments ?? {} };
  }
  return { name: name.startsWith('tool.') ? name.slice('tool.'.length) : name, args };
}

function usageOf(chunk: WireChunk): TokenUsage {
  return tokenUsage({ inputTokens: chunk.prompt_eval_count, outputTokens: chunk.eval_count });
}

export class OllamaProvider extends BaseProvider {
  readonly key = 'ollama';
  readonly displayName = PROVIDER;
  readonly baseUrl: string;
  private readonly options: OllamaOptions;
  private toolCounter = 0;

  constructor(options: OllamaOptions = {}) {
    // Native tools are sent when asked, but many local models ignore them (upstream issue #3999).
    super({ nativeTools: false, vision: true, streaming: true, promptCaching: false });
    this.options = options;
    this.baseUrl = normalizeOllamaUrl(options.baseUrl || ollamaUrlFromEnv(options.env ?? process.env) || OLLAMA_DEFAULT_URL);
  }

  private get remote(): boolean {
    return !isLoopbackUrl(this.baseUrl);
  }

  private headers(): Record<string, string> {
    const key = this.options.credential?.trim();
    // A key goes only to a remote server: a local Ollama needs none and must not receive one.
    return key && this.remote ? { authorization: `Bearer ${key}` } : {};
  }

  /** `model:cloud` asks a remote Ollama to route to its cloud; it needs a remote URL and a key. */
  private resolveModel(model: string): string {
    if (!model.endsWith(':cloud')) return model;
    if (!this.remote)
      throw new ProviderError(
        `Model '${model}' asks for cloud routing, but the Ollama server ${this.baseUrl} is local. Set the profile's base URL to a remote Ollama server.`,
        { provider: PROVIDER, errorClass: 'bad_request' },
      );
    if (!this.options.credential?.trim())
      throw new ProviderError(
        `Model '${model}' asks for cloud routing, but no API key is set. Add a key to this profile or set OLLAMA_API_KEY.`,
        { provider: PROVIDER, errorClass: 'auth' },
      );
    return model.slice(0, -':cloud'.length);
  }

  buildBody(request: ChatRequest): Record<string, unknown> {
    const body: Record<string, unknown> = {
      model: this.resolveModel(request.model),
      messages: request.messages.map(encodeMessage),
      stream: true,
    };
    const options: Record<string, unknown> = {};
    if (request.temperature !== undefined) options.temperature = request.temperature;
    if (request.maxTokens !== undefined) options.num_predict = request.maxTokens;
    if (Object.keys(options).length > 0) body.options = options;
    if (this.options.think !== undefined) body.think = this.options.think;
    if (request.responseFormat === 'json') body.format = 'json';
    if (request.tools?.length)
      body.tools = request.tools.map((tool) => ({
        type: 'function',
        function: { name: tool.name, description: tool.description, parameters: tool.parameters },
      }));
    return body;
  }

  async *stream(request: ChatRequest): AsyncGenerator<StreamEvent> {
    const url = `${this.baseUrl}/api/chat`;
    const response = await sendRequest(
      {
        provider: PROVIDER,
        url,
        headers: this.headers(),
        body: this.buildBody(request),
        signal: request.signal,
        headersTimeoutMs: OLLAMA_HEADERS_TIMEOUT_MS,
      },
      this.options.env,
    ).catch((error: unknown) => {
      throw withOllamaHint(error, this.baseUrl);
    });
    const think = new ThinkTagSplitter();
    let finishReason: FinishReason = 'unknown';
    let sawToolCall = false;
    try {
      for await (const chunk of ndjsonValues<WireChunk>(bodyChunks(PROVIDER, url, response, request.signal))) {
        if (chunk.error)
          throw new ProviderError(`Ollama reported an error: ${chunk.error}`, {
            provider: PROVIDER,
            errorClass: /not found/i.test(chunk.error) ? 'not_found' : 'server',
          });
        const message = chunk.message;
        if (message?.thinking) yield { type: 'reasoning', delta: message.thinking };
        if (message?.content) {
          const split = think.push(message.content);
          if (split.reasoning) yield { type: 'reasoning', delta: split.reasoning };
          if (split.text) yield { type: 'text', delta: split.text };
        }
        for (const call of message?.tool_calls ?? []) {
          if (!call.function?.name) continue;
          const rawArgs =
            typeof call.function.arguments === 'string' ? safeParse(call.function.arguments) : (call.function.arguments ?? {});
          const { name, args } = unwrapToolCall(call.function.name, rawArgs);
          sawToolCall = true;
          this.toolCounter += 1;
          yield { type: 'tool_call', call: { id: `call_${this.toolCounter}`, name, arguments: JSON.stringify(args) } };
        }
        if (chunk.done) {
          const usage = usageOf(chunk);
          if (Object.keys(usage).length > 0) yield { type: 'usage', usage };
          finishReason = sawToolCall ? 'tool_calls' : chunk.done_reason === 'length' ? 'length' : 'stop';
        }
      }
    } catch (error) {
      if (error instanceof NdjsonParseError)
        throw new ProviderError(`Ollama sent a line that is not JSON: ${error.line.slice(0, 200)}`, {
          provider: PROVIDER,
          errorClass: 'server',
        });
      throw error;
    }
    const rest = think.end();
    if (rest.reasoning) yield { type: 'reasoning', delta: rest.reasoning };
    if (rest.text) yield { type: 'text', delta: rest.text };
    yield { type: 'done', finishReason };
  }

  override async listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
    const response = await sendRequest(
      { provider: PROVIDER, url: `${this.baseUrl}/api/tags`, headers: this.headers(), signal },
      this.options.env,
    ).catch((error: unknown) => {
      throw withOllamaHint(error, this.baseUrl);
    });
    const body = await readJson<{
      models?: Array<{ name?: string; size?: number; details?: { family?: string; parameter_size?: string; quantization_level?: string } }>;
    }>(PROVIDER, response);
    return (body.models ?? [])
      .filter((model): model is typeof model & { name: string } => typeof model.name === 'string')
      .map((model) => ({
        id: model.name,
        details: {
          ...(model.size !== undefined && { size: model.size }),
          ...(model.details?.family && { family: model.details.family }),
          ...(model.details?.parameter_size && { parameters: model.details.parameter_size }),
          ...(model.details?.quantization_level && { quantization: model.details.quantization_level }),
        },
      }));
  }

  override async warmup(signal?: AbortSignal): Promise<void> {
    const response = await sendRequest(
      { provider: PROVIDER, url: `${this.baseUrl}/api/version`, headers: this.headers(), signal },
      this.options.env,
    ).catch((error: unknown) => {
      throw withOllamaHint(error, this.baseUrl);
    });
    await response.body.dump();
  }
}

/** A refused connection to Ollama nearly always means the server is not running. */
function withOllamaHint(error: unknown, baseUrl: string): unknown {
  if (error instanceof ProviderError && error.errorClass === 'network') {
    return new ProviderError(
      `${error.message} Is Ollama running at ${baseUrl}? Start it with \`ollama serve\`, or set the profile's base URL or OLLAMA_HOST.`,
      { provider: PROVIDER, errorClass: 'network', cause: error },
    );
  }
  return error;
}
