// Anthropic's Messages API as a loopback fake (docs.anthropic.com/en/api/messages-streaming): the SSE
// event sequence of a streamed message, /v1/models, and scriptable replies. Every request first
// meets Anthropic's documented refusals (anthropicRefusal below), whatever reply a test scripted;
// the fake remembers the thinking blocks it signed, so a tool loop that drops them is refused as
// the real API refuses it.
import { startFakeServer, type FakeServer, type Handler, type RecordedRequest, type Reply } from './server';

export function sse(events: Array<Record<string, unknown>>): string {
  return events.map((event) => `event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`).join('');
}

/** The events of a message: optional thinking, text pieces, optional tool use, then the final usage. */
export function messageEvents(options: {
  text?: string[];
  thinking?: string[];
  tool?: { id: string; name: string; json: string[] };
  inputTokens?: number;
  outputTokens?: number;
  cacheRead?: number;
  stopReason?: string;
}): Array<Record<string, unknown>> {
  const events: Array<Record<string, unknown>> = [
    {
      type: 'message_start',
      message: {
        id: 'msg_fake',
        type: 'message',
        role: 'assistant',
        model: 'claude-fake',
        content: [],
        stop_reason: null,
        usage: {
          input_tokens: options.inputTokens ?? 12,
          output_tokens: 1,
          ...(options.cacheRead !== undefined && { cache_read_input_tokens: options.cacheRead }),
        },
      },
    },
    { type: 'ping' },
  ];
  let index = 0;
  if (options.thinking) {
    events.push({ type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '' } });
    for (const piece of options.thinking)
      events.push({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: piece } });
    events.push(
      { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: 'sig' } },
      { type: 'content_block_stop', index },
    );
    index += 1;
  }
  if (options.text) {
    events.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
    for (const piece of options.text) events.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } });
    events.push({ type: 'content_block_stop', index });
    index += 1;
  }
  if (options.tool) {
    events.push({
      type: 'content_block_start',
      index,
      content_block: { type: 'tool_use', id: options.tool.id, name: options.tool.name, input: {} },
    });
    for (const piece of options.tool.json)
      events.push({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: piece } });
    events.push({ type: 'content_block_stop', index });
  }
  events.push(
    {
      type: 'message_delta',
      delta: { stop_reason: options.stopReason ?? (options.tool ? 'tool_use' : 'end_turn'), stop_sequence: null },
      usage: { output_tokens: options.outputTokens ?? 9 },
    },
    { type: 'message_stop' },
  );
  return events;
}

type Block = { type?: string; id?: string; tool_use_id?: string; signature?: string; thinking?: string; cache_control?: unknown };
interface MessagesBody {
  max_tokens?: unknown;
  system?: string | Block[];
  tools?: Block[];
  temperature?: unknown;
  thinking?: { type?: string };
  messages?: Array<{ role?: string; content?: string | Block[] }>;
}

function invalidRequest(message: string): Reply {
  return { status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message } } };
}

const blocksOf = (content: string | Block[] | undefined): Block[] => (Array.isArray(content) ? content : []);

/**
 * The 400 the real API answers, or null. `signed` maps each tool_use id the fake issued after a
 * signed thinking block to that block's signature.
 */
