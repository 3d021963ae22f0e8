// What the real APIs demand and our adapters once got wrong (issue #18): each case runs against a
// fake that enforces the provider's documented rule, so it fails if the adapter breaks the rule.
import { afterEach, describe, expect, it } from 'vitest';
import { createProvider } from '../../../electron/providers/factory';
import { ProviderError } from '../../../electron/http/errors';
import { collectStream } from '../../../electron/providers/collect';
import { assistantTurn, type ChatMessage, type StreamEvent } from '../../../electron/providers/traits';
import { clearKnownSecrets } from '../../../electron/secrets/redact';
import { REASONING_ROOM_TOKENS, testConnection } from '../../../electron/services/connection-test';
import { createProfile } from '../../../electron/services/profiles';
import { createTestHost, type TestHost } from '../../helpers/host';
import { messageEvents, sse, startFakeAnthropic } from '../../fakes/anthropic';
import { startFakeBedrock, streamFrames, streamReply } from '../../fakes/bedrock';
import { geminiChunk, geminiSse, quotaExceeded, startFakeGemini } from '../../fakes/gemini';
import { chunkJson, FAKE_REASONING_TOKENS, sseReply, startFakeOpenAI } from '../../fakes/openai';
import { startFakeOpenRouter } from '../../fakes/openrouter';

const OPENAI_KEY = 'sk-test-rules-0123456789abcdef';
const WEATHER = {
  name: 'get_weather',
  description: 'Weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } } },
};

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
  clearKnownSecrets();
});

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

async function host(env: NodeJS.ProcessEnv): Promise<TestHost> {
  const made = await createTestHost({ env });
  closers.push(() => made.cleanup());
  return made;
}

describe("OpenAI's reasoning models", () => {
  it('get max_completion_tokens and no temperature, so the request is accepted', async () => {
    const fake = await startFakeOpenAI();
    closers.push(() => fake.close());
    const provider = createProvider('openai', { credential: OPENAI_KEY, baseUrl: fake.baseUrl, env: {} });
    const response = await provider.chat({
      model: 'gpt-5-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      maxTokens: 500,
      temperature: 0.2,
    });
    expect(response.text).toBe('ok');
    const body = fake.requests[0]!.body as Record<string, unknown>;
    expect(body).toMatchObject({ model: 'gpt-5-mini', max_completion_tokens: 500 });
    expect(body).not.toHaveProperty('max_tokens');
    expect(body).not.toHaveProperty('temperature');
    // Other models keep max_tokens and the temperature the user chose.
    await provider.chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], maxTokens: 50, temperature: 0.2 });
    expect(fake.requests[1]!.body).toMatchObject({ max_tokens: 50, temperature: 0.2 });
  });

  it("are refused by the fake, with OpenAI's own message, when a request carries max_tokens", async () => {
    const fake = await startFakeOpenAI();
    closers.push(() => fake.close());
    // A generic OpenAI-compatible profile pointed at the same API does not know OpenAI's rules.
    const generic = createProvider('custom:' + fake.baseUrl, { credential: OPENAI_KEY, env: {} });
    const error = await failure(generic.chat({ model: 'o3', messages: [{ role: 'user', content: 'Hi' }], maxTokens: 5 }));
    expect(error).toMatchObject({ status: 400, errorClass: 'bad_request' });
    expect(error.message).toContain(
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
    );
  });

  it('pass the connection test: the answer stage leaves room for reasoning and says why', async () => {
    const fake = await startFakeOpenAI(['gpt-5-mini']);
    closers.push(() => fake.close());
    const { ctx } = await host({ OPENAI_API_KEY: OPENAI_KEY });
    const profile = await createProfile(ctx, { name: 'OpenAI', providerKey: 'openai', baseUrl: fake.baseUrl, defaultModel: 'gpt-5-mini' });
    const result = await testConnection(ctx, profile.id);
    expect(result.stages.map((s) => `${s.id}:${s.verdict}`)).toEqual(['connect:pass', 'auth:pass', 'models:pass', 'completion:pass']);
    expect(result.ok).toBe(true);
    const completion = result.stages.find((s) => s.id === 'completion')!;
    expect(completion.detail).toContain(
      `gpt-5-mini reasons before it answers, so it had up to ${REASONING_ROOM_TOKENS} tokens instead of 1`,
    );
    const sent = fake.requests.find((r) => r.path === '/v1/chat/completions')!.body as Record<string, unknown>;
    expect(sent.max_completion_tokens).toBe(REASONING_ROOM_TOKENS);
    expect(REASONING_ROOM_TOKENS).toBeGreaterThan(FAKE_REASONING_TOKENS);
  });

  it('show a warning, not a pass, when a model spends the whole budget thinking', async () => {
    const fake = await startFakeOpenAI(['quiet-thinker']);
    closers.push(() => fake.close());
    // A model the name rules do not know as a reasoner: one token, all of it spent thinking.
    fake.onChat(
      sseReply(
        `data: ${JSON.stringify(chunkJson({ reasoning_content: 'Hmm' }))}\n\ndata: ${JSON.stringify(chunkJson({}, 'length'))}\n\ndata: [DONE]\n\n`,
      ),
    );
    const { ctx } = await host({ OPENAI_API_KEY: OPENAI_KEY });
    const profile = await createProfile(ctx, {
      name: 'OpenAI',
      providerKey: 'openai',
      baseUrl: fake.baseUrl,
      defaultModel: 'quiet-thinker',
    });
    const completion = (await testConnection(ctx, profile.id)).stages.find((s) => s.id === 'completion')!;
    expect(completion).toMatchObject({
      verdict: 'warn',
      detail: expect.stringContaining('spent its whole budget of 1 token before answering'),
    });
  });
});

