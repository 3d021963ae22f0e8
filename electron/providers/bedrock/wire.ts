// Amazon Bedrock's Converse wire format: our messages → content blocks, responses, usage, stop
// reasons, and its named error types → our error classes.
import type { ErrorClass, TokenUsage } from '../../../shared/types';
import { isContextWindowError, ProviderError } from '../../http/errors';
import type { ChatMessage, ChatRequest, ChatResponse, FinishReason, SignedReasoning, ToolCall } from '../traits';
import { tokenCount, tokenUsage } from '../core/usage';

export const DEFAULT_MAX_TOKENS = 4096;

export type ContentBlock = Record<string, unknown>;
export interface WireMessage {
  role: 'user' | 'assistant';
  content: ContentBlock[];
}

const IMAGE_FORMATS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

function imageBlock(dataUri: string, provider: string): ContentBlock {
  const match = /^data:([^;,]+)(;[^,]*)?,(.*)$/s.exec(dataUri);
  if (!match || !match[2]?.includes('base64')) {
    throw new ProviderError(`${provider} takes images as base64 data: URIs; got "${dataUri.slice(0, 40)}…".`, {
      provider,
      errorClass: 'capability',
    });
  }
  const format = IMAGE_FORMATS[match[1]!.toLowerCase()];
  if (!format)
    throw new ProviderError(`${provider} accepts PNG, JPEG, GIF and WebP images, not ${match[1]}.`, { provider, errorClass: 'capability' });
  return { image: { format, source: { bytes: match[3]!.trim() } } };
}

/** A tool call's JSON arguments as the object Bedrock wants; broken or non-object JSON becomes {}. */
function toolInput(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

/** A ReasoningContentBlock (API_runtime_ReasoningContentBlock): signed text, or redacted bytes. */
function reasoningBlock(block: SignedReasoning): ContentBlock {
  return {
    reasoningContent:
      'redacted' in block ? { redactedContent: block.redacted } : { reasoningText: { text: block.text, signature: block.signature } },
  };
}

/**
 * Our history → Converse messages. System messages leave the list; assistant turns carry text (only
 * if non-blank) then toolUse blocks; tool results become toolResult blocks in a user turn, and any
 * consecutive turns of one role are merged. A tool result without an id answers the oldest
 * unanswered call of the last assistant turn (as the seed did); with none it is sent as text.
 */
export function convertMessages(messages: ChatMessage[], provider = 'Amazon Bedrock'): { system: ContentBlock[]; messages: WireMessage[] } {
  const system = messages.filter((m) => m.role === 'system' && m.content.trim()).map((m) => ({ text: m.content }));
  const turns: WireMessage[] = [];
  let unanswered: string[] = [];
  const push = (role: WireMessage['role'], blocks: ContentBlock[]) => {
    if (blocks.length === 0) return;
    const last = turns.at(-1);
    if (last?.role === role) last.content.push(...blocks);
    else turns.push({ role, content: blocks });
  };
  for (const message of messages) {
    if (message.role === 'system') continue;
    if (message.role === 'assistant') {
      // Signed reasoning goes back first in a turn with tool calls, as with Anthropic's own API
      // (docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-extended-thinking.html).
      const blocks: ContentBlock[] = message.toolCalls?.length ? (message.signedReasoning ?? []).map(reasoningBlock) : [];
      if (message.content.trim()) blocks.push({ text: message.content });
      for (const call of message.toolCalls ?? [])
        blocks.push({ toolUse: { toolUseId: call.id, name: call.name, input: toolInput(call.arguments) } });
      unanswered = (message.toolCalls ?? []).map((c) => c.id);
      push('assistant', blocks);
    } else if (message.role === 'tool') {
      const id = message.toolCallId ?? unanswered[0];
      if (id) {
        unanswered = unanswered.filter((u) => u !== id);
        push('user', [{ toolResult: { toolUseId: id, content: [{ text: message.content.trim() ? message.content : '(no output)' }] } }]);
      } else if (message.content.trim()) {
        push('user', [{ text: message.content }]);
      }
    } else {
      // Images first, then the question about them (as anthropic.ts does).
      const blocks: ContentBlock[] = (message.images ?? []).map((image) => imageBlock(image, provider));
      if (message.content.trim()) blocks.push({ text: message.content });
      push('user', blocks);
    }
  }
  return { system, messages: turns };
}

export function buildConverseBody(request: ChatRequest, provider?: string): Record<string, unknown> {
  const { system, messages } = convertMessages(request.messages, provider);
  const inferenceConfig: Record<string, unknown> = { maxTokens: request.maxTokens ?? DEFAULT_MAX_TOKENS };
  if (request.temperature !== undefined) inferenceConfig.temperature = request.temperature;
  const body: Record<string, unknown> = { messages };
  if (system.length > 0) body.system = system;
  body.inferenceConfig = inferenceConfig;
  if (request.tools?.length) {
    body.toolConfig = {
      tools: request.tools.map((tool) => ({
        toolSpec: { name: tool.name, description: tool.description, inputSchema: { json: tool.parameters } },
      })),
    };
  }
  return body;
}

export function finishReasonOf(stopReason: string | undefined): FinishReason {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'guardrail_intervened':
    case 'content_filtered':
      return 'content_filter';
    default:
      return 'unknown';
  }
}

