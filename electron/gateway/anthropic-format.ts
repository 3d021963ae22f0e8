// Anthropic's Messages format on the client side (docs.anthropic.com/en/api/messages and
// …/messages-streaming): content blocks in, our ChatRequest out; our answer or event stream in,
// a message or the message_start … message_stop event sequence out. Claude Code speaks this.
import { z } from 'zod';
import type { ChatMessage, ChatResponse, FinishReason, SignedReasoning, StreamEvent, ToolSpec } from '../providers/traits';
import { estimateTokens } from '../services/stream/metrics';
import { GatewayError, type GatewayErrorKind } from './errors';
import {
  checkDataUri,
  clientToolCallId,
  invalidRequest,
  ModelName,
  providerToolCallId,
  promptChars,
  reportedUsage,
  safeJson,
  StreamTally,
  type AnswerMeta,
  type ClientFormat,
  type ClientRequest,
  type StreamEncoder,
} from './wire';

const Block = z.looseObject({ type: z.string() });
type Block = z.infer<typeof Block>;

const Body = z.object({
  model: ModelName,
  max_tokens: z.number().int().positive().optional(),
  // Claude Code also sends system turns inside messages (environment notes between user turns).
  messages: z
    .array(z.object({ role: z.enum(['user', 'assistant', 'system']), content: z.union([z.string(), z.array(Block)]) }))
    .min(1, 'send at least one message'),
  system: z.union([z.string(), z.array(Block)]).optional(),
  stream: z.boolean().optional(),
  temperature: z.number().min(0).max(2).optional(),
  // Server tools (web search, code execution) have a type and no input_schema; they are left out.
  tools: z
    .array(
      z.looseObject({
        name: z.string().min(1),
        description: z.string().optional(),
        input_schema: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .optional(),
});

const textOf = (blocks: Block[]) =>
  blocks
    .filter((b) => b.type === 'text' && typeof b.text === 'string')
    .map((b) => b.text as string)
    .join('');

function imageOf(block: Block, where: string): string {
  const source = block.source as { type?: string; media_type?: string; data?: string } | undefined;
  if (source?.type !== 'base64' || typeof source.data !== 'string')
    throw new GatewayError(
      400,
      'invalid_request',
      `${where}: only base64 image sources are accepted; the gateway does not fetch image URLs.`,
    );
  return checkDataUri(`data:${source.media_type ?? 'image/png'};base64,${source.data}`, where);
}

/** A user turn: tool results become tool messages (before the turn's text, in order), the rest one user message. */
function userTurn(content: string | Block[], where: string, toolNames: Map<string, string>): ChatMessage[] {
  if (typeof content === 'string') return [{ role: 'user', content }];
  const out: ChatMessage[] = [];
  let text = '';
  const images: string[] = [];
  content.forEach((block, i) => {
    const at = `${where}.content.${i}`;
    if (block.type === 'text') text += typeof block.text === 'string' ? block.text : '';
    else if (block.type === 'image') images.push(imageOf(block, at));
    else if (block.type === 'tool_result') {
      const id = providerToolCallId(String(block.tool_use_id ?? '')).id;
      const result =
        typeof block.content === 'string' ? block.content : Array.isArray(block.content) ? textOf(block.content as Block[]) : '';
      const toolName = toolNames.get(id);
      out.push({
        role: 'tool',
        content: block.is_error === true ? `Error: ${result}` : result,
        toolCallId: id,
        ...(toolName && { toolName }),
      });
    } else
      throw new GatewayError(
        400,
        'invalid_request',
        `${at}: content blocks of type "${block.type}" are not supported by the gateway; send text, image and tool_result blocks.`,
      );
  });
  if (text || images.length > 0) out.push({ role: 'user', content: text, ...(images.length > 0 && { images }) });
  return out;
}

/** An assistant turn: text, tool calls and thinking; other blocks (server tools, redacted thinking) carry nothing a target can use. */
function assistantTurn(content: string | Block[], toolNames: Map<string, string>): ChatMessage {
  if (typeof content === 'string') return { role: 'assistant', content };
  const toolCalls = content
    .filter((b) => b.type === 'tool_use')
    .map((b) => ({ ...providerToolCallId(String(b.id ?? '')), name: String(b.name ?? ''), arguments: JSON.stringify(b.input ?? {}) }));
  for (const call of toolCalls) toolNames.set(call.id, call.name);
  const reasoning = content
    .filter((b) => b.type === 'thinking' && typeof b.thinking === 'string')
    .map((b) => b.thinking as string)
    .join('');
  // Signed thinking goes back to an Anthropic target verbatim (it refuses tool-call history without it).
  const signedReasoning: SignedReasoning[] = content.flatMap((b): SignedReasoning[] => {
    if (b.type === 'thinking' && typeof b.thinking === 'string' && typeof b.signature === 'string' && b.signature)
      return [{ text: b.thinking, signature: b.signature }];
    if (b.type === 'redacted_thinking' && typeof b.data === 'string') return [{ redacted: b.data }];
    return [];
  });
  return {
    role: 'assistant',
    content: textOf(content),
    ...(toolCalls.length > 0 && { toolCalls }),
    ...(reasoning && { reasoning }),
    ...(signedReasoning.length > 0 && { signedReasoning }),
  };
}

function parse(raw: unknown): ClientRequest {
  const parsed = Body.safeParse(raw);
  if (!parsed.success) throw invalidRequest(parsed.error, 'Messages API');
  const body = parsed.data;
  const messages: ChatMessage[] = [];
  const system = typeof body.system === 'string' ? body.system : textOf(body.system ?? []);
  if (system.trim()) messages.push({ role: 'system', content: system });
  const toolNames = new Map<string, string>();
  body.messages.forEach((message, i) => {
    if (message.role === 'system')
      messages.push({ role: 'system', content: typeof message.content === 'string' ? message.content : textOf(message.content) });
    else if (message.role === 'assistant') messages.push(assistantTurn(message.content, toolNames));
    else messages.push(...userTurn(message.content, `messages.${i}`, toolNames));
  });
  const tools: ToolSpec[] = (body.tools ?? [])
    .filter((t) => t.input_schema)
    .map((t) => ({ name: t.name, description: t.description ?? '', parameters: t.input_schema! }));
  return {
    model: body.model,
    stream: body.stream === true,
    includeUsage: true,
    chat: {
      messages,
      ...(body.max_tokens !== undefined && { maxTokens: body.max_tokens }),
      ...(body.temperature !== undefined && { temperature: body.temperature }),
      ...(tools.length > 0 && { tools }),
    },
  };
}

/** POST /v1/messages/count_tokens: an estimate (four characters per token), marked as one. */
export function countTokens(raw: unknown): { input_tokens: number; estimated: true } {
  const { chat } = parse(raw);
  const toolChars = (chat.tools ?? []).reduce((n, t) => n + t.name.length + t.description.length + JSON.stringify(t.parameters).length, 0);
  return { input_tokens: estimateTokens(promptChars(chat) + toolChars), estimated: true };
}

function stopReason(reason: FinishReason, hasTools: boolean): string {
  if (hasTools || reason === 'tool_calls') return 'tool_use';
  if (reason === 'length') return 'max_tokens';
  if (reason === 'content_filter') return 'refusal';
  return 'end_turn';
}

function usageOf(usage: ChatResponse['usage'], meta: AnswerMeta, answerChars: number) {
  const reported = reportedUsage(usage, meta, answerChars);
  return {
    input_tokens: reported.inputTokens,
    output_tokens: reported.outputTokens,
    ...(reported.cachedInputTokens !== undefined && { cache_read_input_tokens: reported.cachedInputTokens }),
  };
}

const thinkingBlock = (block: SignedReasoning) =>
  'redacted' in block
    ? { type: 'redacted_thinking', data: block.redacted }
    : { type: 'thinking', thinking: block.text, signature: block.signature };

function whole(answer: ChatResponse, meta: AnswerMeta): object {
  const content: object[] = [];
  if (answer.signedReasoning?.length) content.push(...answer.signedReasoning.map(thinkingBlock));
  else if (answer.reasoning) content.push({ type: 'thinking', thinking: answer.reasoning, signature: '' });
  if (answer.text) content.push({ type: 'text', text: answer.text });
  for (const call of answer.toolCalls)
    content.push({ type: 'tool_use', id: clientToolCallId(call), name: call.name, input: safeJson(call.arguments) });
  return {
    id: `msg_${meta.id}`,
    type: 'message',
    role: 'assistant',
    model: meta.model,
    content,
    stop_reason: stopReason(answer.finishReason, answer.toolCalls.length > 0),
    stop_sequence: null,
    usage: usageOf(answer.usage, meta, answer.text.length + (answer.reasoning?.length ?? 0)),
  };
}

const sse = (type: string, payload: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...payload })}\n\n`;

function stream(meta: AnswerMeta): StreamEncoder {
  let index = -1;
  let open: 'text' | 'thinking' | null = null;
  const tally = new StreamTally();
  const close = () => {
    if (!open) return '';
    open = null;
    return sse('content_block_stop', { index });
  };
  const openBlock = (kind: 'text' | 'thinking') => {
    if (open === kind) return '';
    const closed = close();
    index += 1;
    open = kind;
    return (
      closed +
      sse('content_block_start', {
        index,
        content_block: kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' },
      })
    );
  };
  return {
    start: () =>
      sse('message_start', {
        message: {
          id: `msg_${meta.id}`,
          type: 'message',
          role: 'assistant',
          model: meta.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: estimateTokens(meta.promptChars), output_tokens: 0 },
        },
      }),
    event(event: StreamEvent): string {
      if (tally.note(event)) return '';
      if (event.type === 'text') {
        // The hot path, serialised by hand: same bytes as sse('content_block_delta', …).
        return `${openBlock('text')}event: content_block_delta\ndata: {"type":"content_block_delta","index":${index},"delta":{"type":"text_delta","text":${JSON.stringify(event.delta)}}}\n\n`;
      }
      if (event.type === 'reasoning')
        return openBlock('thinking') + sse('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: event.delta } });
      if (event.type === 'signed_reasoning') {
        const block = event.block;
        if ('redacted' in block) {
          const closed = close();
          index += 1;
          return (
            closed +
            sse('content_block_start', { index, content_block: { type: 'redacted_thinking', data: block.redacted } }) +
            sse('content_block_stop', { index })
          );
        }
        // Its text already went out as thinking deltas; the signature closes that block.
        const opened =
          open === 'thinking'
            ? ''
            : openBlock('thinking') + sse('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: block.text } });
        return opened + sse('content_block_delta', { index, delta: { type: 'signature_delta', signature: block.signature } }) + close();
      }
      if (event.type !== 'tool_call') return '';
      const closed = close();
      index += 1;
      return (
        closed +
        sse('content_block_start', {
          index,
          content_block: { type: 'tool_use', id: clientToolCallId(event.call), name: event.call.name, input: {} },
        }) +
        sse('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: event.call.arguments } }) +
        sse('content_block_stop', { index })
      );
    },
    end: () =>
      close() +
      sse('message_delta', {
        delta: { stop_reason: stopReason(tally.finish, tally.tools > 0), stop_sequence: null },
        usage: usageOf(tally.usage, meta, tally.chars),
      }) +
      sse('message_stop', {}),
    error: (failure: GatewayError) => close() + sse('error', { error: errorBody(failure).error }),
  };
}

const ERROR_TYPES: Record<GatewayErrorKind, string> = {
  invalid_request: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  too_large: 'request_too_large',
  rate_limit: 'rate_limit_error',
  upstream: 'api_error',
  timeout: 'timeout_error',
  not_implemented: 'api_error',
};

function errorBody(failure: GatewayError): { type: 'error'; error: { type: string; message: string } } {
  return { type: 'error', error: { type: ERROR_TYPES[failure.kind], message: failure.message } };
}

export const anthropicFormat: ClientFormat = { name: 'anthropic', parse, whole, stream, error: errorBody };
