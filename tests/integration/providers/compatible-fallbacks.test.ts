// The OpenAI-compatible adapter's second tries and vendor fields (seed-wire.md §2.3, §2.6, §2.7)
// against the loopback fake: the Responses API after a 404, prompt-guided tools when native tools
// are refused, tool calls parsed back from <tool_call> text (whole and streamed in odd pieces),
// reasoning_effort for the models that take it, and Z.AI's tool_stream.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CompatibleProvider } from '../../../electron/providers/openai-compatible/compatible';
import { responsesUrl } from '../../../electron/providers/openai-compatible/responses';
import { createProvider } from '../../../electron/providers/factory';
import type { ChatMessage, StreamEvent, ToolSpec } from '../../../electron/providers/traits';
import { clearKnownSecrets } from '../../../electron/secrets/redact';
import { chunkJson, completion, errorReply, sseReply, startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai';
import type { RecordedRequest } from '../../fakes/server';

const KEY = 'sk-test-fakekey-0123456789abcdef';
const tools: ToolSpec[] = [
  { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
];
const ask: ChatMessage[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Weather in Oslo?' },
];

async function events(iterable: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const event of iterable) out.push(event);
  return out;
}

/** An SSE answer whose text arrives in exactly these pieces. */
function streamed(pieces: string[], finish = 'stop'): string {
  return (
    [...pieces.map((p) => chunkJson({ content: p })), chunkJson({}, finish)].map((e) => `data: ${JSON.stringify(e)}\n\n`).join('') +
    'data: [DONE]\n\n'
  );
}

const chatRequests = (fake: FakeOpenAI) => fake.requests.filter((r) => r.path === '/v1/chat/completions');
const bodyOf = (r: RecordedRequest) =>
  r.body as { tools?: unknown; messages: Array<{ role: string; content: string }>; [field: string]: unknown };

describe('OpenAI-compatible fallbacks', () => {
  let fake: FakeOpenAI;
  beforeEach(async () => {
    fake = await startFakeOpenAI();
  });
  afterEach(async () => {
    clearKnownSecrets();
    await fake.close();
  });

  const custom = (options: Record<string, unknown> = {}) => createProvider(`custom:${fake.baseUrl}`, { credential: KEY, env: {}, options });

  describe('Responses API after a 404', () => {
    const responsesReply = {
      body: {
        id: 'resp_1',
        status: 'completed',
        model: 'm-2',
        output: [{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: ' from responses ' }] }],
        usage: { input_tokens: 3, output_tokens: 2 },
      },
    };
    beforeEach(() => {
      fake.onChat({ status: 404, body: '404 page not found' });
      fake.route('POST', '/v1/responses', responsesReply);
    });

    it("answers from /responses with the seed's body, whole and streamed", async () => {
      const history: ChatMessage[] = [...ask, { role: 'assistant', content: 'Sunny.' }, { role: 'user', content: 'And tomorrow?' }];
      expect(await custom().chat({ model: 'm', messages: history, temperature: 0.2 })).toMatchObject({
        text: 'from responses',
        usage: { inputTokens: 3, outputTokens: 2 },
        finishReason: 'stop',
        model: 'm-2',
      });
      const sent = fake.requests.find((r) => r.path === '/v1/responses')!;
      expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(sent.body).toEqual({
        model: 'm',
        instructions: 'Be brief.',
        input: [
          { role: 'user', content: 'Weather in Oslo?' },
          { role: 'assistant', type: 'message', content: [{ type: 'output_text', text: 'Sunny.' }] },
          { role: 'user', content: 'And tomorrow?' },
        ],
        stream: false,
      });
      expect(await events(custom().stream({ model: 'm', messages: ask }))).toEqual([
        { type: 'text', delta: 'from responses' },
        { type: 'usage', usage: { inputTokens: 3, outputTokens: 2 } },
        { type: 'done', finishReason: 'stop' },
      ]);
    });

    it('is not tried for vendors without it (GLM), nor for a 404 about the model', async () => {
      await expect(
        createProvider('glm', { credential: KEY, baseUrl: fake.baseUrl, env: {} }).chat({ model: 'glm-4.6', messages: ask }),
      ).rejects.toMatchObject({ errorClass: 'not_found', status: 404 });
      fake.onChat(errorReply(404, 'The model `nope` does not exist'));
      await expect(custom().chat({ model: 'nope', messages: ask })).rejects.toMatchObject({ errorClass: 'not_found' });
      expect(fake.requests.filter((r) => r.path === '/v1/responses')).toEqual([]);
    });

    it("when /responses fails too, says both, keeping the 404's class", async () => {
      fake.route('POST', '/v1/responses', errorReply(500, 'responses broke'));
      await expect(custom().chat({ model: 'm', messages: ask })).rejects.toMatchObject({
        errorClass: 'not_found',
        message: expect.stringMatching(
          /\(404 Not Found\): 404 page not found \(chat completions unavailable; responses fallback failed: Custom provider Responses API error \(500 Internal Server Error\): responses broke/,
        ),
      });
    });

    it('derives the Responses URL as the seed did', () => {
      expect(responsesUrl('https://api.example.com')).toBe('https://api.example.com/v1/responses');
      expect(responsesUrl('https://api.example.com/v1/')).toBe('https://api.example.com/v1/responses');
      expect(responsesUrl('https://ark.example.com/api/coding/v3/chat/completions')).toBe(
        'https://ark.example.com/api/coding/v3/responses',
      );
      expect(responsesUrl('https://x.example.com/api/v2/responses-proxy')).toBe('https://x.example.com/api/v2/responses-proxy/responses');
      expect(responsesUrl('https://x.example.com/custom/responses')).toBe('https://x.example.com/custom/responses');
    });
  });

  describe('prompt-guided tools', () => {
    const toolText = 'Let me check.\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Oslo"}}\n</tool_call>';
    /** A server started without tool support (vLLM without --enable-auto-tool-choice). */
    const refusesTools = () =>
      fake.onChat((request) => {
        const body = bodyOf(request);
        if (body.tools) return errorReply(400, '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set');
        return body.stream
          ? sseReply(streamed(['Let me check.\n<tool', '_call>\n{"name":"get_', 'weather","arguments":{"city":"Oslo"}}\n</tool_', 'call>']))
          : { body: completion(toolText) };
      });

    it('retries with the tools in the system prompt when native tools are refused, and returns the tool call', async () => {
      refusesTools();
      const response = await custom().chat({ model: 'm', messages: ask, tools });
      expect(response).toMatchObject({ text: 'Let me check.', finishReason: 'tool_calls' });
      expect(response.toolCalls).toEqual([{ id: expect.any(String), name: 'get_weather', arguments: '{"city":"Oslo"}' }]);
      const [native, guided] = chatRequests(fake).map(bodyOf);
      expect(native!.tools).toBeDefined();
      expect(guided!.tools).toBeUndefined();
      expect(guided!.messages[0]!.content).toMatch(/^Be brief\.\n\n## Tool Use Protocol/);
      expect(guided!.messages[0]!.content).toContain('**get_weather**: Weather for a city');
    });

    it('streams the retry, turning a <tool_call> cut across chunks into one tool_call event', async () => {
      refusesTools();
      const out = await events(custom().stream({ model: 'm', messages: ask, tools }));
      expect(out.filter((e) => e.type !== 'usage')).toEqual([
        { type: 'text', delta: 'Let me check.\n' },
        { type: 'tool_call', call: { id: expect.any(String), name: 'get_weather', arguments: '{"city":"Oslo"}' } },
        { type: 'done', finishReason: 'tool_calls' },
      ]);
    });

    it('never falls back on a 401, nor on a 400 about something else', async () => {
      fake.onChat(errorReply(401, 'Incorrect API key provided'));
      await expect(custom().chat({ model: 'm', messages: ask, tools })).rejects.toMatchObject({ errorClass: 'auth' });
      fake.onChat(errorReply(400, 'temperature must be at most 2'));
      await expect(custom().chat({ model: 'm', messages: ask, tools })).rejects.toMatchObject({ errorClass: 'bad_request' });
      expect(chatRequests(fake)).toHaveLength(2);
    });

    it('a provider without native tools gets the tool history as text, and its answer parsed (Venice)', async () => {
      fake.onChat({ body: completion(`${toolText}\n<tool_call>{not json}</tool_call>`) });
      const history: ChatMessage[] = [
        ...ask,
        { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'get_weather', arguments: '{"city":"Oslo"}' }] },
        { role: 'tool', content: '{"temp":21}', toolCallId: 'c1', toolName: 'get_weather' },
        { role: 'user', content: 'And Bergen?' },
      ];
      const response = await createProvider('venice', { credential: 'venice-key-123456', baseUrl: fake.baseUrl, env: {} }).chat({
        model: 'm',
        messages: history,
        tools,
      });
      expect(response.toolCalls.map((c) => c.name)).toEqual(['get_weather']);
      // A block that is not the protocol's JSON stays in the text, so nothing the model wrote is lost.
      expect(response.text).toBe('Let me check.\n\n<tool_call>{not json}</tool_call>');
      const sent = bodyOf(chatRequests(fake)[0]!).messages;
      expect(sent.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user', 'user']);
      expect(sent[2]!.content).toBe('<tool_call>\n{"name":"get_weather","arguments":{"city":"Oslo"}}\n</tool_call>');
      expect(sent[3]!.content).toBe('<tool_result name="get_weather">\n{"temp":21}\n</tool_result>');
    });
  });

  describe('vendor fields', () => {
    it('sends reasoning_effort only to models that take it', async () => {
      for (const model of ['openai/gpt-5-mini', 'gpt-5.3-codex', 'o3-mini', 'llama-3.3-70b'])
        await custom({ reasoningEffort: 'High' }).chat({ model, messages: ask });
      expect(chatRequests(fake).map((r) => bodyOf(r).reasoning_effort)).toEqual(['high', 'high', 'high', undefined]);
      await custom().chat({ model: 'gpt-5', messages: ask });
      expect(bodyOf(chatRequests(fake).at(-1)!).reasoning_effort).toBeUndefined();
    });

    it('asks Z.AI hosts to stream tool-call arguments (tool_stream) when tools go natively in a stream', () => {
      const body = (name: string, withTools: boolean, stream: boolean) =>
        (createProvider(name, { credential: KEY, env: {} }) as CompatibleProvider).buildBody(
          { model: 'glm-4.6', messages: ask, ...(withTools && { tools }) },
          stream,
        ).tool_stream;
      expect(body('zai', true, true)).toBe(true);
      expect(body('glm', true, true)).toBe(true);
      expect(body('zai', false, true)).toBeUndefined();
      expect(body('zai', true, false)).toBeUndefined();
      expect(body('zai-cn', true, true)).toBeUndefined();
      expect(body('mistral', true, true)).toBeUndefined();
    });
  });
});
