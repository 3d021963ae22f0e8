// What every provider adapter implements, and the shapes it speaks: messages in, a typed event
// stream or a whole response out (seed-core.md §5, reshaped after the Vercel AI SDK's provider spec).
import type { AttemptTrace, TokenUsage } from '../../shared/types';

export type Role = 'system' | 'user' | 'assistant' | 'tool';

export interface ToolCall {
  id: string;
  name: string;
  /** JSON text, as the wire formats carry it. */
  arguments: string;
  /**
   * An opaque token the provider attached to this call and wants back with it next turn: Gemini 3's
   * `thoughtSignature` (ai.google.dev/gemini-api/docs/thought-signatures: without it, 400).
   */
  signature?: string;
}

/**
 * A thinking block as the provider signed it (Anthropic's `thinking` with its `signature`, or a
 * `redacted_thinking` block's `data`). When thinking is combined with tools, the blocks must go back
 * unchanged in the assistant turn that made the calls (docs.anthropic.com/en/docs/build-with-claude/
 * extended-thinking#preserving-thinking-blocks).
 */
export type SignedReasoning = { text: string; signature: string } | { redacted: string };

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
  /** Signed thinking blocks of an assistant turn, sent back verbatim with its tool calls (Anthropic). */
  signedReasoning?: SignedReasoning[];
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
  signedReasoning?: SignedReasoning[];
}

export type StreamEvent =
  | { type: 'text'; delta: string }
  | { type: 'reasoning'; delta: string }
  | { type: 'tool_call'; call: ToolCall }
  | { type: 'usage'; usage: TokenUsage }
  /** A whole signed thinking block, after its text went out as `reasoning` deltas. */
  | { type: 'signed_reasoning'; block: SignedReasoning }
  | { type: 'done'; finishReason: FinishReason };

/**
 * What a resolved target streams: the answer's events, and the attempts made to get it (one for a
 * single provider, every retry and fallback for a chain). The trace is complete once iteration has
 * ended, whether the answer came or the stream threw.
 */
export interface TracedStream extends AsyncIterable<StreamEvent> {
  readonly attempts: AttemptTrace[];
}

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
  /** Proves the key where the model list needs none (OpenRouter); spends no tokens. */
  verifyKey?(signal?: AbortSignal): Promise<void>;
  /** The sign-in requests use instead of a key ("GitHub sign-in"), for the UI; absent for keys. */
  readonly signIn?: string;
}

/**
 * The assistant turn to keep in the history after a response, so that the next request carries
 * back what the provider asked for: the tool calls with their signatures, the signed thinking
 * blocks, and the reasoning text that DeepSeek-style APIs want with tool calls.
 */
export function assistantTurn(response: ChatResponse): ChatMessage {
  return {
    role: 'assistant',
    content: response.text,
    ...(response.toolCalls.length > 0 && { toolCalls: response.toolCalls }),
    ...(response.reasoning && { reasoning: response.reasoning }),
    ...(response.signedReasoning && response.signedReasoning.length > 0 && { signedReasoning: response.signedReasoning }),
  };
}
