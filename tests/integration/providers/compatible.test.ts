import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProvider } from '../../../electron/providers/factory';
import { ProviderError } from '../../../electron/http/errors';
import { collectStream } from '../../../electron/providers/collect';
import { type StreamEvent } from '../../../electron/providers/traits';
import { clearKnownSecrets } from '../../../electron/secrets/redact';
import { chunkJson, completion, errorReply, sseReply, sseStream, startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai';
import { startFakeServer } from '../../fakes/server';

const KEY = 'sk-test-fakekey-0123456789abcdef';

async function events(iterable: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const event of iterable) out.push(event);
  return out;
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ProviderError);
    return error as ProviderError;
  }
  throw new Error('expected a failure');
}

describe('OpenAI-compatible adapter against the fake', () => {
  let fake: FakeOpenAI;
  beforeEach(async () => {
    fake = await startFakeOpenAI();
  });
  afterEach(async () => {
    clearKnownSecrets();
    await fake.close();
  });

  const provider = (extra: { credential?: string } = {}) =>
    createProvider('openai', { credential: KEY, baseUrl: fake.baseUrl, env: {}, ...extra });

  it('sends the exact chat request: URL, Bearer auth, model, messages, parameters', async () => {
    const response = await provider().chat({
      model: 'gpt-fake',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      temperature: 0.3,
      maxTokens: 50,
    });
    expect(response).toMatchObject({
      text: 'Hello from the fake',
      toolCalls: [],
      usage: { inputTokens: 5, outputTokens: 7 },
      finishReason: 'stop',
      model: 'gpt-fake',
    });
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
    expect(request!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.body).toEqual({
      model: 'gpt-fake',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      stream: false,
      temperature: 0.3,
      max_tokens: 50,
    });
  });

  it('streams text deltas, usage and done, asking for usage in the stream', async () => {
    const out = await events(provider().stream({ model: 'gpt-fake', messages: [{ role: 'user', content: 'Hi' }] }));
    expect(out).toEqual([
      { type: 'text', delta: 'Hello' },
      { type: 'text', delta: ' from' },
      { type: 'text', delta: ' the' },
      { type: 'text', delta: ' fake' },
      { type: 'usage', usage: { inputTokens: 5, outputTokens: 4 } },
      { type: 'done', finishReason: 'stop' },
    ]);
    expect(fake.requests[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(fake.requests[0]!.headers.accept).toBe('text/event-stream');
  });

  it("sends tools natively and returns the model's tool calls", async () => {
    fake.onChat({
      body: completion(null, {
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
          { id: 'call_2', type: 'function', function: { name: 'bad_args', arguments: '{not json' } },
        ],
      }),
    });
    const tools = [
      { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
    ];
    const response = await provider().chat({ model: 'gpt-fake', messages: [{ role: 'user', content: 'Weather?' }], tools });
    expect(response.toolCalls).toEqual([
      { id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' },
      { id: 'call_2', name: 'bad_args', arguments: '{}' },
    ]);
    expect(response.finishReason).toBe('tool_calls');
    expect(fake.requests[0]!.body).toMatchObject({
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather for a city' } }],
      tool_choice: 'auto',
    });
  });

  it('assembles streamed tool calls from fragments (seed-wire.md §2.8)', async () => {
    const parts = [
      chunkJson({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'shell', arguments: '' } }] }),
      chunkJson({ tool_calls: [{ index: 0, function: { arguments: '{"command":"' } }] }),
      chunkJson({ tool_calls: [{ index: 0, function: { arguments: 'date"}' } }] }),
      chunkJson({}, 'tool_calls'),
    ];
    fake.onChat(sseReply(`${parts.map((p) => `data: ${JSON.stringify(p)}\n\n`).join('')}data: [DONE]\n\n`));
    const out = await events(provider().stream({ model: 'gpt-fake', messages: [{ role: 'user', content: 'date?' }] }));
    expect(out).toEqual([
      { type: 'tool_call', call: { id: 'call_1', name: 'shell', arguments: '{"command":"date"}' } },
      { type: 'done', finishReason: 'tool_calls' },
    ]);
  });

  it('sends history with tool calls and results in the native shape', async () => {
    await provider().chat({
      model: 'gpt-fake',
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }] },
        { role: 'tool', content: '{"temp":3}', toolCallId: 'call_1' },
        { role: 'user', content: 'And this?', images: ['data:image/png;base64,AAAA'] },
      ],
    });
    expect((fake.requests[0]!.body as { messages: unknown[] }).messages).toEqual([
      { role: 'user', content: 'Weather?' },
      {
        role: 'assistant',
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"temp":3}' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'And this?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
        ],
      },
    ]);
  });

  it('routes <think> blocks and reasoning_content to reasoning, not the answer', async () => {
    fake.onChat({ body: completion('<think>plan it</think>The answer.', { reasoning_content: 'from field' }) });
    const response = await provider().chat({ model: 'gpt-fake', messages: [{ role: 'user', content: 'q' }] });
    expect(response.text).toBe('The answer.');
    expect(response.reasoning).toBe('from field\nplan it');
    fake.onChat(sseReply(sseStream(['<thi', 'nk>hmm</th', 'ink>Yes', '.'], { reasoning: ['r1'] })));
    const streamed = await collectStream(provider().stream({ model: 'gpt-fake', messages: [{ role: 'user', content: 'q' }] }), 'gpt-fake');
    expect(streamed.text).toBe('Yes.');
    expect(streamed.reasoning).toBe('r1hmm');
  });

  it('reports reasoning and cached tokens from usage', async () => {
    fake.onChat({
      body: completion('ok', {
        usage: {
          prompt_tokens: 100,
          completion_tokens: 40,
          prompt_tokens_details: { cached_tokens: 64 },
          completion_tokens_details: { reasoning_tokens: 30 },
        },
      }),
    });
    const response = await provider().chat({ model: 'o-fake', messages: [{ role: 'user', content: 'q' }] });
    expect(response.usage).toEqual({ inputTokens: 100, outputTokens: 40, cachedInputTokens: 64, reasoningTokens: 30 });
  });

  it('lists models sorted, with the key', async () => {
    expect(await provider().listModels()).toEqual([
      { id: 'gpt-fake', details: { ownedBy: 'fake' } },
      { id: 'gpt-fake-mini', details: { ownedBy: 'fake' } },
    ]);
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/v1/models' });
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  describe('errors, by class', () => {
    it('auth: a 401 that echoes the key never shows it', async () => {
      fake.onChat(
        errorReply(401, `Incorrect API key provided: ${KEY}. You can find your API key at https://platform.openai.com/account/api-keys.`),
      );
      const error = await failure(provider().chat({ model: 'gpt-fake', messages: [{ role: 'user', content: 'q' }] }));
      expect(error.errorClass).toBe('auth');
      expect(error.status).toBe(401);
      expect(error.message).toMatch(/^OpenAI API error \(401 Unauthorized\): /);
      expect(error.message).not.toContain(KEY);
      expect(JSON.stringify(error.details)).not.toContain(KEY);
    });

    it('auth: no key at all says where to put one, before any request', async () => {
      const error = await failure(createProvider('openai', { baseUrl: fake.baseUrl, env: {} }).chat({ model: 'm', messages: [] }));
      expect(error.errorClass).toBe('auth');
      expect(error.message).toContain('OPENAI_API_KEY');
      expect(fake.requests).toHaveLength(0);
    });

    it('rate limit: Retry-After from the header, in seconds or as a date', async () => {
      fake.onChat(errorReply(429, 'Rate limit reached', { 'retry-after': '7' }));
      expect(await failure(provider().chat({ model: 'm', messages: [] }))).toMatchObject({
        errorClass: 'rate_limit',
        retryAfterMs: 7000,
        status: 429,
      });
      fake.onChat(errorReply(429, 'slow down; retry_after: 2.5 seconds'));
      expect((await failure(provider().chat({ model: 'm', messages: [] }))).retryAfterMs).toBe(2500);
    });

    it('context window, bad request, not found and server errors', async () => {
      fake.onChat(errorReply(400, "This model's maximum context length is 8192 tokens."));
      expect((await failure(provider().chat({ model: 'm', messages: [] }))).errorClass).toBe('context_window');
      fake.onChat(errorReply(400, 'temperature must be at most 2'));
      expect((await failure(provider().chat({ model: 'm', messages: [] }))).errorClass).toBe('bad_request');
      fake.onChat(errorReply(404, 'The model `nope` does not exist'));
      expect((await failure(provider().chat({ model: 'nope', messages: [] }))).errorClass).toBe('not_found');
      fake.onChat(errorReply(503, 'overloaded'));
      expect(await failure(provider().chat({ model: 'm', messages: [] }))).toMatchObject({
        errorClass: 'server',
        message: expect.stringContaining('(503 Service Unavailable)'),
      });
    });

    it('cuts a long error body to 500 characters', async () => {
      fake.onChat({ status: 500, body: 'x'.repeat(2000) });
      const error = await failure(provider().chat({ model: 'm', messages: [] }));
      expect(error.message.length).toBeLessThan(600);
      expect(error.message.endsWith('...')).toBe(true);
    });

    it('network: a refused connection names the host', async () => {
      const dead = await startFakeServer();
      const url = `${dead.url}/v1`;
      await dead.close();
      const error = await failure(createProvider('openai', { credential: KEY, baseUrl: url, env: {} }).chat({ model: 'm', messages: [] }));
      expect(error.errorClass).toBe('network');
      expect(error.message).toContain('refused the connection');
    });

    it('cancelled: aborting a hung request ends it at once', async () => {
      fake.onChat({ hang: true });
      const controller = new AbortController();
      const pending = provider().chat({ model: 'm', messages: [], signal: controller.signal });
      setTimeout(() => controller.abort(), 20);
      expect((await failure(pending)).errorClass).toBe('cancelled');
    });

    it('a stream cut mid-way keeps what arrived and then fails with a network error', async () => {
      const head = sseStream(['one', ' two', ' three'])
        .split('\n\n')
        .slice(0, 3)
        .map((e) => `${e}\n\n`)
        .join('');
      fake.onChat({ status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: [head, { delayMs: 100 }], cut: true });
      const seen: StreamEvent[] = [];
      const error = await failure(
        (async () => {
          for await (const event of provider().stream({ model: 'm', messages: [] })) seen.push(event);
        })(),
      );
      expect(seen).toEqual([
        { type: 'text', delta: 'one' },
        { type: 'text', delta: ' two' },
      ]);
      expect(error.errorClass).toBe('network');
    });

    it('an error event inside the stream is surfaced', async () => {
      fake.onChat(sseReply(`data: ${JSON.stringify({ error: { message: 'upstream exploded' } })}\n\n`));
      expect((await failure(collectStream(provider().stream({ model: 'm', messages: [] }), 'm'))).message).toContain('upstream exploded');
    });
  });

  it('OpenRouter sends its attribution headers; MiniMax folds system text into the user turn', async () => {
    await createProvider('openrouter', { credential: 'sk-or-v1-abc', baseUrl: fake.baseUrl, env: {} }).chat({
      model: 'm',
      messages: [{ role: 'user', content: 'q' }],
    });
    expect(fake.requests[0]!.headers['x-title']).toBe('Switchyard');
    expect(fake.requests[0]!.headers['http-referer']).toBeTruthy();
    await createProvider('minimax', { credential: 'mm-key-123456', baseUrl: fake.baseUrl, env: {} }).chat({
      model: 'm',
      messages: [
        { role: 'system', content: 'A' },
        { role: 'assistant', content: 'x' },
        { role: 'system', content: 'B' },
        { role: 'user', content: 'hello' },
      ],
    });
    expect((fake.requests[1]!.body as { messages: unknown }).messages).toEqual([
      { role: 'assistant', content: 'x' },
      { role: 'user', content: 'A\n\nB\n\nhello' },
    ]);
  });

  it('sends tools as system-prompt instructions to a provider without native tools (Venice)', async () => {
    const tools = [
      { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
    ];
    await createProvider('venice', { credential: 'venice-key-123456', baseUrl: fake.baseUrl, env: {} }).chat({
      model: 'm',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather?' },
      ],
      tools,
    });
    const body = fake.requests[0]!.body as { tools?: unknown; messages: Array<{ role: string; content: string }> };
    expect(body.tools).toBeUndefined();
    expect(body.messages[0]!.content).toMatch(
      /^Be brief\.\n\n## Tool Use Protocol\n\nWrap a JSON object in <tool_call><\/tool_call> tags:/,
    );
    expect(body.messages[0]!.content).toContain(
      '**get_weather**: Weather for a city\nParameters: `{"type":"object","properties":{"city":{"type":"string"}}}`',
    );
    await createProvider('venice', { credential: 'venice-key-123456', baseUrl: fake.baseUrl, env: {} }).chat({
      model: 'm',
      messages: [{ role: 'user', content: 'Weather?' }],
      tools,
    });
    expect((fake.requests[1]!.body as { messages: Array<{ role: string }> }).messages.map((m) => m.role)).toEqual(['system', 'user']);
  });

  it('reuses one keep-alive connection for sequential requests', async () => {
    for (let i = 0; i < 5; i += 1) await provider().chat({ model: 'm', messages: [] });
    expect(fake.requests).toHaveLength(5);
    // Usually one; a second may open while the first is being returned to the pool.
    expect(fake.connections()).toBeLessThanOrEqual(2);
  });
});
