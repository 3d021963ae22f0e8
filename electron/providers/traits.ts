// What every provider adapter implements, and the shapes it speaks: messages in, a typed event
// stream or a whole response out (seed-core.md §5, reshaped after the Vercel AI SDK's provider spec).
import type { TokenUsage } from '../../shared/types';

export type Role = 'system' | 'user' | 'assistant' | 'tool';

export interface ToolCall {
  id: string;
  name: string;
  /** JSON text, as the wire formats carry it. */
  arguments: string;
}

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the arguments. */
  parameters: Record<string, unknown>;
}

/**
 * One turn of a conversation. Unlike the seed, tool-call turns and tool results are structured
 * fields, not JSON hidden inside `content` (seed-wire.md §0.1).
 */
export interface ChatMessage {
  role: Role;
  content: string;
  /** Images attached to a user turn, as data: URIs. */
  images?: string[];
  /** An assistant turn that asked for tools. */
  toolCalls?: ToolCall[];
  /** A tool result answers this call. */
  toolCallId?: string;
  /** The tool's name, for providers that address results by name (Ollama, Gemini). */
  toolName?: string;
  /** Thinking text some APIs want back with tool-call history (DeepSeek-R1, Kimi). */
  reasoning?: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  tools?: ToolSpec[];
  /** Ask for a JSON object as the answer, where the API has a switch for it (OpenAI-style, Gemini, Ollama). */
  responseFormat?: 'json';
  /** false: never turn tools into prompt text when the provider refuses them (the capability probe asks what the model does natively). */
  toolFallback?: false;
  signal?: AbortSignal;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error' | 'unknown';

export interface ChatResponse {
  text: string;
  toolCalls: ToolCall[];
  usage: TokenUsage;
  finishReason: FinishReason;
  model: string;
  reasoning?: string;
}

export type StreamEvent =
  | { type: 'text'; delta: string }
  | { type: 'reasoning'; delta: string }
  | { type: 'tool_call'; call: ToolCall }
  | { type: 'usage'; usage: TokenUsage }
  | { type: 'done'; finishReason: FinishReason };

export interface ProviderCapabilities {
  nativeTools: boolean;
  vision: boolean;
  streaming: boolean;
  promptCaching: boolean;
}

export interface ModelInfo {
  id: string;
  /** Extra facts the provider reports (size, context length, family…), for display. */
  details?: Record<string, string | number>;
}

export interface Provider {
  /** The catalog key this provider was created for (canonical, not the alias). */
  readonly key: string;
  readonly displayName: string;
  capabilities(): ProviderCapabilities;
  chat(request: ChatRequest): Promise<ChatResponse>;
  stream(request: ChatRequest): AsyncIterable<StreamEvent>;
  listModels(signal?: AbortSignal): Promise<ModelInfo[]>;
  /** Opens a connection ahead of the first request; must not spend tokens. */
  warmup(signal?: AbortSignal): Promise<void>;
  /** The sign-in requests use instead of a key ("GitHub sign-in"), for the UI; absent for keys. */
  readonly signIn?: string;
}

/** Collects a stream into a whole response: how `chat` is built on `stream` where that is simpler. */
export async function collectStream(events: AsyncIterable<StreamEvent>, model: string): Promise<ChatResponse> {
  let text = '';
  let reasoning = '';
  const toolCalls: ToolCall[] = [];
  let usage: TokenUsage = {};
  let finishReason: FinishReason = 'unknown';
  for await (const event of events) {
    if (event.type === 'text') text += event.delta;
    else if (event.type === 'reasoning') reasoning += event.delta;
    else if (event.type === 'tool_call') toolCalls.push(event.call);
    else if (event.type === 'usage') usage = { ...usage, ...event.usage };
    else finishReason = event.finishReason;
  }
  return { text, toolCalls, usage, finishReason, model, ...(reasoning && { reasoning }) };
}
