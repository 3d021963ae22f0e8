import Anthropic from '@anthropic-ai/sdk';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProvider } from '../../../electron/providers/factory';
import type { ProviderError } from '../../../electron/http/errors';
import { collectStream } from '../../../electron/providers/collect';
import { type StreamEvent } from '../../../electron/providers/traits';
import { clearKnownSecrets } from '../../../electron/secrets/redact';
import { messageEvents, sse, startFakeAnthropic, type FakeAnthropic } from '../../fakes/anthropic';

const KEY = 'sk-ant-api03-fakekey0123456789abcdef';
const SETUP_TOKEN = 'sk-ant-oat01-faketoken0123456789abcd';

describe('Anthropic adapter against the fake', () => {
  let fake: FakeAnthropic;
  beforeEach(async () => {
    fake = await startFakeAnthropic();
  });
  afterEach(async () => {
    clearKnownSecrets();
    await fake.close();
  });
  const provider = (credential = KEY) => createProvider('anthropic', { credential, baseUrl: fake.url, env: {} });

  it('sends the Messages request with x-api-key, version, cached system blocks and max_tokens', async () => {
    const response = await provider().chat({
      model: 'claude-fake',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      temperature: 0.2,
    });
    expect(response).toMatchObject({ text: 'Hello from Claude', usage: { inputTokens: 12, outputTokens: 9 }, finishReason: 'stop' });
    const request = fake.requests[0]!;
    expect(request.path).toBe('/v1/messages');
    expect(request.headers['x-api-key']).toBe(KEY);
    expect(request.headers['anthropic-version']).toBe('2023-06-01');
    expect(request.headers.authorization).toBeUndefined();
    expect(request.body).toEqual({
      model: 'claude-fake',
      max_tokens: 4096,
      stream: true,
      temperature: 0.2,
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
    });
  });

  it('uses Bearer and the Claude Code identity for a setup-token', async () => {
    await provider(SETUP_TOKEN).chat({ model: 'claude-fake', messages: [{ role: 'user', content: 'Hi' }] });
    const request = fake.requests[0]!;
    expect(request.headers.authorization).toBe(`Bearer ${SETUP_TOKEN}`);
    expect(request.headers['anthropic-beta']).toContain('oauth-2025-04-20');
    expect(request.headers['x-api-key']).toBeUndefined();
    expect((request.body as { system: Array<{ text: string }> }).system[0]!.text).toContain('You are Claude Code');
  });

  it('streams thinking as reasoning, text, a tool call and the final usage', async () => {
    fake.onMessages({
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      chunks: [
        sse(
          messageEvents({
            thinking: ['Let me ', 'check.'],
            text: ['Checking'],
            tool: { id: 'toolu_1', name: 'get_weather', json: ['{"city":', '"Oslo"}'] },
            cacheRead: 100,
            outputTokens: 30,
          }),
        ),
      ],
    });
    const events: StreamEvent[] = [];
    for await (const event of provider().stream({
      model: 'claude-fake',
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: [{ name: 'get_weather', description: 'Weather', parameters: { type: 'object' } }],
    }))
      events.push(event);
    expect(events).toEqual([
      { type: 'reasoning', delta: 'Let me ' },
      { type: 'reasoning', delta: 'check.' },
      { type: 'signed_reasoning', block: { text: 'Let me check.', signature: 'sig' } },
      { type: 'text', delta: 'Checking' },
      { type: 'tool_call', call: { id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Oslo"}' } },
      // Input tokens count the cache reads too, as OpenAI and Gemini report them (12 + 100).
      { type: 'usage', usage: { inputTokens: 112, cachedInputTokens: 100, outputTokens: 30 } },
      { type: 'done', finishReason: 'tool_calls' },
    ]);
    expect((fake.requests[0]!.body as { tools: unknown[] }).tools).toEqual([
      { name: 'get_weather', description: 'Weather', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral' } },
    ]);
  });

  it('sends tool history as tool_use and merged tool_result turns, images as base64 blocks', async () => {
    await provider().chat({
      model: 'claude-fake',
      messages: [
        { role: 'user', content: 'Weather in two cities?' },
        {
          role: 'assistant',
          content: '',
          toolCalls: [
            { id: 't1', name: 'w', arguments: '{"c":"A"}' },
            { id: 't2', name: 'w', arguments: 'broken' },
          ],
        },
        { role: 'tool', content: 'sunny', toolCallId: 't1' },
        { role: 'tool', content: 'rain', toolCallId: 't2' },
        { role: 'user', content: 'And this picture?', images: ['data:image/png;base64,QUJD'] },
      ],
    });
    expect((fake.requests[0]!.body as { messages: unknown[] }).messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather in two cities?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 't1', name: 'w', input: { c: 'A' } },
          { type: 'tool_use', id: 't2', name: 'w', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 't1', content: 'sunny' },
          { type: 'tool_result', tool_use_id: 't2', content: 'rain' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'QUJD' } },
          { type: 'text', text: 'And this picture?', cache_control: { type: 'ephemeral' } },
        ],
      },
    ]);
  });

  it('lists models', async () => {
    expect(await provider().listModels()).toEqual([{ id: 'claude-fake-1', details: { name: 'Claude Fake' } }]);
  });

  it('maps errors by class, never showing the key', async () => {
    const cases: Array<[number, string, string]> = [
      [401, 'authentication_error', 'auth'],
      [429, 'rate_limit_error', 'rate_limit'],
      [400, 'invalid_request_error', 'bad_request'],
      [404, 'not_found_error', 'not_found'],
      [529, 'overloaded_error', 'server'],
    ];
    for (const [status, type, errorClass] of cases) {
      fake.onMessages({ status, headers: { 'retry-after': '3' }, body: { type: 'error', error: { type, message: `boom with ${KEY}` } } });
      const error = (await provider()
        .chat({ model: 'm', messages: [{ role: 'user', content: 'x' }] })
        .catch((e: unknown) => e)) as ProviderError;
      expect(error.errorClass).toBe(errorClass);
      expect(error.message).not.toContain(KEY);
    }
    fake.onMessages({
      status: 400,
      body: { type: 'error', error: { type: 'invalid_request_error', message: 'prompt is too long: 250000 tokens > 200000 maximum' } },
    });
    expect(
      (
        (await provider()
          .chat({ model: 'm', messages: [{ role: 'user', content: 'x' }] })
          .catch((e: unknown) => e)) as ProviderError
      ).errorClass,
    ).toBe('context_window');
    fake.onMessages({
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      chunks: [
        sse([
          { type: 'message_start', message: { usage: { input_tokens: 1 } } },
          { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
        ]),
      ],
    });
    expect(
      (await provider()
        .chat({ model: 'm', messages: [{ role: 'user', content: 'x' }] })
        .catch((e: unknown) => e)) as ProviderError,
    ).toMatchObject({ errorClass: 'server', message: expect.stringContaining('Overloaded') });
    await expect(createProvider('anthropic', { baseUrl: fake.url, env: {} }).chat({ model: 'm', messages: [] })).rejects.toMatchObject({
      errorClass: 'auth',
    });
  });
});

