import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestHost, type TestHost } from '../../helpers/host';
import { addManagementEndpoints, startFakeOllama, type FakeModel, type FakeOllama } from '../../fakes/ollama';
import { startFakeServer } from '../../fakes/server';
import { callHost } from '../../helpers/call';

describe('Ollama management against the fake', () => {
  let host: TestHost;
  let fake: FakeOllama;
  let models: FakeModel[];
  beforeEach(async () => {
    models = [{ name: 'llama3.2:3b', size: 2_019_393_189, family: 'llama', parameterSize: '3.2B', quantization: 'Q4_K_M' }];
    fake = await startFakeOllama(models);
    addManagementEndpoints(fake, models, { pullDelayMs: 20 });
    host = await createTestHost({ env: { OLLAMA_HOST: fake.url.replace('http://', '') } });
  });
  afterEach(async () => {
    await host.cleanup();
    await fake.close();
  });

  const call = <T = Record<string, unknown>>(method: string, input: unknown = {}) => callHost<T>(host, method, input);

  const pullEvents = () =>
    host.events
      .filter((e) => e.event === 'ollama.pull')
      .map(
        (e) =>
          e.payload as {
            state: string;
            completed: number;
            total: number;
            layers: unknown[];
            bytesPerSecond: number | null;
            etaSeconds: number | null;
            error?: string;
          },
      );

  it('finds the server from OLLAMA_HOST and reports its version', async () => {
    expect(await call('ollama.status')).toMatchObject({ baseUrl: fake.url, source: 'OLLAMA_HOST', running: true, version: '0.12.0' });
  });

  it('lists models with size, family, parameters and quantisation', async () => {
    expect(await call('ollama.models')).toEqual({
      models: [
        {
          name: 'llama3.2:3b',
          size: 2_019_393_189,
          modifiedAt: '2026-11-01T00:00:00Z',
          family: 'llama',
          parameters: '3.2B',
          quantization: 'Q4_K_M',
        },
      ],
    });
  });

  it('pulls with per-layer and overall progress, then lists the new model', async () => {
    await call('ollama.pull', { model: 'qwen3:4b' });
    await vi.waitFor(() => expect(pullEvents().at(-1)?.state).toBe('done'), { timeout: 50_000 });
    const events = pullEvents();
    const last = events.at(-1)!;
    expect(last).toMatchObject({
      completed: 2_000_012_000,
      total: 2_000_012_000,
      layers: [expect.objectContaining({ total: 2_000_000_000 }), expect.objectContaining({ total: 12_000 })],
    });
    // Progress only grows.
    const completed = events.map((e) => e.completed);
    expect(completed).toEqual([...completed].sort((a, b) => a - b));
    expect(events.some((e) => e.bytesPerSecond !== null && e.etaSeconds !== null)).toBe(true);
    expect((await call<{ models: Array<{ name: string }> }>('ollama.models')).models.map((m) => m.name)).toContain('qwen3:4b');
  });

  it('cancels a pull mid-way: the request is aborted and the pull ends as cancelled', async () => {
    addManagementEndpoints(fake, models, { pullDelayMs: 300 });
    const { pullId } = await call<{ pullId: string }>('ollama.pull', { model: 'big:70b' });
    await vi.waitFor(() => expect(pullEvents().length).toBeGreaterThan(0), { timeout: 50_000 });
    await call('ollama.cancelPull', { pullId });
    await vi.waitFor(() => expect(pullEvents().at(-1)?.state).toBe('cancelled'), { timeout: 50_000 });
    await vi.waitFor(() => expect(fake.aborted.some((r) => r.path === '/api/pull')).toBe(true));
  });

  it('reports a model that does not exist in the registry', async () => {
    await call('ollama.pull', { model: 'missing-model' });
    await vi.waitFor(() => expect(pullEvents().at(-1)?.state).toBe('error'), { timeout: 50_000 });
    expect(pullEvents().at(-1)?.error).toContain('file does not exist');
  });

  it("tests a model with Ollama's counters, shows it running, unloads and deletes it", async () => {
    const result = await call('ollama.test', { model: 'llama3.2:3b' });
    expect(result).toMatchObject({
      loadMs: 500,
      ttftMs: 600,
      tokensPerSecond: 50,
      promptTokensPerSecond: 120,
      outputTokens: 40,
      totalMs: 1500,
      answer: 'The sea is wide.',
    });
    expect((await call<{ models: Array<{ name: string }> }>('ollama.running')).models.map((m) => m.name)).toEqual(['llama3.2:3b']);
    await call('ollama.unload', { model: 'llama3.2:3b' });
    expect((await call<{ models: unknown[] }>('ollama.running')).models).toEqual([]);
    expect(fake.requests.at(-2)!.body).toEqual({ model: 'llama3.2:3b', keep_alive: 0 });
    await call('ollama.delete', { model: 'llama3.2:3b' });
    expect((await call<{ models: unknown[] }>('ollama.models')).models).toEqual([]);
    await expect(call('ollama.delete', { model: 'llama3.2:3b' })).rejects.toThrow(/not installed/);
    await expect(call('ollama.test', { model: 'nope' })).rejects.toThrow(/not installed; pull it first/);
  });

  it('says how to start Ollama when nothing answers, naming the URL tried', async () => {
    const dead = await startFakeServer();
    await dead.close();
    const status = await call<{ running: boolean; baseUrl: string; error: string; hint: string }>('ollama.status', { baseUrl: dead.url });
    expect(status).toMatchObject({ running: false, baseUrl: dead.url });
    expect(status.error).toContain(`Ollama is not answering at ${dead.url}`);
    expect(status.hint).toContain('ollama serve');
    await expect(call('ollama.models', { baseUrl: dead.url })).rejects.toMatchObject({ code: 'ollama_not_running' });
  });

  it('explains a remote server that wants a key', async () => {
    fake.route('GET', '/api/tags', { status: 401, body: { error: 'unauthorized' } });
    await expect(call('ollama.models')).rejects.toThrow(/needs a key/);
  });
});
