// The OpenAI chat-completions API as a loopback fake (platform.openai.com/docs/api-reference/chat):
// helpers that build its JSON bodies and its SSE stream chunks, plus a server with /v1/models and a
// scriptable /v1/chat/completions. Every chat request first meets OpenAI's documented refusals
// (openaiRefusal below), whatever reply a test scripted: a request the real API would refuse, this
// fake refuses too.
import { startFakeServer, type ChunkStep, type FakeServer, type Handler, type RecordedRequest, type Reply } from './server';

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number };
  completion_tokens_details?: { reasoning_tokens?: number };
}

export function completion(
  content: string | null,
  extra: { model?: string; usage?: Usage; finish_reason?: string; tool_calls?: unknown[]; reasoning_content?: string } = {},
): object {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: extra.model ?? 'gpt-fake',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content,
          ...(extra.tool_calls && { tool_calls: extra.tool_calls }),
          ...(extra.reasoning_content && { reasoning_content: extra.reasoning_content }),
        },
        finish_reason: extra.finish_reason ?? (extra.tool_calls ? 'tool_calls' : 'stop'),
      },
    ],
    usage: extra.usage ?? { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
  };
}

export function chunkJson(delta: Record<string, unknown>, finishReason: string | null = null, usage?: Usage): object {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'gpt-fake',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
    ...(usage && { usage }),
  };
}

/** The SSE bytes of a streamed answer: role chunk, one chunk per token, finish, usage, [DONE]. */
export function sseStream(tokens: string[], options: { usage?: Usage; reasoning?: string[]; finishReason?: string } = {}): string {
  const events: object[] = [chunkJson({ role: 'assistant', content: '' })];
  for (const piece of options.reasoning ?? []) events.push(chunkJson({ reasoning_content: piece }));
  for (const token of tokens) events.push(chunkJson({ content: token }));
  events.push(chunkJson({}, options.finishReason ?? 'stop'));
  if (options.usage)
    events.push({
      id: 'chatcmpl-fake',
      object: 'chat.completion.chunk',
      created: 1_700_000_000,
      model: 'gpt-fake',
      choices: [],
      usage: options.usage,
    });
  return `${events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('')}data: [DONE]\n\n`;
}

export function sseReply(text: string, chunkSteps?: ChunkStep[]): Reply {
  return { status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: chunkSteps ?? [text] };
}

export function errorReply(status: number, message: string, headers: Record<string, string> = {}): Reply {
  return { status, headers, body: { error: { message, type: 'invalid_request_error', code: null } } };
}

/**
 * OpenAI's reasoning models: the o-series and the gpt-5 family except gpt-5-chat
 * (platform.openai.com/docs/models, platform.openai.com/docs/guides/reasoning).
 */
export function isReasoningModel(model: unknown): boolean {
  return typeof model === 'string' && /^(o1|o3|o4-mini|gpt-5(?!-chat))/.test(model);
}

/** What one hidden reasoning pass of the fake's reasoning models costs, in output tokens. */
export const FAKE_REASONING_TOKENS = 64;

function invalid(message: string, param: string | null, code: string | null): Reply {
  return { status: 400, body: { error: { message, type: 'invalid_request_error', param, code } } };
}

interface ChatBody {
  model?: unknown;
  stream?: unknown;
  stream_options?: unknown;
  tools?: unknown[];
  tool_choice?: unknown;
  max_tokens?: unknown;
  temperature?: unknown;
  messages?: Array<{ role?: string; tool_calls?: unknown[] }>;
}