describe("Mistral's typed content parts", () => {
  const thinking = { type: 'thinking', thinking: [{ type: 'text', text: 'Two and two make four.' }] };
  const answer = { type: 'text', text: '2 + 2 = 4' };

  it('give the answer as text and the thinking as reasoning, whole', async () => {
    const fake = await startFakeOpenAI();
    closers.push(() => fake.close());
    fake.onChat({
      body: {
        id: 'x',
        object: 'chat.completion',
        model: 'magistral-medium-2507',
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: [thinking, answer] } }],
        usage: { prompt_tokens: 10, completion_tokens: 46, total_tokens: 56 },
      },
    });
    const response = await createProvider('mistral', { credential: 'mistral-key-0123456789', baseUrl: fake.baseUrl, env: {} }).chat({
      model: 'magistral-medium-2507',
      messages: [{ role: 'user', content: '2+2?' }],
    });
    expect(response).toMatchObject({ text: '2 + 2 = 4', reasoning: 'Two and two make four.', finishReason: 'stop' });
  });

  it('give the answer as text and the thinking as reasoning, streamed', async () => {
    const fake = await startFakeOpenAI();
    closers.push(() => fake.close());
    const chunks = [
      chunkJson({ role: 'assistant', content: [{ type: 'thinking', thinking: [{ type: 'text', text: 'Two and two' }] }] }),
      chunkJson({ content: [{ type: 'thinking', thinking: [{ type: 'text', text: ' make four.' }] }] }),
      chunkJson({ content: [answer] }),
      chunkJson({ content: '' }, 'stop'),
    ];
    fake.onChat(sseReply(`${chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('')}data: [DONE]\n\n`));
    const response = await collectStream(
      createProvider('mistral', { credential: 'mistral-key-0123456789', baseUrl: fake.baseUrl, env: {} }).stream({
        model: 'magistral-medium-2507',
        messages: [{ role: 'user', content: '2+2?' }],
      }),
      'm',
    );
    expect(response.text).toBe('2 + 2 = 4');
    expect(response.reasoning).toBe('Two and two make four.');
    expect(response.text).not.toContain('[object Object]');
  });
});

