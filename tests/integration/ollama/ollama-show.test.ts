// A model's details for the Ollama page: context window, parameters, quantisation, capabilities.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch';
import { addManagementEndpoints, startFakeOllama, type FakeOllama } from '../../fakes/ollama';
import { createTestHost, type TestHost } from '../../helpers/host';

describe('ollama.show', () => {
  let host: TestHost;
  let fake: FakeOllama;
  beforeEach(async () => {
    const models = [{ name: 'llama3.2:3b', size: 2_019_393_189, family: 'llama', parameterSize: '3.2B', quantization: 'Q4_K_M' }];
    fake = await startFakeOllama(models);
    addManagementEndpoints(fake, models);
    host = await createTestHost({ env: { OLLAMA_HOST: fake.url.replace('http://', '') } });
  });
  afterEach(async () => {
    await host.cleanup();
    await fake.close();
  });

  it("reads the context window from the architecture's key, with parameters, quantisation and capabilities", async () => {
    const envelope = await dispatch(host.ctx, 'ollama.show', { model: 'llama3.2:3b' });
    expect(envelope).toEqual({
      ok: true,
      result: {
        model: 'llama3.2:3b',
        contextLength: 131_072,
        parameterCount: 3_212_749_888,
        parameters: '3.2B',
        quantization: 'Q4_K_M',
        family: 'llama',
        format: 'gguf',
        capabilities: ['completion', 'tools'],
        license: 'LLAMA 3.2 COMMUNITY LICENSE AGREEMENT',
      },
    });
  });

  it('says plainly when the model is not installed', async () => {
    const envelope = await dispatch(host.ctx, 'ollama.show', { model: 'missing:1b' });
    expect(envelope).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('missing:1b is not installed') },
    });
  });
});
