import { GoogleGenAI } from '@google/genai';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProvider } from '../../../electron/providers/factory';
import type { GeminiProvider } from '../../../electron/providers/gemini/gemini';
import { collectStream } from '../../../electron/providers/collect';
import { type StreamEvent } from '../../../electron/providers/traits';
import { clearKnownSecrets } from '../../../electron/secrets/redact';
import { geminiChunk, geminiSse, startFakeGemini, type FakeGemini } from '../../fakes/gemini';

const KEY = 'AIzaFakeKey0123456789abcdefghijklmno';

describe('Gemini adapter against the fake', () => {
  let fake: FakeGemini;
  beforeEach(async () => {
    fake = await startFakeGemini();
  });
  afterEach(async () => {
    clearKnownSecrets();
    await fake.close();
  });
  const provider = () => createProvider('gemini', { credential: KEY, baseUrl: fake.baseUrl, env: {} });

  it('streams with the key in a header (never the URL), system instruction and user/model roles', async () => {
    const response = await provider().chat({
      model: 'gemini-fake',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'Again', images: ['data:image/png;base64,QUJD'] },
      ],
      temperature: 0.4,
      maxTokens: 100,
    });
    expect(response).toMatchObject({ text: 'Hello from Gemini', usage: { inputTokens: 5, outputTokens: 4 }, finishReason: 'stop' });
    const request = fake.requests[0]!;
    expect(request.path).toBe('/v1beta/models/gemini-fake:streamGenerateContent');
    expect(request.query.get('alt')).toBe('sse');
    expect(request.query.get('key')).toBeNull();
    expect(request.headers['x-goog-api-key']).toBe(KEY);
    expect(request.body).toEqual({
      contents: [
        { role: 'user', parts: [{ text: 'Hi' }] },
        { role: 'model', parts: [{ text: 'Hello!' }] },
        { role: 'user', parts: [{ text: 'Again' }, { inlineData: { mimeType: 'image/png', data: 'QUJD' } }] },
      ],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      generationConfig: { temperature: 0.4, maxOutputTokens: 100 },
    });
  });

  it('reports thought parts as reasoning, function calls as tool calls, and thinking tokens apart', async () => {
    fake.onStream('gemini-fake', {
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      chunks: [
        geminiSse([
          geminiChunk([{ text: 'Planning', thought: true }]),
          geminiChunk([{ functionCall: { name: 'get_weather', args: { city: 'Oslo' } } }], {
            finishReason: 'STOP',
            usage: { promptTokenCount: 20, candidatesTokenCount: 6, thoughtsTokenCount: 30 },
          }),
        ]),
      ],
    });
    const events: StreamEvent[] = [];
    for await (const event of provider().stream({
      model: 'gemini-fake',
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: [{ name: 'get_weather', description: 'Weather', parameters: { type: 'object' } }],
    }))
      events.push(event);
    expect(events).toEqual([
      { type: 'reasoning', delta: 'Planning' },
      { type: 'tool_call', call: { id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' } },
      { type: 'usage', usage: { inputTokens: 20, outputTokens: 36, reasoningTokens: 30 } },
      { type: 'done', finishReason: 'tool_calls' },
    ]);
    expect((fake.requests[0]!.body as { tools: unknown }).tools).toEqual([
      { functionDeclarations: [{ name: 'get_weather', description: 'Weather', parameters: { type: 'object' } }] },
    ]);
  });

  it('sends tool results back as functionResponse parts (the seed dropped them)', async () => {
    await provider().chat({
      model: 'gemini-fake',
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'get_weather', arguments: '{"city":"Oslo"}' }] },
        { role: 'tool', content: '3 degrees', toolCallId: 'c1' },
      ],
    });
    expect((fake.requests[0]!.body as { contents: unknown }).contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather?' }] },
      { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Oslo' } } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { content: '3 degrees' } } }] },
    ]);
  });

  it('lists generation models and says where the key came from', async () => {
    expect(await provider().listModels()).toEqual([{ id: 'gemini-fake', details: { name: 'Gemini Fake', contextLength: 1_048_576 } }]);
    expect((createProvider('gemini', { baseUrl: fake.baseUrl, env: { GOOGLE_API_KEY: KEY } }) as GeminiProvider).credentialSource).toBe(
      'GOOGLE_API_KEY env var',
    );
    expect((provider() as GeminiProvider).credentialSource).toBe('profile');
  });

  it('maps errors by class without showing the key, and says where to get one', async () => {
    fake.onStream('gemini-fake', {
      status: 400,
      body: { error: { code: 400, message: `API key not valid: ${KEY}`, status: 'INVALID_ARGUMENT' } },
    });
    const error = (await provider()
      .chat({ model: 'gemini-fake', messages: [] })
      .catch((e: unknown) => e)) as Error & { errorClass: string };
    expect(error.message).not.toContain(KEY);
    fake.onStream('gemini-fake', {
      status: 429,
      headers: { 'retry-after': '12' },
      body: { error: { code: 429, message: 'Resource has been exhausted', status: 'RESOURCE_EXHAUSTED' } },
    });
    expect(
      await provider()
        .chat({ model: 'gemini-fake', messages: [] })
        .catch((e: unknown) => e),
    ).toMatchObject({ errorClass: 'rate_limit', retryAfterMs: 12_000 });
    fake.onStream('gemini-fake', {
      status: 403,
      body: { error: { code: 403, message: 'Permission denied', status: 'PERMISSION_DENIED' } },
    });
    expect(
      await provider()
        .chat({ model: 'gemini-fake', messages: [] })
        .catch((e: unknown) => e),
    ).toMatchObject({ errorClass: 'auth' });
    await expect(createProvider('gemini', { baseUrl: fake.baseUrl, env: {} }).chat({ model: 'm', messages: [] })).rejects.toThrow(
      /aistudio\.google\.com/,
    );
  });
});

