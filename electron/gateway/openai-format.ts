// The OpenAI chat-completions format on the client side (platform.openai.com/docs/api-reference/chat):
// a request in, our ChatRequest out; our answer or event stream in, OpenAI's JSON or SSE chunks out.
import { z } from 'zod';
import type { ChatMessage, ChatResponse, FinishReason, StreamEvent, ToolCall } from '../providers/traits';
import { GatewayError, type GatewayErrorKind } from './errors';
import {
  checkDataUri,
  clientToolCallId,
  invalidRequest,
  ModelName,
  providerToolCallId,
  reportedUsage,
  sseData,
  StreamTally,
  type AnswerMeta,
  type ClientFormat,
  type ClientRequest,
  type StreamEncoder,
} from './wire';

const Part = z.looseObject({ type: z.string() });

const Message = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: z.union([z.string(), z.array(Part), z.null()]).optional(),
  tool_calls: z
    .array(
      z.object({
        id: z.string().min(1),
        type: z.literal('function').optional(),
        function: z.object({ name: z.string().min(1), arguments: z.string() }),
      }),
    )
    .optional(),
  tool_call_id: z.string().optional(),
  reasoning_content: z.string().nullish(),
});

const Body = z.object({
  model: ModelName,
  messages: z.array(Message).min(1, 'send at least one message'),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  n: z.literal(1, 'the gateway answers one choice per request (n = 1)').nullish(),
  tools: z
    .array(
      z.object({
        type: z.literal('function'),
        function: z.object({
          name: z.string().min(1),
          description: z.string().optional(),
          parameters: z.record(z.string(), z.unknown()).optional(),
        }),
      }),
    )
    .nullish(),
});

function contentOf(content: z.infer<typeof Message>['content'], where: string): { text: string; images: string[] } {
  if (typeof content === 'string' || content == null) return { text: content ?? '', images: [] };
  let text = '';
  const images: string[] = [];
  content.forEach((part, i) => {
    if (part.type === 'text' && typeof part.text === 'string') text += part.text;
    else if (part.type === 'image_url') {
      const image = part.image_url as { url?: unknown } | string | undefined;
      const url = typeof image === 'string' ? image : image?.url;
      if (typeof url !== 'string')
        throw new GatewayError(400, 'invalid_request', `${where}.content.${i}: an image_url part needs image_url.url.`);
      images.push(checkDataUri(url, `${where}.content.${i}`));
    } else
      throw new GatewayError(
        400,
        'invalid_request',
        `${where}.content.${i}: parts of type "${part.type}" are not supported by the gateway; send text and image_url parts.`,
      );
  });
  return { text, images };
}

function parse(raw: unknown): ClientRequest {
  const parsed = Body.safeParse(raw);
  if (!parsed.success) throw invalidRequest(parsed.error, 'chat-completions');
  const body = parsed.data;
  const toolNames = new Map<string, string>();
  const messages: ChatMessage[] = body.messages.map((message, i) => {
    const where = `messages.${i}`;
    const { text, images } = contentOf(message.content, where);
    switch (message.role) {
      case 'system':
      case 'developer':
        return { role: 'system', content: text };
      case 'user':
        return { role: 'user', content: text, ...(images.length > 0 && { images }) };
      case 'assistant': {
        const toolCalls: ToolCall[] = (message.tool_calls ?? []).map((call) => ({
          ...providerToolCallId(call.id),
          name: call.function.name,
          arguments: call.function.arguments,
        }));
        for (const call of toolCalls) toolNames.set(call.id, call.name);
        return {
          role: 'assistant',
          content: text,
          ...(toolCalls.length > 0 && { toolCalls }),
          ...(message.reasoning_content && { reasoning: message.reasoning_content }),
        };
      }
      case 'tool': {
        if (!message.tool_call_id) throw new GatewayError(400, 'invalid_request', `${where}: a tool message needs tool_call_id.`);
        const toolCallId = providerToolCallId(message.tool_call_id).id;
        const toolName = toolNames.get(toolCallId);
        return { role: 'tool', content: text, toolCallId, ...(toolName && { toolName }) };
      }
    }
  });
  const maxTokens = body.max_completion_tokens ?? body.max_tokens ?? undefined;
  return {
    model: body.model,
    stream: body.stream === true,
    includeUsage: body.stream_options?.include_usage === true,
    chat: {
      messages,
      ...(body.temperature != null && { temperature: body.temperature }),
      ...(maxTokens !== undefined && { maxTokens }),
      ...(body.tools?.length && {
        tools: body.tools.map((t) => ({
          name: t.function.name,
          description: t.function.description ?? '',
          parameters: t.function.parameters ?? { type: 'object', properties: {} },
        })),
      }),
    },
  };
}