export function anthropicRefusal(request: RecordedRequest, signed: ReadonlyMap<string, string> = new Map()): Reply | null {
  // docs.anthropic.com/en/api/versioning: the anthropic-version header is required.
  if (!request.headers['anthropic-version']) return invalidRequest('anthropic-version: header is required');
  const body = request.body as MessagesBody | undefined;
  if (!body || typeof body !== 'object') return invalidRequest('Request body must be JSON');
  // docs.anthropic.com/en/api/messages: max_tokens and messages are required; temperature is 0..1.
  if (body.max_tokens === undefined) return invalidRequest('max_tokens: Field required');
  if (!Array.isArray(body.messages) || body.messages.length === 0) return invalidRequest('messages: at least one message is required');
  if (typeof body.temperature === 'number' && (body.temperature < 0 || body.temperature > 1))
    return invalidRequest('temperature: range: 0..1');
  const messages = body.messages;
  // docs.anthropic.com/en/docs/build-with-claude/prompt-caching: at most 4 cache breakpoints.
  const breakpoints = [...blocksOf(body.system), ...(body.tools ?? []), ...messages.flatMap((m) => blocksOf(m.content))].filter(
    (b) => b.cache_control !== undefined,
  ).length;
  if (breakpoints > 4) return invalidRequest(`A maximum of 4 blocks with cache_control may be provided. Found ${breakpoints}.`);
  for (let i = 0; i < messages.length; i += 1) {
    const blocks = blocksOf(messages[i]!.content);
    // docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use: each tool_result
    // answers a tool_use of the assistant message just before.
    const previous = new Set(
      blocksOf(messages[i - 1]?.content)
        .filter((b) => b.type === 'tool_use')
        .map((b) => b.id),
    );
    for (let j = 0; j < blocks.length; j += 1) {
      const block = blocks[j]!;
      if (block.type === 'tool_result' && !previous.has(block.tool_use_id)) {
        return invalidRequest(
          `messages.${i}.content.${j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(block.tool_use_id)}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
        );
      }
    }
  }
  // docs.anthropic.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks: when
  // thinking is combined with tools, the assistant turn whose tool_use is being answered must begin
  // with its thinking block, unchanged. That applies when `thinking` is enabled, and to every turn
  // this fake produced with signed thinking (endpoints that think without being asked).
  const last = messages.at(-1)!;
  const answering = blocksOf(last.content).some((b) => b.type === 'tool_result');
  const turn = answering ? messages.length - 2 : -1;
  if (turn >= 0) {
    const blocks = blocksOf(messages[turn]!.content);
    const toolUse = blocks.find((b) => b.type === 'tool_use');
    const expected = toolUse?.id ? signed.get(toolUse.id) : undefined;
    const first = blocks[0];
    if (
      (body.thinking?.type === 'enabled' || expected !== undefined) &&
      first?.type !== 'thinking' &&
      first?.type !== 'redacted_thinking'
    ) {
      return invalidRequest(
        `messages.${turn}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${String(first?.type)}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. Please consult our documentation at https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking`,
      );
    }
    if (expected !== undefined && first?.type === 'thinking' && first.signature !== expected)
      return invalidRequest(`messages.${turn}.content.0: Invalid \`signature\` in \`thinking\` block`);
  }
  return null;
}

/** The tool_use ids that follow a signed thinking block in a streamed reply, with that signature. */
function signedToolUses(reply: Reply): Array<[string, string]> {
  const text = (reply.chunks ?? []).map((c) => (typeof c === 'string' ? c : Buffer.isBuffer(c) ? c.toString('utf8') : '')).join('');
  const out: Array<[string, string]> = [];
  let signature = '';
  for (const line of text.split('\n')) {
    if (!line.startsWith('data: ')) continue;
    const event = JSON.parse(line.slice(6)) as {
      type?: string;
      delta?: { type?: string; signature?: string };
      content_block?: { type?: string; id?: string };
    };
    if (event.type === 'content_block_delta' && event.delta?.type === 'signature_delta') signature += event.delta.signature ?? '';
    if (event.type === 'content_block_start' && event.content_block?.type === 'tool_use' && signature && event.content_block.id)
      out.push([event.content_block.id, signature]);
  }
  return out;
}

export interface FakeAnthropic extends FakeServer {
  onMessages(handler: Handler | Reply): void;
}

export async function startFakeAnthropic(): Promise<FakeAnthropic> {
  const server = await startFakeServer();
  const signed = new Map<string, string>();
  const guarded =
    (handler: Handler | Reply): Handler =>
    async (request) => {
      const refusal = anthropicRefusal(request, signed);
      if (refusal) return refusal;
      const reply = typeof handler === 'function' ? await handler(request) : handler;
      for (const [id, signature] of signedToolUses(reply)) signed.set(id, signature);
      return reply;
    };
  server.route('GET', '/v1/models', {
    body: { data: [{ type: 'model', id: 'claude-fake-1', display_name: 'Claude Fake' }], has_more: false },
  });
  server.route(
    'POST',
    '/v1/messages',
    guarded({
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      chunks: [sse(messageEvents({ text: ['Hello', ' from', ' Claude'] }))],
    }),
  );
  return Object.assign(server, { onMessages: (handler: Handler | Reply) => server.route('POST', '/v1/messages', guarded(handler)) });
}
