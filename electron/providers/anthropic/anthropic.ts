// Anthropic's Messages API (seed-wire.md §3; docs.anthropic.com/en/api/messages): x-api-key or a
// setup-token (OAuth Bearer with the Claude Code betas), system prompt as cached blocks, tools with
// tool_use / tool_result, images, prompt caching, and SSE streaming (message_start, content_block_*,
// thinking deltas, message_delta with the final usage). Both chat and stream use the stream.
import type { TokenUsage } from '../../../shared/types';
import { bodyChunks, readJson, sendRequest } from '../../http/client';
import type { SseEvent } from '../../http/sse';
import { flattenBatches, sseBatches } from '../core/batched';
import { ProviderError } from '../../http/errors';
import { AnswerBudget } from '../limits';
import { BaseProvider } from '../core/base';
import type { ChatMessage, ChatRequest, FinishReason, ModelInfo, SignedReasoning, StreamEvent } from '../traits';
import { tokenCount, tokenUsage } from '../core/usage';

export const ANTHROPIC_VERSION = '2023-06-01';

/**
 * Anthropic's input_tokens leaves out cache reads and writes; ours counts every prompt token, as
 * OpenAI and Gemini report it, so that a cost can charge the cached ones at their own rate.
 */
function promptUsage(u: Record<string, unknown>): TokenUsage {
  const parts = [u.input_tokens, u.cache_read_input_tokens, u.cache_creation_input_tokens].map(tokenCount);
  return tokenUsage({
    inputTokens: parts[0] === undefined ? undefined : parts.reduce((a = 0, b = 0) => a + b, 0),
    cachedInputTokens: u.cache_read_input_tokens,
  });
}
export const SETUP_TOKEN_PREFIX = 'sk-ant-oat01-';
const OAUTH_BETAS = 'claude-code-20250219,oauth-2025-04-20,interleaved-thinking-2025-05-14';
const CLAUDE_CODE_IDENTITY = "You are Claude Code, Anthropic's official CLI for Claude.";
const DEFAULT_MAX_TOKENS = 4096;
const EPHEMERAL = { type: 'ephemeral' } as const;

export interface AnthropicOptions {
  baseUrl: string;
  credential?: string;
  displayName?: string;
  key?: string;
  env?: NodeJS.ProcessEnv;
  headers?: Record<string, string>;
}

type Block = Record<string, unknown> & { type: string };
interface WireMessage {
  role: 'user' | 'assistant';
  content: Block[];
}

export function isSetupToken(credential: string | undefined): boolean {
  return Boolean(credential?.trim().startsWith(SETUP_TOKEN_PREFIX));
}

function imageBlock(dataUri: string): Block | null {
  const match = /^data:([^;,]+)[^,]*,(.*)$/s.exec(dataUri);
  if (!match) return null;
  return { type: 'image', source: { type: 'base64', media_type: match[1], data: match[2]!.trim() } };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/**
 * Our history → Anthropic's alternating user/assistant turns. Tool results travel in a user turn
 * and consecutive ones share it; every system message joins the system prompt (the seed kept only
 * the first one, seed-wire.md §3.2); empty turns are dropped instead of sent (Anthropic rejects them).
 */
export function convertMessages(messages: ChatMessage[]): { system: string; turns: WireMessage[] } {
  const system = messages
    .filter((m) => m.role === 'system' && m.content.trim())
    .map((m) => m.content)
    .join('\n\n');
  const turns: WireMessage[] = [];
  const pushUser = (blocks: Block[]) => {
    if (blocks.length === 0) return;
    const last = turns.at(-1);
    if (last?.role === 'user') last.content.push(...blocks);
    else turns.push({ role: 'user', content: blocks });
  };
  for (const message of messages) {
    if (message.role === 'system') continue;
    if (message.role === 'assistant') {
      // Thinking combined with tools: the signed blocks go back first, unchanged, in the turn that
      // made the calls, or Anthropic answers 400 (extended-thinking#preserving-thinking-blocks).
      // Turns without calls need no thinking back, so none is sent.
      const blocks: Block[] = message.toolCalls?.length ? (message.signedReasoning ?? []).map(thinkingBlock) : [];
      if (message.content.trim()) blocks.push({ type: 'text', text: message.content });
      for (const call of message.toolCalls ?? [])
        blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: safeJson(call.arguments) });
      if (blocks.length > 0) turns.push({ role: 'assistant', content: blocks });
    } else if (message.role === 'tool') {
      pushUser(
        message.toolCallId
          ? [{ type: 'tool_result', tool_use_id: message.toolCallId, content: message.content }]
          : message.content.trim()
            ? [{ type: 'text', text: message.content }]
            : [],
      );
    } else {
      const blocks: Block[] = (message.images ?? []).map(imageBlock).filter((b): b is Block => b !== null);
      if (message.content.trim()) blocks.push({ type: 'text', text: message.content });
      else if (blocks.length > 0) blocks.push({ type: 'text', text: '[image]' });
      pushUser(blocks);
    }
  }
  return { system, turns };
}

