// Google Gemini's public API (seed-wire.md §4; ai.google.dev/api/generate-content) with an API key:
// streamGenerateContent?alt=sse, the key in the x-goog-api-key header (never in the URL, unlike
// the seed), system instruction, user/model roles, native function calling (the seed had none and
// dropped tool results), inline images, thought parts as reasoning, and usageMetadata.
// Not here yet: the Gemini CLI OAuth credentials file (seed-auth-cli.md §3).
import type { TokenUsage } from '../../shared/types';
import { bodyChunks, readJson, sendRequest } from '../http/client';
import { SseDecoder } from '../http/sse';
import { ProviderError } from './errors';
import { collectStream, type ChatMessage, type ChatRequest, type ChatResponse, type FinishReason, type ModelInfo, type Provider, type ProviderCapabilities, type StreamEvent } from './traits';

export const GEMINI_DEFAULT_URL = 'https://generativelanguage.googleapis.com/v1beta';

export interface GeminiOptions {
  baseUrl?: string;
  credential?: string;
  /** Which source the key came from, shown by the connection test ("GEMINI_API_KEY env var"). */
  credentialSource?: string;
  env?: NodeJS.ProcessEnv;
  headers?: Record<string, string>;
}

type Part = Record<string, unknown>;
interface Content {
  role: 'user' | 'model';
  parts: Part[];
}