export interface WireUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

export function usageOf(usage: WireUsage | undefined): TokenUsage {
  if (!usage) return {};
  // Converse's inputTokens leaves out cache reads and writes; ours counts every prompt token.
  const prompt = [usage.inputTokens, usage.cacheReadInputTokens, usage.cacheWriteInputTokens].map(tokenCount);
  return tokenUsage({
    inputTokens: prompt[0] === undefined ? undefined : prompt.reduce((a = 0, b = 0) => a + b, 0),
    outputTokens: usage.outputTokens,
    cachedInputTokens: usage.cacheReadInputTokens,
  });
}

interface ConverseOutputBlock {
  text?: string;
  toolUse?: { toolUseId?: string; name?: string; input?: unknown };
  reasoningContent?: { reasoningText?: { text?: string; signature?: string }; redactedContent?: string };
}

export interface ConverseResponse {
  output?: { message?: { role?: string; content?: ConverseOutputBlock[] } } | null;
  stopReason?: string;
  usage?: WireUsage;
}

/** A Converse response → ours. Text blocks are joined as they come (as the stream would give them). */
export function parseConverseResponse(body: ConverseResponse, model: string): ChatResponse {
  let text = '';
  let reasoning = '';
  const toolCalls: ToolCall[] = [];
  const signedReasoning: SignedReasoning[] = [];
  for (const block of body.output?.message?.content ?? []) {
    const thought = block.reasoningContent;
    if (typeof block.text === 'string') text += block.text;
    else if (block.toolUse?.name)
      toolCalls.push({
        id: block.toolUse.toolUseId ?? `tooluse_${crypto.randomUUID()}`,
        name: block.toolUse.name,
        arguments: JSON.stringify(block.toolUse.input ?? {}),
      });
    else if (typeof thought?.reasoningText?.text === 'string') {
      reasoning += thought.reasoningText.text;
      if (thought.reasoningText.signature)
        signedReasoning.push({ text: thought.reasoningText.text, signature: thought.reasoningText.signature });
    } else if (thought?.redactedContent) signedReasoning.push({ redacted: thought.redactedContent });
  }
  return {
    text,
    toolCalls,
    usage: usageOf(body.usage),
    finishReason: finishReasonOf(body.stopReason),
    model,
    ...(reasoning && { reasoning }),
    ...(signedReasoning.length > 0 && { signedReasoning }),
  };
}

/** Bedrock's error types (HTTP `x-amzn-errortype`, or an exception frame's `:exception-type`) → our classes. */
const ERROR_TYPE_CLASSES: Record<string, ErrorClass> = {
  validationexception: 'bad_request',
  accessdeniedexception: 'auth',
  unrecognizedclientexception: 'auth',
  invalidsignatureexception: 'auth',
  signaturedoesnotmatch: 'auth',
  incompletesignatureexception: 'auth',
  missingauthenticationtokenexception: 'auth',
  expiredtokenexception: 'auth',
  resourcenotfoundexception: 'not_found',
  throttlingexception: 'rate_limit',
  servicequotaexceededexception: 'rate_limit',
  modelnotreadyexception: 'rate_limit',
  modeltimeoutexception: 'timeout',
  modelerrorexception: 'server',
  modelstreamerrorexception: 'server',
  internalserverexception: 'server',
  serviceunavailableexception: 'server',
};

export const SIGNATURE_ERROR_TYPES = new Set(['invalidsignatureexception', 'signaturedoesnotmatch', 'incompletesignatureexception']);

/** "ValidationException:http://internal.amazon.com/coral/…" → "ValidationException". */
export function bareErrorType(type: string | undefined): string | undefined {
  const bare = type?.split(':')[0]?.split('#').at(-1)?.trim();
  return bare || undefined;
}

/**
 * The type decides; the context-window wording is only trusted on a validation error or an untyped
 * one (Bedrock's throttling message is "Too many tokens, please wait…", which is no context problem).
 */
export function classifyErrorType(type: string | undefined, message: string, fallback: ErrorClass): ErrorClass {
  const byType = type ? ERROR_TYPE_CLASSES[type.toLowerCase()] : undefined;
  if ((byType === undefined || byType === 'bad_request') && isContextWindowError(message)) return 'context_window';
  return byType ?? fallback;
}

// ---- Event-stream framing -------------------------------------------------------------------
// The AWS event-stream framing of ConverseStream (application/vnd.amazon.eventstream): each frame is a
// 12-byte prelude (total length u32 BE, headers length u32 BE, prelude CRC32), headers, a payload and
// a CRC32 of the whole frame. HTTP chunks cut frames anywhere, so bytes are buffered here until a
// whole frame (its total length is the first 4 bytes) is in; @smithy/eventstream-codec then checks
// both CRCs and parses the headers.
