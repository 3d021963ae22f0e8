// GitHub Copilot against the loopback GitHub fake: the token exchange and its headers, the cache
// (one exchange for many requests, a new one 120 s before expiry and after a 401), chat, stream,
// tools, the model list, and the errors a user can hit.
import { afterEach, describe, expect, it } from 'vitest';
import { CopilotProvider, CopilotTokenCache, EDITOR_HEADERS } from '../../../electron/providers/copilot/copilot';
import { createProvider } from '../../../electron/providers/factory';
import { ProviderError } from '../../../electron/http/errors';
import { collectStream } from '../../../electron/providers/collect';
import { fakeClock, type FakeClock } from '../../fakes/clock';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from '../../fakes/github';

const GITHUB_TOKEN = 'gho_fakeGitHubToken0123456789';
let github: FakeGitHub | undefined;
afterEach(async () => {
  await github?.close();
  github = undefined;
});

async function setup(
  options: FakeGitHubOptions = {},
  credential = GITHUB_TOKEN,
): Promise<{ provider: CopilotProvider; cache: CopilotTokenCache; clock: FakeClock }> {
  const clock = fakeClock();
  github = await startFakeGitHub({ now: clock.now, ...options });
  const cache = new CopilotTokenCache(clock);
  const provider = new CopilotProvider({
    credential,
    env: { SWITCHYARD_GITHUB_URL: github.url },
    cache,
    capabilities: { nativeTools: true, vision: true, streaming: true, promptCaching: false },
  });
  return { provider, cache, clock };
}

const ask = (content: string) => ({ model: 'gpt-4o', messages: [{ role: 'user' as const, content }] });