describe('differential: our Anthropic stream parsing vs @anthropic-ai/sdk', () => {
  let fake: FakeAnthropic;
  beforeEach(async () => {
    fake = await startFakeAnthropic();
  });
  afterEach(() => fake.close());

  it('agrees on text, tool input and usage for random chunkings', async () => {
    const sdk = new Anthropic({ apiKey: KEY, baseURL: fake.url, maxRetries: 0 });
    const ours = createProvider('anthropic', { credential: KEY, baseUrl: fake.url, env: {} });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 15 }),
        async (text, cuts) => {
          const wire = Buffer.from(
            sse(messageEvents({ text, tool: { id: 'toolu_9', name: 'lookup', json: ['{"q":', '"x"}'] }, outputTokens: text.length })),
          );
          const points = [...new Set(cuts.map((c) => c % wire.length))].filter((c) => c > 0).sort((a, b) => a - b);
          const chunks = points.map((p, i) => wire.subarray(i === 0 ? 0 : points[i - 1], p)).concat(wire.subarray(points.at(-1) ?? 0));
          fake.onMessages({ status: 200, headers: { 'content-type': 'text/event-stream' }, chunks });
          const message = await sdk.messages
            .stream({ model: 'claude-fake', max_tokens: 100, messages: [{ role: 'user', content: 'q' }] })
            .finalMessage();
          const sdkText = message.content
            .filter((b) => b.type === 'text')
            .map((b) => (b as { text: string }).text)
            .join('');
          const sdkTool = message.content.find((b) => b.type === 'tool_use') as { input: unknown } | undefined;
          const mine = await collectStream(
            ours.stream({ model: 'claude-fake', messages: [{ role: 'user', content: 'q' }] }),
            'claude-fake',
          );
          expect(mine.text).toBe(sdkText);
          expect(JSON.parse(mine.toolCalls[0]!.arguments)).toEqual(sdkTool?.input);
          expect(mine.usage.outputTokens).toBe(message.usage.output_tokens);
          expect(mine.usage.inputTokens).toBe(message.usage.input_tokens);
        },
      ),
      { numRuns: 30 },
    );
  });
});