describe('signatures that must come back with tool calls', () => {
  it('Gemini 3: the thoughtSignature is kept on the call and sent back with the functionCall', async () => {
    const fake = await startFakeGemini();
    closers.push(() => fake.close());
    fake.onStream('gemini-3-pro-preview', (request) => {
      const contents = (request.body as { contents: unknown[] }).contents;
      if (contents.length === 1)
        return {
          status: 200,
          headers: { 'content-type': 'text/event-stream' },
          chunks: [
            geminiSse([
              geminiChunk([{ functionCall: { name: 'get_weather', args: { city: 'Oslo' } }, thoughtSignature: 'EpEgCo4gAb4-signature' }], {
                finishReason: 'STOP',
              }),
            ]),
          ],
        };
      return {
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        chunks: [geminiSse([geminiChunk([{ text: 'Sunny in Oslo.' }], { finishReason: 'STOP' })])],
      };
    });
    const gemini = createProvider('gemini', { credential: 'AIza-fake-key-0123456789', baseUrl: fake.baseUrl, env: {} });
    const history: ChatMessage[] = [{ role: 'user', content: 'Weather in Oslo?' }];
    const first = await gemini.chat({ model: 'gemini-3-pro-preview', messages: history, tools: [WEATHER] });
    expect(first.toolCalls[0]).toMatchObject({ name: 'get_weather', signature: 'EpEgCo4gAb4-signature' });
    history.push(assistantTurn(first), { role: 'tool', toolCallId: first.toolCalls[0]!.id, toolName: 'get_weather', content: 'sunny' });
    const second = await gemini.chat({ model: 'gemini-3-pro-preview', messages: history, tools: [WEATHER] });
    expect(second.text).toBe('Sunny in Oslo.');
    const sent = (fake.requests.at(-1)!.body as { contents: Array<{ role: string; parts: Array<Record<string, unknown>> }> }).contents;
    expect(sent[1]).toEqual({
      role: 'model',
      parts: [{ functionCall: { name: 'get_weather', args: { city: 'Oslo' } }, thoughtSignature: 'EpEgCo4gAb4-signature' }],
    });
  });

  it('Gemini 3: history without the signature is refused, as the real API refuses it', async () => {
    const fake = await startFakeGemini();
    closers.push(() => fake.close());
    fake.onStream('gemini-3-pro-preview', {
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      chunks: [geminiSse([geminiChunk([{ text: 'ok' }], { finishReason: 'STOP' })])],
    });
    const gemini = createProvider('gemini', { credential: 'AIza-fake-key-0123456789', baseUrl: fake.baseUrl, env: {} });
    const unsigned: ChatMessage[] = [
      { role: 'user', content: 'Weather in Oslo?' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }] },
      { role: 'tool', toolCallId: 'call_1', toolName: 'get_weather', content: 'sunny' },
    ];
    const error = await failure(gemini.chat({ model: 'gemini-3-pro-preview', messages: unsigned, tools: [WEATHER] }));
    expect(error).toMatchObject({ status: 400, errorClass: 'bad_request' });
    expect(error.message).toContain('Function call is missing a thought_signature in functionCall parts');
  });

  it('Anthropic: signed thinking blocks go back first in the turn that called the tool', async () => {
    const fake = await startFakeAnthropic();
    closers.push(() => fake.close());
    fake.onMessages((request) => {
      const messages = (request.body as { messages: unknown[] }).messages;
      const events =
        messages.length === 1
          ? messageEvents({
              thinking: ['The user wants ', 'the weather.'],
              tool: { id: 'toolu_01A', name: 'get_weather', json: ['{"city":"Oslo"}'] },
            })
          : messageEvents({ text: ['Sunny in Oslo.'] });
      return { status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: [sse(events)] };
    });
    const claude = createProvider('anthropic', { credential: 'sk-ant-api03-fakekey0123456789abcdef', baseUrl: fake.url, env: {} });
    const history: ChatMessage[] = [{ role: 'user', content: 'Weather in Oslo?' }];
    const first = await claude.chat({ model: 'claude-sonnet-4-5', messages: history, tools: [WEATHER] });
    expect(first.signedReasoning).toEqual([{ text: 'The user wants the weather.', signature: 'sig' }]);
    history.push(assistantTurn(first), { role: 'tool', toolCallId: 'toolu_01A', content: 'sunny' });
    const second = await claude.chat({ model: 'claude-sonnet-4-5', messages: history, tools: [WEATHER] });
    expect(second.text).toBe('Sunny in Oslo.');
    const sent = (fake.requests.at(-1)!.body as { messages: Array<{ role: string; content: unknown[] }> }).messages;
    expect(sent[1]!.content).toEqual([
      { type: 'thinking', thinking: 'The user wants the weather.', signature: 'sig' },
      { type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: { city: 'Oslo' } },
    ]);
  });

  it('Anthropic: a setup-token conversation with tools stays within the 4 cache breakpoints', async () => {
    const fake = await startFakeAnthropic();
    closers.push(() => fake.close());
    const claude = createProvider('anthropic', { credential: 'sk-ant-oat01-faketoken0123456789abcd', baseUrl: fake.url, env: {} });
    const history: ChatMessage[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello.' },
      { role: 'user', content: 'Weather?' },
    ];
    expect(
      (await claude.chat({ model: 'claude-sonnet-4-5', messages: history, tools: [WEATHER, { ...WEATHER, name: 'get_time' }] })).text,
    ).toBe('Hello from Claude');
  });

  it('Anthropic: a tool loop that drops the thinking is refused, as the real API refuses it', async () => {
    const fake = await startFakeAnthropic();
    closers.push(() => fake.close());
    fake.onMessages({
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      chunks: [sse(messageEvents({ thinking: ['Think.'], tool: { id: 'toolu_01B', name: 'get_weather', json: ['{}'] } }))],
    });
    const claude = createProvider('anthropic', { credential: 'sk-ant-api03-fakekey0123456789abcdef', baseUrl: fake.url, env: {} });
    const first = await claude.chat({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Weather?' }], tools: [WEATHER] });
    const dropped: ChatMessage = { role: 'assistant', content: '', toolCalls: first.toolCalls };
    const error = await failure(
      claude.chat({
        model: 'claude-sonnet-4-5',
        messages: [{ role: 'user', content: 'Weather?' }, dropped, { role: 'tool', toolCallId: 'toolu_01B', content: 'sunny' }],
        tools: [WEATHER],
      }),
    );
    expect(error.message).toContain('a final `assistant` message must start with a thinking block');
  });

  it("Bedrock: Claude's signed reasoning goes back first in the turn that called the tool", async () => {
    const key = 'ABSKrulesBedrockApiKey0123456789';
    const fake = await startFakeBedrock({ bearerKeys: [key] });
    closers.push(() => fake.close());
    fake.onConverseStream((request) => {
      const messages = (request.body as { messages: unknown[] }).messages;
      return streamReply(
        messages.length === 1
          ? streamFrames({ reasoning: ['Look it ', 'up.'], tool: { id: 'tooluse_9', name: 'get_weather', json: ['{"city":"Oslo"}'] } })
          : streamFrames({ text: ['Sunny.'] }),
      );
    });
    const bedrock = createProvider('bedrock', { credential: key, baseUrl: fake.url, options: { region: 'us-east-1' }, env: {} });
    const model = 'anthropic.claude-sonnet-4-5';
    const history: ChatMessage[] = [{ role: 'user', content: 'Weather in Oslo?' }];
    const first = await collectStream(bedrock.stream({ model, messages: history, tools: [WEATHER] }), model);
    history.push(assistantTurn(first), { role: 'tool', toolCallId: 'tooluse_9', content: 'sunny' });
    expect((await collectStream(bedrock.stream({ model, messages: history, tools: [WEATHER] }), model)).text).toBe('Sunny.');
    const sent = (fake.requests.at(-1)!.body as { messages: Array<{ content: unknown[] }> }).messages;
    expect(sent[1]!.content[0]).toEqual({ reasoningContent: { reasoningText: { text: 'Look it up.', signature: 'sig' } } });
    // Dropping it is refused, as Claude on Bedrock refuses it.
    const dropped: ChatMessage[] = [history[0]!, { role: 'assistant', content: '', toolCalls: first.toolCalls }, history[2]!];
    expect((await failure(collectStream(bedrock.stream({ model, messages: dropped, tools: [WEATHER] }), model))).message).toContain(
      'must start with a thinking block',
    );
  });
});