function modelPath(model: string): string {
  return model.startsWith('models/') ? model : `models/${model}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/** Our history → Gemini contents: assistant is "model", tool results are functionResponse parts. */
export function convertContents(messages: ChatMessage[]): { system: string; contents: Content[] } {
  const system = messages.filter((m) => m.role === 'system' && m.content.trim()).map((m) => m.content).join('\n\n');
  const contents: Content[] = [];
  const push = (role: Content['role'], parts: Part[]) => {
    if (parts.length === 0) return;
    const last = contents.at(-1);
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  };
  const names = new Map<string, string>();
  for (const message of messages) {
    if (message.role === 'system') continue;
    if (message.role === 'assistant') {
      const parts: Part[] = message.content.trim() ? [{ text: message.content }] : [];
      for (const call of message.toolCalls ?? []) {
        names.set(call.id, call.name);
        parts.push({ functionCall: { name: call.name, args: safeJson(call.arguments) } });
      }
      push('model', parts);
    } else if (message.role === 'tool') {
      const name = message.toolName ?? (message.toolCallId ? names.get(message.toolCallId) : undefined) ?? 'tool';
      push('user', [{ functionResponse: { name, response: { content: message.content } } }]);
    } else {
      const parts: Part[] = [];
      if (message.content) parts.push({ text: message.content });
      for (const image of message.images ?? []) {
        const match = /^data:([^;,]+)[^,]*,(.*)$/s.exec(image);
        if (match) parts.push({ inlineData: { mimeType: match[1], data: match[2]!.trim() } });
      }
      push('user', parts.length > 0 ? parts : [{ text: '' }]);
    }
  }
  return { system, contents };
}

function finishReasonOf(reason: string | undefined, sawTool: boolean): FinishReason {
  if (sawTool) return 'tool_calls';
  if (reason === 'STOP') return 'stop';
  if (reason === 'MAX_TOKENS') return 'length';
  if (reason === 'SAFETY' || reason === 'RECITATION' || reason === 'PROHIBITED_CONTENT') return 'content_filter';
  return reason ? 'unknown' : 'stop';
}

export class GeminiProvider implements Provider {
  readonly key = 'gemini';
  readonly displayName = 'Google Gemini';
  readonly baseUrl: string;
  private readonly options: GeminiOptions;
  private callCounter = 0;

  constructor(options: GeminiOptions) {
    this.options = options;
    this.baseUrl = (options.baseUrl?.trim() || GEMINI_DEFAULT_URL).replace(/\/+$/, '');
  }

  capabilities(): ProviderCapabilities {
    return { nativeTools: true, vision: true, streaming: true, promptCaching: false };
  }

  /** Where the key came from, for the UI ("GEMINI_API_KEY env var", "profile"). */
  get credentialSource(): string {
    return this.options.credentialSource ?? (this.options.credential ? 'profile' : 'none');
  }

  private headers(): Record<string, string> {
    const key = this.options.credential?.trim();
    if (!key) {
      throw new ProviderError('Gemini API key not found: add a key to this profile or set GEMINI_API_KEY (or GOOGLE_API_KEY). Get one at https://aistudio.google.com/app/apikey.', { provider: this.displayName, errorClass: 'auth' });
    }
    // In a header, not in ?key=, so it never lands in URLs, logs or proxies' access logs.
    return { ...this.options.headers, 'x-goog-api-key': key };
  }

  buildBody(request: ChatRequest): Record<string, unknown> {
    const { system, contents } = convertContents(request.messages);
    const generationConfig: Record<string, unknown> = {};
    if (request.temperature !== undefined) generationConfig.temperature = request.temperature;
    if (request.maxTokens !== undefined) generationConfig.maxOutputTokens = request.maxTokens;
    return {
      contents,
      ...(system && { systemInstruction: { parts: [{ text: system }] } }),
      ...(Object.keys(generationConfig).length > 0 && { generationConfig }),
      ...(request.tools?.length && { tools: [{ functionDeclarations: request.tools.map((t) => ({ name: t.name, description: t.description, parameters: t.parameters })) }] }),
    };
  }

  chat(request: ChatRequest): Promise<ChatResponse> {
    return collectStream(this.stream(request), request.model);
  }

  async *stream(request: ChatRequest): AsyncGenerator<StreamEvent> {
    const url = `${this.baseUrl}/${modelPath(request.model)}:streamGenerateContent?alt=sse`;
    const response = await sendRequest({ provider: this.displayName, url, headers: { ...this.headers(), accept: 'text/event-stream' }, body: this.buildBody(request), signal: request.signal }, this.options.env);
    const decoder = new SseDecoder();
    let usage: TokenUsage = {};
    let finish: string | undefined;
    let sawTool = false;
    const out: StreamEvent[] = [];
    const handle = (data: string) => {
      let chunk: { candidates?: Array<{ content?: { parts?: Array<{ text?: string; thought?: boolean; functionCall?: { name?: string; args?: unknown } }> }; finishReason?: string }>; usageMetadata?: { promptTokenCount?: number; candidatesTokenCount?: number; thoughtsTokenCount?: number; cachedContentTokenCount?: number }; error?: { message?: string } };
      try {
        chunk = JSON.parse(data);
      } catch {
        throw new ProviderError(`Gemini sent a stream event that is not JSON: ${data.slice(0, 200)}`, { provider: this.displayName, errorClass: 'server' });
      }
      if (chunk.error) throw new ProviderError(`Gemini API error: ${chunk.error.message ?? 'unknown error'}`, { provider: this.displayName, errorClass: 'server' });
      const candidate = chunk.candidates?.[0];
      for (const part of candidate?.content?.parts ?? []) {
        if (part.functionCall?.name) {
          sawTool = true;
          this.callCounter += 1;
          out.push({ type: 'tool_call', call: { id: `call_${this.callCounter}`, name: part.functionCall.name, arguments: JSON.stringify(part.functionCall.args ?? {}) } });
        } else if (part.text) {
          out.push(part.thought ? { type: 'reasoning', delta: part.text } : { type: 'text', delta: part.text });
        }
      }
      if (candidate?.finishReason) finish = candidate.finishReason;
      const meta = chunk.usageMetadata;
      if (meta) {
        // Gemini counts thinking apart from the answer; our output tokens include both.
        usage = {
          ...(meta.promptTokenCount !== undefined && { inputTokens: meta.promptTokenCount }),
          ...((meta.candidatesTokenCount !== undefined || meta.thoughtsTokenCount !== undefined) && { outputTokens: (meta.candidatesTokenCount ?? 0) + (meta.thoughtsTokenCount ?? 0) }),
          ...(meta.thoughtsTokenCount !== undefined && { reasoningTokens: meta.thoughtsTokenCount }),
          ...(meta.cachedContentTokenCount !== undefined && { cachedInputTokens: meta.cachedContentTokenCount }),
        };
      }
    };
    for await (const bytes of bodyChunks(this.displayName, url, response, request.signal)) {
      for (const event of decoder.feed(bytes)) handle(event.data);
      if (out.length > 0) {
        yield* out;
        out.length = 0;
      }
    }
    for (const event of decoder.end()) handle(event.data);
    yield* out;
    if (Object.keys(usage).length > 0) yield { type: 'usage', usage };
    yield { type: 'done', finishReason: finishReasonOf(finish, sawTool) };
  }

  async listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
    const response = await sendRequest({ provider: this.displayName, url: `${this.baseUrl}/models?pageSize=1000`, headers: this.headers(), signal }, this.options.env);
    const body = await readJson<{ models?: Array<{ name?: string; displayName?: string; supportedGenerationMethods?: string[]; inputTokenLimit?: number }> }>(this.displayName, response);
    return (body.models ?? [])
      .filter((m): m is typeof m & { name: string } => typeof m.name === 'string' && (m.supportedGenerationMethods ?? ['generateContent']).includes('generateContent'))
      .map((m) => ({ id: m.name.replace(/^models\//, ''), details: { ...(m.displayName && { name: m.displayName }), ...(m.inputTokenLimit && { contextLength: m.inputTokenLimit }) } }));
  }

  async warmup(signal?: AbortSignal): Promise<void> {
    const response = await sendRequest({ provider: this.displayName, url: `${this.baseUrl}/models?pageSize=1`, headers: this.headers(), signal }, this.options.env);
    await response.body.dump();
  }
}