/** The 400 the real API answers to this chat request, or null when it would accept it. */
export function openaiRefusal(body: ChatBody | undefined): Reply | null {
  if (!body || typeof body !== 'object') return invalid('We could not parse the JSON body of your request.', null, null);
  // api-reference/chat/create#chat-create-stream_options: "Only set this when you set stream: true".
  if (body.stream_options !== undefined && body.stream !== true)
    return invalid("The 'stream_options' parameter is only allowed when 'stream' is enabled.", 'stream_options', null);
  // api-reference/chat/create#chat-create-tool_choice: it chooses among the `tools` given.
  if (body.tool_choice !== undefined && !(Array.isArray(body.tools) && body.tools.length > 0))
    return invalid("Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.", 'tool_choice', null);
  if (isReasoningModel(body.model)) {
    // api-reference/chat/create#chat-create-max_tokens: "deprecated in favor of
    // max_completion_tokens, and is not compatible with o-series models". The message is the
    // recorded one (vercel/ai packages/openai/src/chat/__fixtures__/reasoning-model-legacy-parameter-error.json).
    if (body.max_tokens !== undefined)
      return invalid(
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
        'max_tokens',
        'unsupported_parameter',
      );
    // guides/reasoning "Limitations": sampling parameters are fixed; only the default temperature 1.
    if (body.temperature !== undefined && body.temperature !== 1)
      return invalid(
        `Unsupported value: 'temperature' does not support ${String(body.temperature)} with this model. Only the default (1) value is supported.`,
        'temperature',
        'unsupported_value',
      );
  }
  // api-reference/chat/create, messages[].tool_call_id: a tool message answers a tool call of the
  // assistant message before it.
  const messages = Array.isArray(body.messages) ? body.messages : [];
  for (let i = 0; i < messages.length; i += 1) {
    if (messages[i]?.role !== 'tool') continue;
    let j = i - 1;
    while (j >= 0 && messages[j]?.role === 'tool') j -= 1;
    if (!(messages[j]?.role === 'assistant' && messages[j]?.tool_calls?.length)) {
      return invalid(
        `Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.`,
        `messages.[${i}].role`,
        null,
      );
    }
  }
  return null;
}

/** Runs the refusals before a scripted handler. */
export function withOpenAIRules(handler: Handler | Reply): Handler {
  return (request: RecordedRequest) =>
    openaiRefusal(request.body as ChatBody) ?? (typeof handler === 'function' ? handler(request) : handler);
}

/**
 * The fake's default answer. A reasoning model spends FAKE_REASONING_TOKENS thinking first, inside
 * max_completion_tokens: with less room it stops with finish_reason "length" and no text
 * (guides/reasoning, "Allocating space for reasoning").
 */
function defaultChat(request: RecordedRequest): Reply {
  const body = request.body as { stream?: boolean; model?: string; max_completion_tokens?: number };
  if (isReasoningModel(body.model)) {
    const budget = body.max_completion_tokens ?? Number.POSITIVE_INFINITY;
    const text = budget > FAKE_REASONING_TOKENS ? 'ok' : '';
    const completionTokens = Math.min(budget, FAKE_REASONING_TOKENS + (text ? 1 : 0));
    const usage = {
      prompt_tokens: 12,
      completion_tokens: completionTokens,
      total_tokens: 12 + completionTokens,
      completion_tokens_details: { reasoning_tokens: Math.min(budget, FAKE_REASONING_TOKENS) },
    };
    const finish = text ? 'stop' : 'length';
    return body.stream
      ? sseReply(sseStream(text ? [text] : [], { usage, finishReason: finish }))
      : { body: completion(text, { model: body.model, usage, finish_reason: finish }) };
  }
  return body?.stream
    ? sseReply(sseStream(['Hello', ' from', ' the', ' fake'], { usage: { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 } }))
    : { body: completion('Hello from the fake') };
}

/** The /v1/models answer listing these model ids. */
function modelsReply(models: string[]): Reply {
  return { body: { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1, owned_by: 'fake' })) } };
}

export interface FakeOpenAI extends FakeServer {
  /** Base URL to configure (…/v1). */
  baseUrl: string;
  onChat(handler: Handler | Reply): void;
}

export async function startFakeOpenAI(models: string[] = ['gpt-fake', 'gpt-fake-mini']): Promise<FakeOpenAI> {
  const server = await startFakeServer();
  server.route('GET', '/v1/models', modelsReply(models));
  server.route('POST', '/v1/chat/completions', withOpenAIRules(defaultChat));
  return Object.assign(server, {
    baseUrl: `${server.url}/v1`,
    onChat(handler: Handler | Reply) {
      server.route('POST', '/v1/chat/completions', withOpenAIRules(handler));
    },
  });
}

/**
 * Makes the fake check the key like a real provider: /v1/models answers only `Bearer <key>`, anything
 * else gets OpenAI's 401, which echoes the wrong key back as OpenAI's does. Returns that check, for
 * the chat handler a test sets: `fake.onChat((request) => denied(request) ?? reply)`.
 */
export function requireKey(
  fake: FakeOpenAI,
  key: string,
  models: string[] = ['gpt-fake', 'gpt-fake-mini'],
): (request: RecordedRequest) => Reply | null {
  const denied = (request: RecordedRequest) => {
    const auth = request.headers.authorization;
    return auth === `Bearer ${key}` ? null : errorReply(401, `Incorrect API key provided: ${String(auth).slice(7)}.`);
  };
  fake.route('GET', '/v1/models', (request) => denied(request) ?? modelsReply(models));
  return denied;
}
