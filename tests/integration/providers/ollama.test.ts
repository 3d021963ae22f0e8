import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProvider } from '../../../electron/providers/factory';
import { type ProviderError } from '../../../electron/http/errors';
import { normalizeOllamaUrl, ollamaUrlFromEnv, OllamaProvider } from '../../../electron/providers/ollama/ollama';
import { collectStream } from '../../../electron/providers/collect';
import { chatStream, ndjson, startFakeOllama, type FakeOllama } from '../../fakes/ollama';
import { startFakeServer } from '../../fakes/server';

describe('Ollama adapter against the fake', () => {
  let fake: FakeOllama;
  beforeEach(async () => {
    fake = await startFakeOllama();
  });
  afterEach(() => fake.close());

  const provider = (settings: { think?: boolean; credential?: string } = {}) =>
    createProvider('ollama', {
      baseUrl: fake.url,
      credential: settings.credential,
      options: settings.think === undefined ? {} : { think: settings.think },
      env: {},
    });

  it('streams /api/chat as NDJSON with the exact request', async () => {
    const response = await collectStream(
      provider({ think: true }).stream({
        model: 'llama3.2:3b',
        messages: [{ role: 'user', content: 'Hi', images: ['data:image/png;base64,QUJD'] }],
        temperature: 0.2,
        maxTokens: 64,
      }),
      'llama3.2:3b',
    );
    expect(response).toMatchObject({ text: 'Hi there!', usage: { inputTokens: 8, outputTokens: 3 }, finishReason: 'stop' });
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/api/chat' });
    expect(fake.requests[0]!.body).toEqual({
      model: 'llama3.2:3b',
      messages: [{ role: 'user', content: 'Hi', images: ['QUJD'] }],
      stream: true,
      options: { temperature: 0.2, num_predict: 64 },
      think: true,
    });
    // A local server gets no Authorization header even when a key exists.
    expect(fake.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('reports thinking as reasoning and tool calls whole, unwrapping odd names', async () => {
    fake.onChat({
      chunks: [
        ndjson(
          chatStream('llama3.2:3b', ['ok'], {
            thinking: ['let me see'],
            toolCalls: [
              { function: { name: 'tool.shell', arguments: { cmd: 'ls' } } },
              { function: { name: 'tool_call', arguments: { name: 'search', arguments: { q: 'x' } } } },
            ],
          }),
        ),
      ],
    });
    const response = await provider().chat({
      model: 'llama3.2:3b',
      messages: [{ role: 'user', content: 'q' }],
      tools: [{ name: 'shell', description: 'run', parameters: {} }],
    });
    expect(response.reasoning).toBe('let me see');
    expect(response.toolCalls.map((c) => [c.name, c.arguments])).toEqual([
      ['shell', '{"cmd":"ls"}'],
      ['search', '{"q":"x"}'],
    ]);
    expect(response.finishReason).toBe('tool_calls');
    expect((fake.requests[0]!.body as { tools: unknown[] }).tools).toHaveLength(1);
  });

  it('lists installed models with their details', async () => {
    expect(await provider().listModels()).toEqual([
      { id: 'llama3.2:3b', details: { size: 2_019_393_189, family: 'llama', parameters: '3.2B', quantization: 'Q4_K_M' } },
    ]);
  });

  it('a missing model is a not_found error', async () => {
    await expect(provider().chat({ model: 'nope:1b', messages: [] })).rejects.toMatchObject({ errorClass: 'not_found' });
  });

  it('a server that is not running says how to start it', async () => {
    const dead = await startFakeServer();
    await dead.close();
    const error = await createProvider('ollama', { baseUrl: dead.url, env: {} })
      .chat({ model: 'm', messages: [] })
      .catch((e: unknown) => e as ProviderError);
    expect(error).toMatchObject({ errorClass: 'network' });
    expect((error as Error).message).toContain('ollama serve');
  });

  it(':cloud models need a remote server and a key', async () => {
    await expect(provider().chat({ model: 'qwen3:cloud', messages: [] })).rejects.toThrow(/is local/);
  });
});

describe('Ollama URLs', () => {
  it('normalises a base URL and reads OLLAMA_HOST like the Ollama CLI', () => {
    expect(normalizeOllamaUrl('https://ollama.com/api/ ')).toBe('https://ollama.com');
    expect(normalizeOllamaUrl('http://h:11434/api/chat')).toBe('http://h:11434');
    expect(ollamaUrlFromEnv({ OLLAMA_HOST: '0.0.0.0' })).toBe('http://127.0.0.1:11434');
    expect(ollamaUrlFromEnv({ OLLAMA_HOST: 'gpu-box:9999' })).toBe('http://gpu-box:9999');
    expect(ollamaUrlFromEnv({ OLLAMA_HOST: 'https://ollama.example' })).toBe('https://ollama.example');
    expect(new OllamaProvider({ env: { OLLAMA_HOST: '127.0.0.1:12345' } }).baseUrl).toBe('http://127.0.0.1:12345');
  });
});