describe('usage and waits the providers report', () => {
  it("Gemini's 429 wait comes from google.rpc.RetryInfo in the body", async () => {
    const fake = await startFakeGemini();
    closers.push(() => fake.close());
    fake.onStream('gemini-2.5-flash', quotaExceeded('34.4s'));
    const error = await failure(
      createProvider('gemini', { credential: 'AIza-fake-key-0123456789', baseUrl: fake.baseUrl, env: {} }).chat({
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    );
    expect(error).toMatchObject({ status: 429, errorClass: 'rate_limit', retryAfterMs: 34_400 });
  });

  it("Anthropic's message_delta usage is cumulative: its input count wins over message_start's", async () => {
    const fake = await startFakeAnthropic();
    closers.push(() => fake.close());
    const events = messageEvents({ text: ['pong'], inputTokens: 43, outputTokens: 2 });
    const delta = events.find((e) => e.type === 'message_delta') as { usage: Record<string, number> };
    delta.usage = { input_tokens: 61, output_tokens: 2 };
    fake.onMessages({ status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: [sse(events)] });
    const out: StreamEvent[] = [];
    for await (const event of createProvider('anthropic-custom:' + fake.url, { credential: 'proxy-key-0123456789', env: {} }).stream({
      model: 'claude-opus-4-5',
      messages: [{ role: 'user', content: 'ping' }],
    }))
      out.push(event);
    expect(out.find((e) => e.type === 'usage')).toEqual({ type: 'usage', usage: { inputTokens: 61, outputTokens: 2 } });
  });
});

describe("OpenRouter's key check", () => {
  const GOOD = 'sk-or-v1-good0123456789abcdef0123456789';

  async function run(key: string) {
    const fake = await startFakeOpenRouter(GOOD);
    closers.push(() => fake.close());
    const { ctx } = await host({ OPENROUTER_API_KEY: key });
    const profile = await createProfile(ctx, {
      name: 'OpenRouter',
      providerKey: 'openrouter',
      baseUrl: fake.baseUrl,
      defaultModel: 'openai/gpt-4o-mini',
    });
    return { result: await testConnection(ctx, profile.id), fake };
  }

  it('a wrong key fails the "key accepted" stage, though the model list needs no key', async () => {
    const { result, fake } = await run('sk-or-v1-wrong0123456789abcdef012345678');
    expect(result.stages.find((s) => s.id === 'auth')).toMatchObject({
      verdict: 'fail',
      errorClass: 'auth',
      hint: expect.stringContaining('401'),
    });
    expect(result.ok).toBe(false);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toContain('GET /api/v1/key');
  });

  it('the right key passes every stage', async () => {
    const { result } = await run(GOOD);
    expect(result.stages.map((s) => `${s.id}:${s.verdict}`)).toEqual(['connect:pass', 'auth:pass', 'models:pass', 'completion:pass']);
  });
});
