import { describe, expect, it } from 'vitest';
import { anthropicFormat } from '../../../electron/gateway/anthropic-format';
import { fromEngineError, GatewayError } from '../../../electron/gateway/errors';
import { openAIFormat } from '../../../electron/gateway/openai-format';
import { ProviderError } from '../../../electron/http/errors';
import type { StreamEvent } from '../../../electron/providers/traits';

const meta = { id: 'x1', model: 'chain:Everyday', promptChars: 40, includeUsage: true };

function events(text: string): Array<{ event?: string; data: Record<string, unknown> | string }> {
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((frame) => {
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)![1]!;
      return { ...(event && { event }), data: data === '[DONE]' ? data : (JSON.parse(data) as Record<string, unknown>) };
    });
}

describe('Anthropic format, client side', () => {
  it('turns system blocks, tool results and thinking into our messages, tool results before the text of their turn', () => {
    const request = anthropicFormat.parse({
      model: 'claude-sonnet-4-5',
      max_tokens: 300,
      system: [{ type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } }],
      tools: [
        { name: 'Bash', description: 'Run', input_schema: { type: 'object' } },
        { type: 'web_search_20250305', name: 'web_search' },
      ],
      messages: [
        { role: 'user', content: 'List files' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Use ls.', signature: 's' },
            { type: 'text', text: 'Running.' },
            { type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'ls' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'a.txt' }] },
            { type: 'text', text: 'And now?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
          ],
        },
      ],
    });
    expect(request.chat.maxTokens).toBe(300);
    expect(request.chat.tools).toEqual([{ name: 'Bash', description: 'Run', parameters: { type: 'object' } }]);
    expect(request.chat.messages).toEqual([
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'List files' },
      {
        role: 'assistant',
        content: 'Running.',
        toolCalls: [{ id: 'toolu_1', name: 'Bash', arguments: '{"command":"ls"}' }],
        reasoning: 'Use ls.',
        signedReasoning: [{ text: 'Use ls.', signature: 's' }],
      },
      { role: 'tool', content: 'a.txt', toolCallId: 'toolu_1', toolName: 'Bash' },
      { role: 'user', content: 'And now?', images: ['data:image/png;base64,AAAA'] },
    ]);
  });

  it('keeps system turns that come inside messages (Claude Code sends its environment notes that way)', () => {
    const request = anthropicFormat.parse({
      model: 'm',
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'system', content: [{ type: 'text', text: '# Environment' }] },
      ],
    });
    expect(request.chat.messages).toEqual([
      { role: 'user', content: 'Hi' },
      { role: 'system', content: '# Environment' },
    ]);
  });

  it('refuses blocks it cannot carry, and image URLs, with the path of the block', () => {
    expect(() => anthropicFormat.parse({ model: 'm', messages: [{ role: 'user', content: [{ type: 'document', source: {} }] }] })).toThrow(
      /messages\.0\.content\.0: content blocks of type "document"/,
    );
    expect(() =>
      anthropicFormat.parse({
        model: 'm',
        messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'http://x' } }] }],
      }),
    ).toThrow(/does not fetch image URLs/);
    expect(() => anthropicFormat.parse({ model: 'm', messages: [] })).toThrow(/send at least one message/);
  });

  it('streams thinking, text and a tool call as separate content blocks, closed in order', () => {
    const encoder = anthropicFormat.stream(meta);
    const input: StreamEvent[] = [
      { type: 'reasoning', delta: 'Hmm' },
      { type: 'text', delta: 'Hi' },
      { type: 'text', delta: '!' },
      { type: 'tool_call', call: { id: 'call_1', name: 'Bash', arguments: '{"command":"ls"}' } },
      { type: 'usage', usage: { inputTokens: 11, outputTokens: 5 } },
      { type: 'done', finishReason: 'tool_calls' },
    ];
    const out = events(encoder.start() + input.map((e) => encoder.event(e)).join('') + encoder.end());
    expect(out.map((e) => e.event)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(out[1]!.data).toMatchObject({ index: 0, content_block: { type: 'thinking' } });
    expect(out[4]!.data).toMatchObject({ index: 1, content_block: { type: 'text' } });
    expect(out[8]!.data).toMatchObject({ index: 2, content_block: { type: 'tool_use', id: 'call_1', name: 'Bash' } });
    expect(out[9]!.data).toMatchObject({ delta: { type: 'input_json_delta', partial_json: '{"command":"ls"}' } });
    expect(out[11]!.data).toMatchObject({ delta: { stop_reason: 'tool_use' }, usage: { input_tokens: 11, output_tokens: 5 } });
  });

  it('closes a thinking block with its signature and passes redacted thinking on as its own block', () => {
    const encoder = anthropicFormat.stream(meta);
    const input: StreamEvent[] = [
      { type: 'reasoning', delta: 'Plan' },
      { type: 'signed_reasoning', block: { text: 'Plan', signature: 'sig-1' } },
      { type: 'signed_reasoning', block: { redacted: 'opaque' } },
      { type: 'text', delta: 'Done' },
    ];
    const out = events(encoder.start() + input.map((e) => encoder.event(e)).join('') + encoder.end());
    expect(out.slice(1, 7).map((e) => e.data)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Plan' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig-1' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'redacted_thinking', data: 'opaque' } },
      { type: 'content_block_stop', index: 1 },
    ]);
    expect(out[7]!.data).toMatchObject({ index: 2, content_block: { type: 'text' } });
  });

  it('estimates the usage when the target reported none', () => {
    const encoder = anthropicFormat.stream(meta);
    const out = events(encoder.start() + encoder.event({ type: 'text', delta: 'x'.repeat(80) }) + encoder.end());
    expect(out.at(-2)!.data).toMatchObject({ usage: { input_tokens: 10, output_tokens: 20 } });
  });
});

