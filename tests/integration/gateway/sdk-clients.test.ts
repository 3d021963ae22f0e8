// The official openai and @anthropic-ai/sdk clients against the gateway, with loopback fakes behind
// it: streamed, whole and with tools, in both directions (an Anthropic client reaching an
// OpenAI-compatible target and the other way round), chains that fall back, and errors in each
// client's own format.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestLog } from '../../../electron/gateway/request-log';
import { messageEvents, sse, startFakeAnthropic, type FakeAnthropic } from '../../fakes/anthropic';
import { errorReply, sseReply, sseStream, startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai';
import { anthropicClient, openaiClient, startGatewayWithFake, type GatewayHost } from '../../helpers/gateway';

/** The engine always streams from the target (as Chat does), so fakes answer with SSE. */
function toolCallStream(call: { id: string; name: string; arguments: string }) {
  const delta = { tool_calls: [{ index: 0, id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }] };
  return sseReply(sseStream([], { finishReason: 'tool_calls' }).replace('"delta":{}', `"delta":${JSON.stringify(delta)}`));
}

const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

/** The same tool as the Anthropic Messages API declares one. */
const ANTHROPIC_WEATHER_TOOL: Anthropic.Tool = {
  name: WEATHER_TOOL.name,
  description: WEATHER_TOOL.description,
  input_schema: WEATHER_TOOL.parameters as Anthropic.Tool.InputSchema,
};

describe('the gateway serves the official SDKs', () => {
  let gw: GatewayHost;
  let upstream: FakeOpenAI;
  let claude: FakeAnthropic;
  let openai: OpenAI;
  let anthropic: Anthropic;

  beforeEach(async () => {
    ({ gw, upstream } = await startGatewayWithFake('Fake OpenAI'));
    claude = await startFakeAnthropic();
    await gw.addAnthropicProfile('Fake Claude', claude.url);
    openai = openaiClient(gw);
    anthropic = anthropicClient(gw);
  });

  afterEach(async () => {
    await claude.close();
    await gw.cleanup();
  });

  describe('openai SDK', () => {
    it('gets a whole answer with usage (the target is streamed; the client gets one JSON body)', async () => {
      const result = await openai.chat.completions.create({
        model: 'Fake OpenAI/gpt-fake',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
        ],
      });
      expect(result.choices[0]!.message.content).toBe('Hello from the fake');
      expect(result.choices[0]!.finish_reason).toBe('stop');
      expect(result.usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 });
      expect(result.model).toBe('Fake OpenAI/gpt-fake');
      const sent = upstream.requests.at(-1)!.body as { model: string; messages: Array<{ role: string; content: unknown }> };
      expect(sent.model).toBe('gpt-fake');
      expect(sent.messages.map((m) => m.role)).toEqual(['system', 'user']);
    });

    it('streams the answer token by token and ends with the usage chunk it asked for', async () => {
      const stream = await openai.chat.completions.create({
        model: 'Fake OpenAI/gpt-fake',
        messages: [{ role: 'user', content: 'Hi' }],
        stream: true,
        stream_options: { include_usage: true },
      });
      const pieces: string[] = [];
      let usage: OpenAI.CompletionUsage | null | undefined;
      let finish: string | null | undefined;
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        if (choice?.delta.content) pieces.push(choice.delta.content);
        if (choice?.finish_reason) finish = choice.finish_reason;
        if (chunk.usage) usage = chunk.usage;
      }
      expect(pieces).toEqual(['Hello', ' from', ' the', ' fake']);
      expect(finish).toBe('stop');
      expect(usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 });
    });

    it('passes tools to the target and the tool call back, then the tool result on the next turn', async () => {
      upstream.onChat((request) => {
        const body = request.body as { messages: unknown[] };
        if (body.messages.length > 1) return sseReply(sseStream(['It is sunny in Paris.']));
        return toolCallStream({ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' });
      });
      const tools = [{ type: 'function' as const, function: WEATHER_TOOL }];
      const first = await openai.chat.completions.create({
        model: 'Fake OpenAI/gpt-fake',
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
        tools,
      });
      const call = first.choices[0]!.message.tool_calls![0]!;
      expect(first.choices[0]!.finish_reason).toBe('tool_calls');
      expect(call).toMatchObject({ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } });
      const sentTools = (upstream.requests.at(-1)!.body as { tools: Array<{ function: { name: string; parameters: unknown } }> }).tools;
      expect(sentTools[0]!.function).toMatchObject({ name: 'get_weather', parameters: WEATHER_TOOL.parameters });

      const streamed = await openai.chat.completions.create({
        model: 'Fake OpenAI/gpt-fake',
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
        tools,
        stream: true,
      });
      const calls: unknown[] = [];
      for await (const chunk of streamed) calls.push(...(chunk.choices[0]?.delta.tool_calls ?? []));
      expect(calls).toEqual([
        { index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      ]);

      const second = await openai.chat.completions.create({
        model: 'Fake OpenAI/gpt-fake',
        tools,
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          first.choices[0]!.message,
          { role: 'tool', tool_call_id: 'call_1', content: '22 °C, sunny' },
        ],
      });
      expect(second.choices[0]!.message.content).toBe('It is sunny in Paris.');
      const sent = (upstream.requests.at(-1)!.body as { messages: Array<Record<string, unknown>> }).messages;
      expect(sent.at(-1)).toMatchObject({ role: 'tool', tool_call_id: 'call_1', content: '22 °C, sunny' });
      expect(sent.at(-2)).toMatchObject({ role: 'assistant', tool_calls: [{ id: 'call_1', function: { name: 'get_weather' } }] });
    });

    it('sends an inline image on to the target and refuses an image URL it would have to fetch', async () => {
      const image = 'data:image/png;base64,iVBORw0KGgo=';
      await openai.chat.completions.create({
        model: 'Fake OpenAI/gpt-fake',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image_url', image_url: { url: image } },
            ],
          },
        ],
      });
      expect(JSON.stringify(upstream.requests.at(-1)!.body)).toContain(image);
      const refused = openai.chat.completions.create({
        model: 'Fake OpenAI/gpt-fake',
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'http://169.254.169.254/latest' } }] }],
      });
      await expect(refused).rejects.toMatchObject({ status: 400, message: expect.stringContaining('does not fetch image URLs') });
    });

    it('reaches an Anthropic target: the answer and its usage come back in OpenAI shape', async () => {
      const result = await openai.chat.completions.create({
        model: 'Fake Claude/claude-fake-1',
        messages: [{ role: 'user', content: 'Hi' }],
      });
      expect(result.choices[0]!.message.content).toBe('Hello from Claude');
      expect(result.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 9 });
      expect((claude.requests.at(-1)!.body as { model: string }).model).toBe('claude-fake-1');
    });

    it('reports an unknown model as a 404 in OpenAI error shape', async () => {
      const failed = openai.chat.completions.create({ model: 'gpt-nothing', messages: [{ role: 'user', content: 'Hi' }] });
      await expect(failed).rejects.toBeInstanceOf(OpenAI.NotFoundError);
      await expect(failed).rejects.toMatchObject({
        status: 404,
        code: 'model_not_found',
        message: expect.stringContaining('chain:<name>'),
      });
    });
  });

  describe('@anthropic-ai/sdk', () => {
    it('gets a whole message from an OpenAI-compatible target', async () => {
      const message = await anthropic.messages.create({
        model: 'Fake OpenAI/gpt-fake',
        max_tokens: 100,
        system: 'Be brief.',
        messages: [{ role: 'user', content: 'Hi' }],
      });
      expect(message.content).toEqual([{ type: 'text', text: 'Hello from the fake' }]);
      expect(message.stop_reason).toBe('end_turn');
      expect(message.usage).toMatchObject({ input_tokens: 5, output_tokens: 4 });
      const sent = upstream.requests.at(-1)!.body as { max_tokens: number; messages: Array<{ role: string }> };
      expect(sent.max_tokens).toBe(100);
      expect(sent.messages.map((m) => m.role)).toEqual(['system', 'user']);
    });

    it('streams a message, with the events the SDK assembles into the final text and usage', async () => {
      const stream = anthropic.messages.stream({
        model: 'Fake OpenAI/gpt-fake',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'Hi' }],
      });
      const deltas: string[] = [];
      stream.on('text', (delta) => deltas.push(delta));
      const final = await stream.finalMessage();
      expect(deltas).toEqual(['Hello', ' from', ' the', ' fake']);
      expect(final.content).toHaveLength(1);
      expect(final.content[0]).toMatchObject({ type: 'text', text: 'Hello from the fake' });
      expect(final.usage.output_tokens).toBe(4);
      expect(final.stop_reason).toBe('end_turn');
    });

    it('asks for a tool through an OpenAI-compatible target and sends the tool result back as a tool message', async () => {
      upstream.onChat((request) => {
        const body = request.body as { messages: unknown[] };
        if (body.messages.length > 1) return sseReply(sseStream(['Sunny, 22 °C.']));
        return toolCallStream({ id: 'call_7', name: 'get_weather', arguments: '{"city":"Oslo"}' });
      });
      const tools = [ANTHROPIC_WEATHER_TOOL];
      const first = await anthropic.messages.create({
        model: 'Fake OpenAI/gpt-fake',
        max_tokens: 100,
        tools,
        messages: [{ role: 'user', content: 'Weather in Oslo?' }],
      });
      expect(first.stop_reason).toBe('tool_use');
      expect(first.content).toEqual([{ type: 'tool_use', id: 'call_7', name: 'get_weather', input: { city: 'Oslo' } }]);
      const second = await anthropic.messages.create({
        model: 'Fake OpenAI/gpt-fake',
        max_tokens: 100,
        tools,
        messages: [
          { role: 'user', content: 'Weather in Oslo?' },
          { role: 'assistant', content: first.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_7', content: 'Sunny, 22 °C' }] },
        ],
      });
      expect(second.content).toEqual([{ type: 'text', text: 'Sunny, 22 °C.' }]);
      const sent = (upstream.requests.at(-1)!.body as { messages: Array<Record<string, unknown>> }).messages;
      expect(sent.at(-2)).toMatchObject({
        role: 'assistant',
        tool_calls: [{ id: 'call_7', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }],
      });
      expect(sent.at(-1)).toMatchObject({ role: 'tool', tool_call_id: 'call_7', content: 'Sunny, 22 °C' });
    });

    it('streams a tool call and thinking from an Anthropic target as content blocks', async () => {
      claude.onMessages({
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        chunks: [
          sse(
            messageEvents({ thinking: ['Let me', ' check.'], tool: { id: 'toolu_1', name: 'get_weather', json: ['{"city":', '"Rome"}'] } }),
          ),
        ],
      });
      const tools = [ANTHROPIC_WEATHER_TOOL];
      const final = await anthropic.messages
        .stream({ model: 'Fake Claude/claude-fake-1', max_tokens: 100, tools, messages: [{ role: 'user', content: 'Weather in Rome?' }] })
        .finalMessage();
      expect(final.content.map((b) => b.type)).toEqual(['thinking', 'tool_use']);
      expect(final.content[0]).toMatchObject({ type: 'thinking', thinking: 'Let me check.', signature: 'sig' });
      expect(final.content[1]).toMatchObject({ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Rome' } });
      expect(final.stop_reason).toBe('tool_use');
      const sent = claude.requests.at(-1)!.body as { tools: Array<{ name: string; input_schema: unknown }> };
      expect(sent.tools[0]).toMatchObject({ name: 'get_weather', input_schema: WEATHER_TOOL.parameters });
    });

    it('sends signed thinking back to an Anthropic target with the tool-call turn it belongs to', async () => {
      claude.onMessages({
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        chunks: [
          sse(messageEvents({ thinking: ['Need the weather.'], tool: { id: 'toolu_9', name: 'get_weather', json: ['{"city":"Rome"}'] } })),
        ],
      });
      const tools = [ANTHROPIC_WEATHER_TOOL];
      const first = await anthropic.messages.create({
        model: 'Fake Claude/claude-fake-1',
        max_tokens: 100,
        tools,
        messages: [{ role: 'user', content: 'Weather in Rome?' }],
      });
      expect(first.content[0]).toEqual({ type: 'thinking', thinking: 'Need the weather.', signature: 'sig' });
      claude.onMessages({
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        chunks: [sse(messageEvents({ text: ['Sunny.'] }))],
      });
      await anthropic.messages.create({
        model: 'Fake Claude/claude-fake-1',
        max_tokens: 100,
        tools,
        messages: [
          { role: 'user', content: 'Weather in Rome?' },
          { role: 'assistant', content: first.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_9', content: '25 °C' }] },
        ],
      });
      const sent = claude.requests.at(-1)!.body as { messages: Array<{ role: string; content: Array<Record<string, unknown>> }> };
      expect(sent.messages[1]!.content[0]).toEqual({ type: 'thinking', thinking: 'Need the weather.', signature: 'sig' });
      expect(sent.messages[1]!.content[1]).toMatchObject({ type: 'tool_use', id: 'toolu_9' });
    });

    it('counts tokens as an estimate and says so', async () => {
      const count = await anthropic.messages.countTokens({
        model: 'Fake OpenAI/gpt-fake',
        messages: [{ role: 'user', content: 'x'.repeat(400) }],
      });
      expect(count.input_tokens).toBe(100);
      expect((count as unknown as { estimated: boolean }).estimated).toBe(true);
    });

    it('lists chains, routes and aliases as models', async () => {
      const profileId = (await gw.ctx.config.read()).profiles[0]!.id;
      await gw.addChain('Everyday', [{ profileId, model: 'gpt-fake' }]);
      await gw.setGateway({ aliases: { 'claude-sonnet-4': 'chain:Everyday', 'claude-haiku-*': 'chain:Everyday' } });
      const ids: string[] = [];
      for await (const model of anthropic.models.list()) ids.push(model.id);
      expect(ids).toEqual(expect.arrayContaining(['claude-sonnet-4', 'chain:Everyday']));
      expect(ids).not.toContain('claude-haiku-*');
      const openaiIds = (await openai.models.list()).data.map((m) => m.id);
      expect(openaiIds).toEqual(ids);
    });

    it('reports an unknown model as not_found_error in Anthropic error shape', async () => {
      const failed = anthropic.messages.create({ model: 'claude-nothing', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] });
      await expect(failed).rejects.toBeInstanceOf(Anthropic.NotFoundError);
      await expect(failed).rejects.toMatchObject({ status: 404, error: { type: 'error', error: { type: 'not_found_error' } } });
    });
  });

  describe('chains and routes through the engine', () => {
    it('falls back when the first target answers 503, names the attempts in a header and logs the timeline', async () => {
      const broken = await startFakeOpenAI();
      broken.onChat(errorReply(503, 'overloaded'));
      try {
        const first = await gw.addOpenAIProfile('Broken', broken.baseUrl);
        const second = (await gw.ctx.config.read()).profiles.find((p) => p.name === 'Fake OpenAI')!.id;
        await gw.addChain(
          'Resilient',
          [
            { profileId: first, model: 'gpt-a' },
            { profileId: second, model: 'gpt-fake' },
          ],
          { maxRetries: 0 },
        );
        await gw.setGateway({ aliases: { 'claude-sonnet-*': 'chain:Resilient' } });
        const { data, response } = await anthropic.messages
          .create({ model: 'claude-sonnet-4-5-20250929', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }], stream: true })
          .withResponse();
        let text = '';
        for await (const event of data)
          if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
        expect(text).toBe('Hello from the fake');
        const header = JSON.parse(response.headers.get('x-switchyard-attempts')!) as Array<{
          provider: string;
          outcome: string;
          status?: number;
        }>;
        expect(header[0]).toMatchObject({ provider: 'Broken', outcome: 'error', status: 503 });
        const entry = gw.ctx.use(requestLog).list()[0]!;
        expect(entry).toMatchObject({
          token: 'tests',
          model: 'claude-sonnet-4-5-20250929',
          resolvedAs: 'chain:Resilient',
          answeredBy: 'Fake OpenAI · gpt-fake',
          status: 200,
          state: 'done',
        });
        expect(entry.attempts.map((a) => a.outcome)).toEqual(['error', 'success']);
        expect(entry.ttftMs).toBeGreaterThan(0);
      } finally {
        await broken.close();
      }
    });

    it('answers 429 with Retry-After when every target of the chain is cooling down', async () => {
      const broken = await startFakeOpenAI();
      broken.onChat(errorReply(500, 'down'));
      try {
        const profileId = await gw.addOpenAIProfile('Down', broken.baseUrl);
        await gw.addChain('Fragile', [{ profileId, model: 'gpt-a' }], { maxRetries: 0, failureThreshold: 1, cooldownMs: 60_000 });
        const first = openai.chat.completions.create({ model: 'chain:Fragile', messages: [{ role: 'user', content: 'Hi' }] });
        await expect(first).rejects.toMatchObject({ status: 502 });
        const { response } = await openai.chat.completions
          .create({ model: 'chain:Fragile', messages: [{ role: 'user', content: 'Hi' }] })
          .withResponse()
          .catch((error: InstanceType<typeof OpenAI.APIError>) => ({ response: error }));
        const failure = response as InstanceType<typeof OpenAI.APIError>;
        expect(failure.status).toBe(429);
        expect(Number(failure.headers?.get('retry-after'))).toBeGreaterThan(50);
        expect(failure.message).toContain('cooling down');
        expect(broken.requests).toHaveLength(1);
      } finally {
        await broken.close();
      }
    });

    it('routes hint:<name> to its chain', async () => {
      const profileId = (await gw.ctx.config.read()).profiles.find((p) => p.name === 'Fake OpenAI')!.id;
      const chainId = await gw.addChain('Fast', [{ profileId, model: 'gpt-fake-mini' }]);
      await gw.ctx.config.update((config) => {
        config.routes.push({ id: 'r1', hint: 'fast', chainId });
      });
      const result = await openai.chat.completions.create({ model: 'hint:fast', messages: [{ role: 'user', content: 'Hi' }] });
      expect(result.choices[0]!.message.content).toBe('Hello from the fake');
      expect((upstream.requests.at(-1)!.body as { model: string }).model).toBe('gpt-fake-mini');
    });
  });
});