function thinkingBlock(block: SignedReasoning): Block {
  return 'redacted' in block
    ? { type: 'redacted_thinking', data: block.redacted }
    : { type: 'thinking', thinking: block.text, signature: block.signature };
}

/** Errors inside the stream have a type; map it to our classes (docs: "Errors"). */
function streamErrorClass(type: string | undefined) {
  switch (type) {
    case 'authentication_error':
    case 'permission_error':
      return 'auth' as const;
    case 'rate_limit_error':
      return 'rate_limit' as const;
    case 'not_found_error':
      return 'not_found' as const;
    case 'invalid_request_error':
      return 'bad_request' as const;
    default:
      return 'server' as const;
  }
}

function finishReasonOf(stopReason: string | undefined): FinishReason {
  if (stopReason === 'end_turn' || stopReason === 'stop_sequence') return 'stop';
  if (stopReason === 'max_tokens') return 'length';
  if (stopReason === 'tool_use') return 'tool_calls';
  if (stopReason === 'refusal') return 'content_filter';
  return 'unknown';
}

export class AnthropicProvider extends BaseProvider {
  readonly key: string;
  readonly displayName: string;
  private readonly options: AnthropicOptions;

  constructor(options: AnthropicOptions) {
    super({ nativeTools: true, vision: true, streaming: true, promptCaching: true });
    this.options = { ...options, baseUrl: options.baseUrl.replace(/\/+$/, '') };
    this.key = options.key ?? 'anthropic';
    this.displayName = options.displayName ?? 'Anthropic';
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  private headers(): Record<string, string> {
    const credential = this.options.credential?.trim();
    if (!credential) {
      throw new ProviderError(
        `${this.displayName} credentials not set: add a key to this profile or set ANTHROPIC_API_KEY (or ANTHROPIC_OAUTH_TOKEN for a setup-token).`,
        { provider: this.displayName, errorClass: 'auth' },
      );
    }
    const base = { 'anthropic-version': ANTHROPIC_VERSION, ...this.options.headers };
    if (isSetupToken(credential))
      return {
        ...base,
        authorization: `Bearer ${credential}`,
        'anthropic-beta': OAUTH_BETAS,
        'anthropic-dangerous-direct-browser-access': 'true',
      };
    return { ...base, 'x-api-key': credential };
  }

  buildBody(request: ChatRequest): Record<string, unknown> {
    const { system, turns } = convertMessages(request.messages);
    const systemBlocks: Block[] = [];
    if (isSetupToken(this.options.credential)) systemBlocks.push({ type: 'text', text: CLAUDE_CODE_IDENTITY, cache_control: EPHEMERAL });
    if (system) systemBlocks.push({ type: 'text', text: system, cache_control: EPHEMERAL });
    // Prompt caching (seed-wire.md §3.2): system, the last tool, and the last text or tool result
    // of a multi-turn conversation, within Anthropic's four breakpoints.
    if (turns.length > 1) {
      const lastBlock = turns.at(-1)!.content.at(-1);
      if (lastBlock && (lastBlock.type === 'text' || lastBlock.type === 'tool_result')) lastBlock.cache_control = EPHEMERAL;
    }
    const body: Record<string, unknown> = {
      model: request.model,
      max_tokens: request.maxTokens ?? DEFAULT_MAX_TOKENS,
      messages: turns,
      stream: true,
    };
    if (systemBlocks.length > 0) body.system = systemBlocks;
    if (request.temperature !== undefined) body.temperature = request.temperature;
    if (request.tools?.length) {
      body.tools = request.tools.map((tool, i, all) => ({
        name: tool.name,
        description: tool.description,
        input_schema: tool.parameters,
        ...(i === all.length - 1 && { cache_control: EPHEMERAL }),
      }));
    }
    return body;
  }

  stream(request: ChatRequest): AsyncIterableIterator<StreamEvent> {
    return flattenBatches(this.streamBatches(request));
  }

  /** One batch of events per network chunk (see core/batched.ts). */
  private async *streamBatches(request: ChatRequest): AsyncGenerator<StreamEvent[]> {
    const url = `${this.options.baseUrl}/v1/messages`;
    const response = await sendRequest(
      {
        provider: this.displayName,
        url,
        headers: { ...this.headers(), accept: 'text/event-stream' },
        body: this.buildBody(request),
        signal: request.signal,
      },
      this.options.env,
    );
    let tool: { id: string; name: string; json: string } | null = null;
    let thinking: { text: string; signature: string } | null = null;
    const budget = new AnswerBudget(this.displayName);
    const usage: TokenUsage = {};
    let finishReason: FinishReason = 'unknown';
    let stopped = false;
    const handle = ({ data }: SseEvent, out: StreamEvent[]): void => {
      let event: {
        type?: string;
        message?: { usage?: Record<string, unknown> };
        content_block?: { type?: string; id?: string; name?: string; data?: string; signature?: string };
        delta?: { type?: string; text?: string; thinking?: string; signature?: string; partial_json?: string; stop_reason?: string };
        usage?: Record<string, unknown>;
        error?: { type?: string; message?: string };
      };
      try {
        event = JSON.parse(data);
      } catch {
        return;
      }
      switch (event.type) {
        case 'message_start': {
          Object.assign(usage, promptUsage(event.message?.usage ?? {}));
          break;
        }
        case 'content_block_start':
          if (event.content_block?.type === 'tool_use')
            tool = { id: event.content_block.id ?? `toolu_${crypto.randomUUID()}`, name: event.content_block.name ?? '', json: '' };
          else if (event.content_block?.type === 'thinking') thinking = { text: '', signature: event.content_block.signature ?? '' };
          else if (event.content_block?.type === 'redacted_thinking' && event.content_block.data)
            out.push({ type: 'signed_reasoning', block: { redacted: event.content_block.data } });
          break;
        case 'content_block_delta':
          if (event.delta?.type === 'text_delta' && event.delta.text) out.push({ type: 'text', delta: event.delta.text });
          else if (event.delta?.type === 'thinking_delta' && event.delta.thinking) {
            out.push({ type: 'reasoning', delta: event.delta.thinking });
            if (thinking) thinking.text += event.delta.thinking;
          } else if (event.delta?.type === 'signature_delta' && thinking) thinking.signature += event.delta.signature ?? '';
          else if (event.delta?.type === 'input_json_delta' && tool) {
            const input = event.delta.partial_json ?? '';
            budget.spend(input.length);
            tool.json += input;
          }
          break;
        case 'content_block_stop':
          // A thinking block is kept only with its signature: unsigned, Anthropic would refuse it back.
          if (thinking?.signature) out.push({ type: 'signed_reasoning', block: thinking });
          thinking = null;
          if (tool) {
            // A tool called with no arguments is "{}", not "" (seed-wire.md §3.4 QUIRK).
            if (tool.name) out.push({ type: 'tool_call', call: { id: tool.id, name: tool.name, arguments: tool.json.trim() || '{}' } });
            tool = null;
          }
          break;
        case 'message_delta':
          // Its usage is cumulative (docs.anthropic.com/en/docs/build-with-claude/streaming#event-types),
          // and compatible endpoints may report the real input count only here.
          Object.assign(usage, promptUsage(event.usage ?? {}), tokenUsage({ outputTokens: event.usage?.output_tokens }));
          if (event.delta?.stop_reason) finishReason = finishReasonOf(event.delta.stop_reason);
          break;
        case 'message_stop':
          stopped = true;
          break;
        case 'error':
          throw new ProviderError(
            `${this.displayName} reported an error mid-stream: ${event.error?.message ?? 'unknown streaming error'}`,
            { provider: this.displayName, errorClass: streamErrorClass(event.error?.type) },
          );
      }
    };
    const finish = (): StreamEvent[] => [
      ...(Object.keys(usage).length > 0 ? [{ type: 'usage', usage } as const] : []),
      { type: 'done', finishReason },
    ];
    yield* sseBatches(bodyChunks(this.displayName, url, response, request.signal), handle, finish, () => stopped);
  }

  override async listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
    const response = await sendRequest(
      { provider: this.displayName, url: `${this.options.baseUrl}/v1/models?limit=1000`, headers: this.headers(), signal },
      this.options.env,
    );
    const body = await readJson<{ data?: Array<{ id?: string; display_name?: string; max_input_tokens?: unknown; max_tokens?: unknown }> }>(
      this.displayName,
      response,
    );
    return (body.data ?? [])
      .filter((m): m is typeof m & { id: string } => typeof m.id === 'string')
      .map((m) => {
        // Newer versions of the models API report the limits; older ones only the name.
        const context = tokenCount(m.max_input_tokens);
        const output = tokenCount(m.max_tokens);
        const details = {
          ...(m.display_name && { name: m.display_name }),
          ...(context && { contextLength: context }),
          ...(output && { maxOutputTokens: output }),
        };
        return Object.keys(details).length > 0 ? { id: m.id, details } : { id: m.id };
      });
  }

  /** The model list is an authenticated GET that spends no tokens. */
  override async warmup(signal?: AbortSignal): Promise<void> {
    const response = await sendRequest(
      { provider: this.displayName, url: `${this.options.baseUrl}/v1/models?limit=1`, headers: this.headers(), signal },
      this.options.env,
    );
    await response.body.dump();
  }
}