describe('Copilot token exchange', () => {
  it('trades the GitHub token with "token" auth and the editor headers, then chats with the Copilot token', async () => {
    const { provider } = await setup();
    const answer = await provider.chat(ask('hi'));
    expect(answer.text).toBe('Copilot says: hi');
    expect(answer.usage).toMatchObject({ inputTokens: 9, outputTokens: 4 });
    const [exchange, chat] = github!.server.requests;
    expect(exchange!.path).toBe('/copilot_internal/v2/token');
    expect(exchange!.headers.authorization).toBe(`token ${GITHUB_TOKEN}`);
    expect(chat!.path).toBe('/chat/completions');
    expect(chat!.headers.authorization).toBe(`Bearer ${github!.issuedCopilotTokens[0]}`);
    for (const request of [exchange!, chat!]) {
      for (const [name, value] of Object.entries(EDITOR_HEADERS)) expect(request.headers[name]).toBe(value);
    }
  });

  it('reuses one Copilot token for many requests, and concurrent first requests share one exchange', async () => {
    const { provider, cache } = await setup();
    await Promise.all([provider.chat(ask('a')), provider.chat(ask('b')), provider.chat(ask('c'))]);
    await provider.chat(ask('d'));
    expect(cache.exchanges).toBe(1);
  });

  it('trades again 120 s before the token expires, not earlier', async () => {
    const { provider, cache, clock } = await setup({ copilotTokenLifetimeS: 1500 });
    await provider.chat(ask('a'));
    clock.advance((1500 - 121) * 1000);
    await provider.chat(ask('b'));
    expect(cache.exchanges).toBe(1);
    clock.advance(2000);
    await provider.chat(ask('c'));
    expect(cache.exchanges).toBe(2);
    const lastChat = github!.server.requests.filter((r) => r.path === '/chat/completions').at(-1)!;
    expect(lastChat.headers.authorization).toBe(`Bearer ${github!.issuedCopilotTokens[1]}`);
  });

  it('trades again and retries once when the chat endpoint answers 401', async () => {
    const { provider, cache } = await setup();
    await provider.chat(ask('a'));
    github!.revoked.add(github!.issuedCopilotTokens[0]!);
    const answer = await provider.chat(ask('after revoke'));
    expect(answer.text).toBe('Copilot says: after revoke');
    expect(cache.exchanges).toBe(2);
    const chats = github!.server.requests.filter((r) => r.path === '/chat/completions');
    expect(chats.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${github!.issuedCopilotTokens[0]}`,
      `Bearer ${github!.issuedCopilotTokens[0]}`,
      `Bearer ${github!.issuedCopilotTokens[1]}`,
    ]);
  });

  it('does the same for a stream that is refused with 401 before any output', async () => {
    const { provider, cache } = await setup();
    await provider.chat(ask('a'));
    github!.revoked.add(github!.issuedCopilotTokens[0]!);
    const result = await collectStream(provider.stream(ask('streamed')), 'gpt-4o');
    expect(result.text).toBe('Copilot says: streamed');
    expect(cache.exchanges).toBe(2);
  });

  it('gives up after one retry when the new token is refused too', async () => {
    const { provider } = await setup();
    await provider.chat(ask('a'));
    github!.server.route('POST', '/chat/completions', { status: 401, body: { error: { message: 'unauthorized' } } });
    await expect(provider.chat(ask('b'))).rejects.toMatchObject({ errorClass: 'auth', status: 401 });
    expect(github!.server.requests.filter((r) => r.path === '/copilot_internal/v2/token')).toHaveLength(2);
  });

  it('keeps Copilot tokens apart per GitHub account (the seed reused one cached token after an account change)', async () => {
    const { cache } = await setup();
    const env = { SWITCHYARD_GITHUB_URL: github!.url };
    const capabilities = { nativeTools: true, vision: true, streaming: true, promptCaching: false };
    const first = new CopilotProvider({ credential: GITHUB_TOKEN, env, cache, capabilities });
    const other = new CopilotProvider({ credential: 'gho_anotherAccountToken', env, cache, capabilities });
    await first.chat(ask('a'));
    await expect(other.chat(ask('b'))).rejects.toMatchObject({ errorClass: 'auth' });
    expect(github!.server.requests.filter((r) => r.path === '/copilot_internal/v2/token').map((r) => r.headers.authorization)).toEqual([
      `token ${GITHUB_TOKEN}`,
      'token gho_anotherAccountToken',
    ]);
  });

  it('says "sign in again" when GitHub no longer accepts the GitHub token', async () => {
    const { provider } = await setup({}, 'gho_revokedToken');
    const error = await provider.chat(ask('a')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ errorClass: 'auth', status: 401, message: expect.stringContaining('Sign in again') });
    expect((error as Error).message).not.toContain('gho_revokedToken');
  });

  it('says the account has no Copilot subscription on a 403', async () => {
    const { provider } = await setup({ exchangeStatus: 403 });
    await expect(provider.chat(ask('a'))).rejects.toMatchObject({
      errorClass: 'auth',
      message: expect.stringContaining('no active Copilot subscription'),
    });
  });

  it('asks to sign in when there is no GitHub token, without any request', async () => {
    const { provider } = await setup({}, '');
    await expect(provider.chat(ask('a'))).rejects.toMatchObject({
      errorClass: 'auth',
      message: expect.stringContaining('Sign in with GitHub'),
    });
    expect(github!.server.requests).toHaveLength(0);
  });
});

describe('Copilot chat', () => {
  it('streams text and usage with stream: true', async () => {
    const { provider } = await setup();
    const events = [];
    for await (const event of provider.stream(ask('stream me'))) events.push(event);
    const text = events.flatMap((e) => (e.type === 'text' ? [e.delta] : [])).join('');
    expect(text).toBe('Copilot says: stream me');
    expect(events.find((e) => e.type === 'usage')).toMatchObject({ usage: { inputTokens: 9, outputTokens: 4 } });
    const chat = github!.server.requests.find((r) => r.path === '/chat/completions')!;
    expect(chat.body).toMatchObject({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'stream me' }] });
  });

  it('sends native tools and reads tool calls back', async () => {
    const { provider } = await setup();
    github!.server.route('POST', '/chat/completions', (req) => {
      const body = req.body as { tools?: unknown[]; stream?: boolean };
      expect(body.tools).toEqual([
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
          },
        },
      ]);
      const call = { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } };
      const chunk = {
        id: 'c',
        object: 'chat.completion.chunk',
        model: 'gpt-4o',
        choices: [{ index: 0, delta: { tool_calls: [{ index: 0, ...call }] }, finish_reason: 'tool_calls' }],
      };
      return body.stream
        ? { headers: { 'content-type': 'text/event-stream' }, chunks: [`data: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`] }
        : { body: { choices: [{ message: { role: 'assistant', content: null, tool_calls: [call] }, finish_reason: 'tool_calls' }] } };
    });
    const answer = await provider.chat({
      ...ask('weather?'),
      tools: [{ name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
    });
    expect(answer.toolCalls).toEqual([{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }]);
    expect(answer.finishReason).toBe('tool_calls');
  });

  it('lists the models of the Copilot endpoint', async () => {
    const { provider } = await setup();
    const models = await provider.listModels();
    expect(models.map((m) => m.id).sort()).toEqual(['claude-sonnet-4', 'gpt-4o']);
  });

  it('is built by the factory from a profile key, without reading API_KEY from the environment', async () => {
    github = await startFakeGitHub();
    const provider = createProvider('github-copilot', { env: { API_KEY: 'stray-generic-key', SWITCHYARD_GITHUB_URL: github.url } });
    expect(provider.key).toBe('copilot');
    await expect(provider.chat(ask('a'))).rejects.toMatchObject({ message: expect.stringContaining('not signed in') });
    expect(github.server.requests).toHaveLength(0);
  });
});
