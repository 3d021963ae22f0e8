// Anthropic's Messages API as a loopback fake (docs.anthropic.com/en/api/messages-streaming): the SSE
// event sequence of a streamed message, /v1/models, and scriptable replies.
import { startFakeServer, type FakeServer, type Handler, type Reply } from './server';

export function sse(events: Array<Record<string, unknown>>): string {
  return events.map((event) => `event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`).join('');
}

/** The events of a message: optional thinking, text pieces, optional tool use, then the final usage. */
export function messageEvents(options: { text?: string[]; thinking?: string[]; tool?: { id: string; name: string; json: string[] }; inputTokens?: number; outputTokens?: number; cacheRead?: number; stopReason?: string }): Array<Record<string, unknown>> {
  const events: Array<Record<string, unknown>> = [
    { type: 'message_start', message: { id: 'msg_fake', type: 'message', role: 'assistant', model: 'claude-fake', content: [], stop_reason: null, usage: { input_tokens: options.inputTokens ?? 12, output_tokens: 1, ...(options.cacheRead !== undefined && { cache_read_input_tokens: options.cacheRead }) } } },
    { type: 'ping' },
  ];
  let index = 0;
  if (options.thinking) {
    events.push({ type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '' } });
    for (const piece of options.thinking) events.push({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: piece } });
    events.push({ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: 'sig' } }, { type: 'content_block_stop', index });
    index += 1;
  }
  if (options.text) {
    events.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
    for (const piece of options.text) events.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } });
    events.push({ type: 'content_block_stop', index });
    index += 1;
  }
  if (options.tool) {
    events.push({ type: 'content_block_start', index, content_block: { type: 'tool_use', id: options.tool.id, name: options.tool.name, input: {} } });
    for (const piece of options.tool.json) events.push({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: piece } });
    events.push({ type: 'content_block_stop', index });
  }
  events.push({ type: 'message_delta', delta: { stop_reason: options.stopReason ?? (options.tool ? 'tool_use' : 'end_turn'), stop_sequence: null }, usage: { output_tokens: options.outputTokens ?? 9 } }, { type: 'message_stop' });
  return events;
}

export interface FakeAnthropic extends FakeServer {
  onMessages(handler: Handler | Reply): void;
}

export async function startFakeAnthropic(): Promise<FakeAnthropic> {
  const server = await startFakeServer();
  server.route('GET', '/v1/models', { body: { data: [{ type: 'model', id: 'claude-fake-1', display_name: 'Claude Fake' }], has_more: false } });
  server.route('POST', '/v1/messages', { status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: [sse(messageEvents({ text: ['Hello', ' from', ' Claude'] }))] });
  return Object.assign(server, { onMessages: (handler: Handler | Reply) => server.route('POST', '/v1/messages', handler) });
}
