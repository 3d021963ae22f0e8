// The OpenAI chat-completions API as a loopback fake (platform.openai.com/docs/api-reference/chat):
// helpers that build its JSON bodies and its SSE stream chunks, plus a server with /v1/models and a
// scriptable /v1/chat/completions.
import { startFakeServer, type ChunkStep, type FakeServer, type Handler, type Reply } from './server';

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number };
  completion_tokens_details?: { reasoning_tokens?: number };
}

export function completion(content: string | null, extra: { model?: string; usage?: Usage; finish_reason?: string; tool_calls?: unknown[]; reasoning_content?: string } = {}): object {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: extra.model ?? 'gpt-fake',
    choices: [{ index: 0, message: { role: 'assistant', content, ...(extra.tool_calls && { tool_calls: extra.tool_calls }), ...(extra.reasoning_content && { reasoning_content: extra.reasoning_content }) }, finish_reason: extra.finish_reason ?? (extra.tool_calls ? 'tool_calls' : 'stop') }],
    usage: extra.usage ?? { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
  };
}

export function chunkJson(delta: Record<string, unknown>, finishReason: string | null = null, usage?: Usage): object {
  return { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-fake', choices: [{ index: 0, delta, finish_reason: finishReason }], ...(usage && { usage }) };
}

/** The SSE bytes of a streamed answer: role chunk, one chunk per token, finish, usage, [DONE]. */
export function sseStream(tokens: string[], options: { usage?: Usage; reasoning?: string[]; finishReason?: string } = {}): string {
  const events: object[] = [chunkJson({ role: 'assistant', content: '' })];
  for (const piece of options.reasoning ?? []) events.push(chunkJson({ reasoning_content: piece }));
  for (const token of tokens) events.push(chunkJson({ content: token }));
  events.push(chunkJson({}, options.finishReason ?? 'stop'));
  if (options.usage) events.push({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-fake', choices: [], usage: options.usage });
  return `${events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('')}data: [DONE]\n\n`;
}

export function sseReply(text: string, chunkSteps?: ChunkStep[]): Reply {
  return { status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: chunkSteps ?? [text] };
}

export function errorReply(status: number, message: string, headers: Record<string, string> = {}): Reply {
  return { status, headers, body: { error: { message, type: 'invalid_request_error', code: null } } };
}

export interface FakeOpenAI extends FakeServer {
  /** Base URL to configure (…/v1). */
  baseUrl: string;
  onChat(handler: Handler | Reply): void;
}

export async function startFakeOpenAI(models: string[] = ['gpt-fake', 'gpt-fake-mini']): Promise<FakeOpenAI> {
  const server = await startFakeServer();
  server.route('GET', '/v1/models', { body: { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1, owned_by: 'fake' })) } });
  server.route('POST', '/v1/chat/completions', (request) => {
    const body = request.body as { stream?: boolean };
    return body?.stream ? sseReply(sseStream(['Hello', ' from', ' the', ' fake'], { usage: { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 } })) : { body: completion('Hello from the fake') };
  });
  return Object.assign(server, {
    baseUrl: `${server.url}/v1`,
    onChat(handler: Handler | Reply) {
      server.route('POST', '/v1/chat/completions', handler);
    },
  });
}