describe('OpenAI format, client side', () => {
  it('reads developer messages as system, names tool results after their call, and prefers max_completion_tokens', () => {
    const request = openAIFormat.parse({
      model: 'm',
      max_tokens: 10,
      max_completion_tokens: 20,
      stream: true,
      stream_options: { include_usage: true },
      messages: [
        { role: 'developer', content: 'Rules' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: [{ type: 'text', text: 'found' }] },
      ],
    });
    expect(request).toMatchObject({ stream: true, includeUsage: true, chat: { maxTokens: 20 } });
    expect(request.chat.messages).toEqual([
      { role: 'system', content: 'Rules' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'lookup', arguments: '{}' }] },
      { role: 'tool', content: 'found', toolCallId: 'c1', toolName: 'lookup' },
    ]);
  });

  it('refuses what it cannot honour instead of ignoring it', () => {
    expect(() => openAIFormat.parse({ model: 'm', n: 3, messages: [{ role: 'user', content: 'x' }] })).toThrow(/one choice per request/);
    expect(() =>
      openAIFormat.parse({ model: 'm', messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: {} }] }] }),
    ).toThrow(/"input_audio" are not supported/);
    expect(() => openAIFormat.parse({ model: 'm', messages: [{ role: 'tool', content: 'x' }] })).toThrow(/needs tool_call_id/);
  });

  it('ends a stream with the finish chunk, the usage chunk and [DONE]; an error mid-stream is a data line with error', () => {
    const encoder = openAIFormat.stream(meta);
    const out = events(
      encoder.start() +
        encoder.event({ type: 'text', delta: 'Hi' }) +
        encoder.event({ type: 'done', finishReason: 'length' }) +
        encoder.end(),
    );
    const finishOf = (data: Record<string, unknown> | string) => {
      if (typeof data === 'string') return data;
      const choices = data.choices as Array<{ finish_reason: string | null }>;
      return choices.length === 0 ? 'usage' : choices[0]!.finish_reason;
    };
    expect(out.map((e) => finishOf(e.data))).toEqual([null, null, 'length', 'usage', '[DONE]']);
    const failed = events(openAIFormat.stream(meta).error(new GatewayError(502, 'upstream', 'It broke')));
    expect(failed[0]!.data).toMatchObject({ error: { message: 'It broke', type: 'api_error' } });
  });
});

