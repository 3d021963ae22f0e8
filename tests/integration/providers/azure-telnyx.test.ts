import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProvider } from '../../../electron/providers/factory';
import { collectStream } from '../../../electron/providers/collect';
import { clearKnownSecrets } from '../../../electron/secrets/redact';
import { completion, errorReply, sseReply, sseStream } from '../../fakes/openai';
import { startFakeServer, type FakeServer } from '../../fakes/server';

describe('Azure OpenAI against a fake deployment endpoint', () => {
  let fake: FakeServer;
  beforeEach(async () => {
    fake = await startFakeServer();
    fake.route('POST', '/openai/deployments/gpt-4o-prod/chat/completions', (req) =>
      (req.body as { stream?: boolean }).stream
        ? sseReply(sseStream(['Azure', ' says', ' hi'], { usage: { prompt_tokens: 3, completion_tokens: 3, total_tokens: 6 } }))
        : { body: completion('Hello from Azure') },
    );
  });
  afterEach(async () => {
    clearKnownSecrets();
    await fake.close();
  });

  it('posts to the deployment URL with api-version and the api-key header, and no model field', async () => {
    const provider = createProvider('azure', {
      credential: 'azure-key-0123456789',
      baseUrl: fake.url,
      options: { deployment: 'gpt-4o-prod' },
      env: {},
    });
    const response = await provider.chat({ model: 'anything', messages: [{ role: 'user', content: 'Hi' }] });
    expect(response.text).toBe('Hello from Azure');
    const request = fake.requests[0]!;
    expect(request.path).toBe('/openai/deployments/gpt-4o-prod/chat/completions');
    expect(request.query.get('api-version')).toBe('2024-08-01-preview');
    expect(request.headers['api-key']).toBe('azure-key-0123456789');
    expect(request.headers.authorization).toBeUndefined();
    expect(request.body).not.toHaveProperty('model');
  });

  it('uses the model name as the deployment when none is set, an Entra token as Bearer, and a chosen api-version', async () => {
    const provider = createProvider('azure_openai', {
      credential: 'entra-token-0123456789',
      baseUrl: `${fake.url}/`,
      options: { auth: 'bearer', apiVersion: '2024-10-21' },
      env: {},
    });
    const streamed = await collectStream(
      provider.stream({ model: 'gpt-4o-prod', messages: [{ role: 'user', content: 'Hi' }] }),
      'gpt-4o-prod',
    );
    expect(streamed.text).toBe('Azure says hi');
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer entra-token-0123456789');
    expect(fake.requests[0]!.query.get('api-version')).toBe('2024-10-21');
    expect(await provider.listModels()).toEqual([]);
  });

  it('builds the endpoint from the resource name, and reports a wrong key', async () => {
    const { azureEndpoint } = await import('../../../electron/providers/openai-compatible/azure');
    expect(azureEndpoint({ options: { resource: 'contoso' }, env: {} }).endpoint).toBe('https://contoso.openai.azure.com');
    expect(azureEndpoint({ env: { AZURE_OPENAI_RESOURCE: 'fabrikam', AZURE_OPENAI_DEPLOYMENT: 'dep' } })).toMatchObject({
      endpoint: 'https://fabrikam.openai.azure.com',
      deployment: 'dep',
    });
    fake.route(
      'POST',
      '/openai/deployments/gpt-4o-prod/chat/completions',
      errorReply(401, 'Access denied due to invalid subscription key azure-key-0123456789'),
    );
    const error = (await createProvider('azure', { credential: 'azure-key-0123456789', baseUrl: fake.url, env: {} })
      .chat({ model: 'gpt-4o-prod', messages: [] })
      .catch((e: unknown) => e)) as Error & { errorClass: string };
    expect(error.errorClass).toBe('auth');
    expect(error.message).not.toContain('azure-key-0123456789');
  });
});

describe('Telnyx against a fake', () => {
  let fake: FakeServer;
  beforeEach(async () => {
    fake = await startFakeServer();
    fake.route('POST', '/v2/ai/chat/completions', { body: completion('Hello from Telnyx') });
    fake.route('GET', '/v2/ai/models', { body: { data: [{ id: 'meta-llama/llama-3.1-8b-instruct' }] } });
  });
  afterEach(() => fake.close());

  it('chats with Bearer auth, lists models, and sends tools as instructions', async () => {
    const provider = createProvider('telnyx', { credential: 'KEY0123456789', baseUrl: `${fake.url}/v2/ai`, env: {} });
    const response = await provider.chat({
      model: 'meta-llama/llama-3.1-8b-instruct',
      messages: [{ role: 'user', content: 'Hi' }],
      tools: [{ name: 'now', description: 'The time', parameters: { type: 'object' } }],
    });
    expect(response.text).toBe('Hello from Telnyx');
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer KEY0123456789');
    const body = fake.requests[0]!.body as { tools?: unknown; messages: Array<{ role: string; content: string }> };
    expect(body.tools).toBeUndefined();
    expect(body.messages[0]!.content).toContain('**now**: The time');
    expect(await provider.listModels()).toEqual([{ id: 'meta-llama/llama-3.1-8b-instruct' }]);
  });
});