function finishReason(reason: FinishReason): string {
  return reason === 'length' || reason === 'tool_calls' || reason === 'content_filter' ? reason : 'stop';
}

function usageOf(answer: Pick<ChatResponse, 'usage'>, meta: AnswerMeta, answerChars: number) {
  const usage = reportedUsage(answer.usage, meta, answerChars);
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    ...(usage.cachedInputTokens !== undefined && { prompt_tokens_details: { cached_tokens: usage.cachedInputTokens } }),
    ...(usage.reasoningTokens !== undefined && { completion_tokens_details: { reasoning_tokens: usage.reasoningTokens } }),
  };
}

const wireToolCall = (call: ToolCall) => ({
  id: clientToolCallId(call),
  type: 'function',
  function: { name: call.name, arguments: call.arguments },
});

function whole(answer: ChatResponse, meta: AnswerMeta): object {
  return {
    id: `chatcmpl-${meta.id}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: meta.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: answer.text || (answer.toolCalls.length > 0 ? null : ''),
          ...(answer.toolCalls.length > 0 && { tool_calls: answer.toolCalls.map(wireToolCall) }),
          ...(answer.reasoning && { reasoning_content: answer.reasoning }),
        },
        finish_reason: answer.toolCalls.length > 0 ? 'tool_calls' : finishReason(answer.finishReason),
        logprobs: null,
      },
    ],
    usage: usageOf(answer, meta, answer.text.length + (answer.reasoning?.length ?? 0)),
  };
}

function stream(meta: AnswerMeta & { includeUsage: boolean }): StreamEncoder {
  const created = Math.floor(Date.now() / 1000);
  const id = `chatcmpl-${meta.id}`;
  const tally = new StreamTally();
  // Every chunk shares all but its delta: the rest is serialised once (tokens are the hot path).
  const head = `data: {"id":${JSON.stringify(id)},"object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(meta.model)},"choices":[{"index":0,"delta":`;
  // No `logprobs` in chunks: the spec requires only index, delta and finish_reason, and every byte
  // of a chunk is parsed again by the client, once per token.
  const chunk = (delta: object, finishReason: string | null = null) =>
    `${head}${JSON.stringify(delta)},"finish_reason":${JSON.stringify(finishReason)}}]}\n\n`;
  const openTail = ',"finish_reason":null}]}\n\n';
  return {
    start: () => chunk({ role: 'assistant', content: '' }),
    event(event: StreamEvent): string {
      if (tally.note(event)) return '';
      // The hot path: one string per token, no delta object (same bytes as chunk({ content })).
      if (event.type === 'text') return `${head}{"content":${JSON.stringify(event.delta)}}${openTail}`;
      if (event.type === 'reasoning') return chunk({ reasoning_content: event.delta });
      return event.type === 'tool_call' ? chunk({ tool_calls: [{ index: tally.tools - 1, ...wireToolCall(event.call) }] }) : '';
    },
    end() {
      const last = chunk({}, tally.tools > 0 ? 'tool_calls' : finishReason(tally.finish));
      const usageChunk = meta.includeUsage
        ? sseData({
            id,
            object: 'chat.completion.chunk',
            created,
            model: meta.model,
            choices: [],
            usage: usageOf(tally, meta, tally.chars),
          })
        : '';
      return `${last}${usageChunk}data: [DONE]\n\n`;
    },
    // The openai SDKs raise an APIError for a data line that carries `error`.
    error: (failure: GatewayError) => `${sseData(errorBody(failure))}data: [DONE]\n\n`,
  };
}

const ERROR_TYPES: Record<GatewayErrorKind, { type: string; code: string | null }> = {
  invalid_request: { type: 'invalid_request_error', code: null },
  authentication: { type: 'invalid_request_error', code: 'invalid_api_key' },
  permission: { type: 'invalid_request_error', code: 'forbidden' },
  not_found: { type: 'invalid_request_error', code: 'model_not_found' },
  too_large: { type: 'invalid_request_error', code: 'request_too_large' },
  rate_limit: { type: 'rate_limit_error', code: 'rate_limit_exceeded' },
  upstream: { type: 'api_error', code: 'upstream_error' },
  timeout: { type: 'api_error', code: 'timeout' },
  not_implemented: { type: 'api_error', code: 'not_implemented' },
};

function errorBody(failure: GatewayError): object {
  return { error: { message: failure.message, ...ERROR_TYPES[failure.kind], param: null } };
}

export const openAIFormat: ClientFormat = { name: 'openai', parse, whole, stream, error: errorBody };