describe('tool-call signatures (Gemini 3) across both client formats', () => {
  const call = { id: 'call_1', name: 'lookup', arguments: '{}', signature: 'CiQB+/sig==' };

  it('carry the signature inside the id a client sees, and restore it from the id the client sends back', () => {
    const anthropicOut = events(anthropicFormat.stream(meta).event({ type: 'tool_call', call }));
    const anthropicId = (anthropicOut[0]!.data as { content_block: { id: string } }).content_block.id;
    expect(anthropicId).toMatch(/^[A-Za-z0-9_-]+$/);
    const back = anthropicFormat.parse({
      model: 'm',
      messages: [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: [{ type: 'tool_use', id: anthropicId, name: 'lookup', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: anthropicId, content: 'ok' }] },
      ],
    });
    expect(back.chat.messages[1]).toMatchObject({ role: 'assistant', toolCalls: [{ id: 'call_1', signature: 'CiQB+/sig==' }] });
    expect(back.chat.messages[2]).toMatchObject({ role: 'tool', toolCallId: 'call_1' });

    const openaiId = (
      openAIFormat.whole({ text: '', toolCalls: [call], usage: {}, finishReason: 'tool_calls', model: 'm' }, meta) as {
        choices: Array<{ message: { tool_calls: Array<{ id: string }> } }>;
      }
    ).choices[0]!.message.tool_calls[0]!.id;
    const openaiBack = openAIFormat.parse({
      model: 'm',
      messages: [
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: openaiId, type: 'function', function: { name: 'lookup', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: openaiId, content: 'ok' },
      ],
    });
    expect(openaiBack.chat.messages).toEqual([
      { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', signature: 'CiQB+/sig==', name: 'lookup', arguments: '{}' }] },
      { role: 'tool', content: 'ok', toolCallId: 'call_1', toolName: 'lookup' },
    ]);
  });

  it('leaves ids without a signature as they are', () => {
    const out = events(openAIFormat.stream(meta).event({ type: 'tool_call', call: { id: 'call_2', name: 'x', arguments: '{}' } }));
    expect(JSON.stringify(out[0]!.data)).toContain('"id":"call_2"');
  });
});

describe('engine errors as HTTP statuses', () => {
  const failure = (
    errorClass: ConstructorParameters<typeof ProviderError>[1]['errorClass'],
    extra: Partial<ConstructorParameters<typeof ProviderError>[1]> = {},
  ) => fromEngineError(new ProviderError(`${errorClass} happened`, { provider: 'P', errorClass, ...extra }));

  it('maps each class to the status a client acts on', () => {
    expect(failure('bad_request').status).toBe(400);
    expect(failure('context_window').status).toBe(400);
    expect(failure('not_found').status).toBe(404);
    expect(failure('timeout').status).toBe(504);
    expect(failure('server').status).toBe(502);
    expect(failure('network').status).toBe(502);
    expect(failure('not_available').status).toBe(501);
  });

  it('keeps a provider auth failure apart from the client token: 502 that says the token is fine', () => {
    const mapped = failure('auth', { status: 401 });
    expect(mapped.status).toBe(502);
    expect(mapped.message).toContain('your gateway token is fine');
  });

  it('passes a rate limit on as 429 with the provider Retry-After in seconds', () => {
    expect(failure('rate_limit', { retryAfterMs: 7200 })).toMatchObject({ status: 429, retryAfterS: 8 });
  });

  it('scrubs keys from messages', () => {
    expect(fromEngineError(new Error('bad key sk-live-0123456789abcdefghij')).message).not.toContain('0123456789abcdefghij');
  });
});
