// Our parsing agrees with the official SDKs on the same bytes, however the server chunks them.
import fc from 'fast-check';
import { Ollama } from 'ollama';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProvider } from '../../../electron/providers/factory';
import { collectStream } from '../../../electron/providers/collect';
import { chatStream, ndjson, startFakeOllama, type FakeOllama } from '../../fakes/ollama';
import { chunkJson, sseStream, startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai';
import { splitAt } from '../../fakes/server';

/** The text's bytes cut at the given offsets (taken modulo its length). */
function cutInto(text: string, cuts: number[]): Buffer[] {
  const bytes = Buffer.from(text);
  return splitAt(
    bytes,
    cuts.map((c) => c % bytes.length),
  );
}

const tokenLists = fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 10 });
const cutLists = fc.array(fc.nat(), { maxLength: 20 });

describe('differential: our OpenAI stream parsing vs the openai SDK', () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(() => fake.close());

  it('agrees on text, usage and tool calls for random chunkings', async () => {
    const sdk = new OpenAI({ apiKey: 'sk-test-differential-0000', baseURL: fake.baseUrl, maxRetries: 0 });
    const ours = createProvider('openai', { credential: 'sk-test-differential-0000', baseUrl: fake.baseUrl, env: {} });
    await fc.assert(
      fc.asyncProperty(tokenLists, cutLists, fc.boolean(), async (tokens, cuts, withTool) => {
        let wire = sseStream(tokens, { usage: { prompt_tokens: 3, completion_tokens: tokens.length, total_tokens: 3 + tokens.length } });
        if (withTool) {
          const toolEvents = [
            chunkJson({ tool_calls: [{ index: 0, id: 'call_9', type: 'function', function: { name: 'lookup', arguments: '{"q":' } }] }),
            chunkJson({ tool_calls: [{ index: 0, function: { arguments: '"x"}' } }] }),
          ];
          wire = toolEvents.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('') + wire;
        }
        fake.onChat({ status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: cutInto(wire, cuts) });
        const stream = await sdk.chat.completions.create({ model: 'gpt-fake', stream: true, messages: [{ role: 'user', content: 'q' }] });
        let sdkText = '';
        let sdkUsage: unknown;
        let sdkArgs = '';
        let sdkToolName = '';
        for await (const part of stream) {
          sdkText += part.choices[0]?.delta.content ?? '';
          for (const call of part.choices[0]?.delta.tool_calls ?? []) {
            sdkArgs += call.function?.arguments ?? '';
            sdkToolName ||= call.function?.name ?? '';
          }
          if (part.usage) sdkUsage = { inputTokens: part.usage.prompt_tokens, outputTokens: part.usage.completion_tokens };
        }
        const mine = await collectStream(ours.stream({ model: 'gpt-fake', messages: [{ role: 'user', content: 'q' }] }), 'gpt-fake');
        expect(mine.text).toBe(sdkText);
        expect(mine.usage).toEqual(sdkUsage);
        expect(mine.toolCalls.map((c) => [c.name, c.arguments])).toEqual(withTool ? [[sdkToolName, sdkArgs]] : []);
      }),
      { numRuns: 40 },
    );
  });
});

describe('differential: our Ollama NDJSON parsing vs the ollama package', () => {
  let fake: FakeOllama;
  beforeAll(async () => {
    fake = await startFakeOllama();
  });
  afterAll(() => fake.close());

  it('agrees on text, thinking and counters for random chunkings', async () => {
    const official = new Ollama({ host: fake.url });
    const ours = createProvider('ollama', { baseUrl: fake.url, env: {} });
    await fc.assert(
      fc.asyncProperty(tokenLists, cutLists, async (tokens, cuts) => {
        const wire = ndjson(chatStream('llama3.2:3b', tokens, { thinking: ['a', 'b'], evalCount: tokens.length, promptEvalCount: 11 }));
        fake.onChat({ headers: { 'content-type': 'application/x-ndjson' }, chunks: cutInto(wire, cuts) });
        let text = '';
        let thinking = '';
        let counters: unknown;
        for await (const part of await official.chat({ model: 'llama3.2:3b', stream: true, messages: [{ role: 'user', content: 'q' }] })) {
          text += part.message.content;
          thinking += part.message.thinking ?? '';
          if (part.done) counters = { inputTokens: part.prompt_eval_count, outputTokens: part.eval_count };
        }
        const mine = await collectStream(ours.stream({ model: 'llama3.2:3b', messages: [{ role: 'user', content: 'q' }] }), 'llama3.2:3b');
        expect(mine.text).toBe(text);
        expect(mine.reasoning ?? '').toBe(thinking);
        expect(mine.usage).toEqual(counters);
      }),
      { numRuns: 40 },
    );
  });
});