describe('differential: our Gemini stream parsing vs @google/genai', () => {
  let fake: FakeGemini;
  beforeEach(async () => {
    fake = await startFakeGemini();
  });
  afterEach(() => fake.close());

  it('agrees on text and usage for random chunkings', async () => {
    const sdk = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: fake.url, apiVersion: 'v1beta' } });
    const ours = createProvider('gemini', { credential: KEY, baseUrl: fake.baseUrl, env: {} });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 15 }),
        async (texts, cuts) => {
          const chunks = texts.map((text, i) =>
            geminiChunk(
              [{ text }],
              i === texts.length - 1
                ? {
                    finishReason: 'STOP',
                    usage: { promptTokenCount: 3, candidatesTokenCount: texts.length, totalTokenCount: 3 + texts.length },
                  }
                : {},
            ),
          );
          const wire = Buffer.from(geminiSse(chunks));
          const points = [...new Set(cuts.map((c) => c % wire.length))].filter((c) => c > 0).sort((a, b) => a - b);
          const pieces = points.map((p, i) => wire.subarray(i === 0 ? 0 : points[i - 1], p)).concat(wire.subarray(points.at(-1) ?? 0));
          fake.onStream('gemini-fake', { status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: pieces });
          let sdkText = '';
          let sdkUsage: { promptTokenCount?: number; candidatesTokenCount?: number } | undefined;
          for await (const chunk of await sdk.models.generateContentStream({ model: 'gemini-fake', contents: 'q' })) {
            sdkText += chunk.text ?? '';
            if (chunk.usageMetadata) sdkUsage = chunk.usageMetadata;
          }
          const mine = await collectStream(
            ours.stream({ model: 'gemini-fake', messages: [{ role: 'user', content: 'q' }] }),
            'gemini-fake',
          );
          expect(mine.text).toBe(sdkText);
          expect(mine.usage).toEqual({ inputTokens: sdkUsage?.promptTokenCount, outputTokens: sdkUsage?.candidatesTokenCount });
        },
      ),
      { numRuns: 30 },
    );
  });
});
