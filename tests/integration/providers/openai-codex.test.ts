import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CodexAuth, type CodexTokens } from '../../../electron/auth/codex/oauth';
import { ProviderError } from '../../../electron/http/errors';
import {
  buildResponsesInput,
  clampReasoningEffort,
  CODEX_RESPONSES_URL,
  DEFAULT_CODEX_INSTRUCTIONS,
  isDefaultResponsesUrl,
  OpenAICodexProvider,
  resolveResponsesUrl,
} from '../../../electron/providers/openai-codex/openai-codex';
import type { StreamEvent } from '../../../electron/providers/traits';
import { FAKE_ACCOUNT_ID, memoryTokenStore, responseEvents, sse, sseReply, startFakeCodex, type FakeCodex } from '../../fakes/codex';

async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

const USER = [{ role: 'user' as const, content: 'Hi' }];

describe('OpenAI Codex adapter against the fake Responses endpoint', () => {
  let fake: FakeCodex;
  let token: { access_token: string; refresh_token: string; id_token: string };
  beforeEach(async () => {
    fake = await startFakeCodex();
    token = fake.mint();
  });
  afterEach(() => fake.close());

  const staticAuth = (accessToken = token.access_token, accountId: string | null = FAKE_ACCOUNT_ID) => ({
    label: 'ChatGPT sign-in',
    grant: async () => ({ token: accessToken, ...(accountId && { accountId }) }),
  });
  const provider = (extra: Partial<ConstructorParameters<typeof OpenAICodexProvider>[0]> = {}) =>
    new OpenAICodexProvider({ baseUrl: fake.codexBase, auth: staticAuth(), env: {}, ...extra });

  async function failure(promise: Promise<unknown>): Promise<ProviderError> {
    const error = await promise.then(
      () => {
        throw new Error('expected a failure');
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProviderError);
    return error as ProviderError;
  }

  it('sends the seed’s exact request and decodes text, usage and finish', async () => {
    const response = await provider().chat({
      model: 'openai/gpt-5-codex',
      temperature: 0.3,
      maxTokens: 50,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
    });
    expect(response).toEqual({
      text: 'Hello from Codex',
      toolCalls: [],
      usage: { inputTokens: 21, cachedInputTokens: 5, outputTokens: 13, reasoningTokens: 4 },
      finishReason: 'stop',
      model: 'gpt-5-codex',
    });
    const [request] = fake.responsesRequests();
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/backend-api/codex/responses');
    expect(request!.headers).toMatchObject({
      authorization: `Bearer ${token.access_token}`,
      'chatgpt-account-id': FAKE_ACCOUNT_ID,
      'openai-beta': 'responses=experimental',
      originator: 'pi',
      accept: 'text/event-stream',
      'content-type': 'application/json',
    });
    expect(request!.body).toEqual({
      model: 'gpt-5-codex',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'Hi' }] }],
      instructions: 'Be brief.',
      store: false,
      stream: true,
      text: { verbosity: 'medium' },
      reasoning: { effort: 'high', summary: 'auto' },
      include: ['reasoning.encrypted_content'],
      tool_choice: 'auto',
      parallel_tool_calls: true,
    });
    // Field order as the seed; no temperature, max tokens or tools.
    expect(Object.keys(request!.body as object)).toEqual([
      'model',
      'input',
      'instructions',
      'store',
      'stream',
      'text',
      'reasoning',
      'include',
      'tool_choice',
      'parallel_tool_calls',
    ]);
  });

  it('streams every event type: reasoning summary parts, reasoning text, output text, usage, done', async () => {
    const events = responseEvents({ reasoning: [['Think', 'ing'], ['More']], text: ['Hel', 'lo'] });
    events.splice(2, 0, { type: 'response.reasoning_text.delta', item_id: 'rs_0', delta: 'raw ' });
    fake.onResponses(sseReply(events));
    expect(await collect(provider({ reasoningEffort: 'Medium' }).stream({ model: 'gpt-5-codex', messages: USER }))).toEqual([
      { type: 'reasoning', delta: 'raw ' },
      { type: 'reasoning', delta: 'Think' },
      { type: 'reasoning', delta: 'ing' },
      { type: 'reasoning', delta: '\n\n' },
      { type: 'reasoning', delta: 'More' },
      { type: 'text', delta: 'Hel' },
      { type: 'text', delta: 'lo' },
      { type: 'usage', usage: { inputTokens: 21, cachedInputTokens: 5, outputTokens: 13, reasoningTokens: 4 } },
      { type: 'done', finishReason: 'stop' },
    ]);
    expect((fake.responsesRequests()[0]!.body as { reasoning: unknown }).reasoning).toEqual({ effort: 'medium', summary: 'auto' });
    const chat = await provider().chat({ model: 'gpt-5-codex', messages: USER });
    expect(chat.reasoning).toBe('raw Thinking\n\nMore');
  });

  it('splits the SSE across arbitrary byte boundaries, including inside a multibyte character', async () => {
    const wire = Buffer.from(sse(responseEvents({ text: ['世界', ' ok'] })));
    const cut = wire.indexOf(Buffer.from('世')) + 1;
    fake.onResponses({
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      chunks: [wire.subarray(0, 17), { delayMs: 5 }, wire.subarray(17, cut), { delayMs: 5 }, wire.subarray(cut)],
    });
    expect((await provider().chat({ model: 'gpt-5-codex', messages: USER })).text).toBe('世界 ok');
  });

  it('falls back to the completed response when no delta came, and to output_text.done (§2.13)', async () => {
    fake.onResponses(sseReply(responseEvents({ completedTextOnly: true, text: ['Only ', 'completed'] })));
    expect((await provider().chat({ model: 'gpt-5-codex', messages: USER })).text).toBe('Only completed');
    fake.onResponses(
      sseReply([
        { type: 'response.output_text.done', text: 'from done' },
        { type: 'response.completed', response: { output_text: 'from completed', usage: { input_tokens: 1, output_tokens: 2 } } },
      ]),
    );
    expect(await provider().chat({ model: 'gpt-5-codex', messages: USER })).toMatchObject({
      text: 'from done',
      usage: { inputTokens: 1, outputTokens: 2 },
    });
    fake.onResponses(
      sseReply([
        { type: 'response.completed', response: { output: [{ type: 'message', content: [{ type: 'refusal', text: 'nested any' }] }] } },
      ]),
    );
    expect((await provider().chat({ model: 'gpt-5-codex', messages: USER })).text).toBe('nested any');
  });

  it('reads single-newline data lines and [DONE] as the seed does; deltas win over the completed text', async () => {
    const lines = [
      { type: 'response.created', response: {} },
      { type: 'response.output_text.delta', delta: 'Hello' },
      { type: 'response.output_text.delta', delta: ' world' },
      { type: 'response.completed', response: { output_text: 'Hello world (completed)' } },
    ].map((e) => `data: ${JSON.stringify(e)}`);
    fake.onResponses({ status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: [`${lines.join('\n')}\ndata: [DONE]\n\n`] });
    expect(await provider().chat({ model: 'gpt-5-codex', messages: USER })).toMatchObject({ text: 'Hello world', finishReason: 'stop' });
  });

  it('reports an incomplete response as length, and accepts a plain JSON reply', async () => {
    fake.onResponses(sseReply(responseEvents({ status: 'incomplete', text: ['cut sh'] })));
    expect(await provider().chat({ model: 'gpt-5-codex', messages: USER })).toMatchObject({ text: 'cut sh', finishReason: 'length' });
    fake.onResponses({
      body: {
        status: 'completed',
        output: [{ type: 'message', content: [{ type: 'output_text', text: 'json body' }] }],
        usage: { input_tokens: 3, output_tokens: 4 },
      },
    });
    expect(await provider().chat({ model: 'gpt-5-codex', messages: USER })).toMatchObject({
      text: 'json body',
      usage: { inputTokens: 3, outputTokens: 4 },
      finishReason: 'stop',
    });
  });

  it('maps history: images, assistant turns, prompt-guided tools and their results', async () => {
    await provider().chat({
      model: 'gpt-5.1-codex-mini',
      tools: [{ name: 'get_weather', description: 'Weather by city', parameters: { type: 'object' } }],
      messages: [
        { role: 'system', content: 'Sys A' },
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: 'Checking.', toolCalls: [{ id: 'c1', name: 'get_weather', arguments: '{"city":"Oslo"}' }] },
        { role: 'tool', content: 'sunny', toolCallId: 'c1', toolName: 'get_weather' },
        { role: 'system', content: 'Sys B' },
        { role: 'user', content: 'And this?', images: ['data:image/png;base64,QUJD'] },
        { role: 'user', content: '  ', images: [] },
      ],
    });
    const body = fake.responsesRequests()[0]!.body as {
      instructions: string;
      input: unknown[];
      reasoning: { effort: string };
      tools?: unknown;
    };
    expect(body.instructions.startsWith('Sys A\n\n## Tool Use Protocol')).toBe(true);
    expect(body.instructions).toContain('**get_weather**: Weather by city');
    expect(body.instructions.endsWith('\n\nSys B')).toBe(true);
    expect(body.tools).toBeUndefined();
    expect(body.reasoning.effort).toBe('high');
    expect(body.input).toEqual([
      { role: 'user', content: [{ type: 'input_text', text: 'Weather?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'output_text', text: 'Checking.\n<tool_call>\n{"name":"get_weather","arguments":{"city":"Oslo"}}\n</tool_call>' },
        ],
      },
      { role: 'user', content: [{ type: 'input_text', text: '<tool_result name="get_weather">\nsunny\n</tool_result>' }] },
      {
        role: 'user',
        content: [
          { type: 'input_text', text: 'And this?' },
          { type: 'input_image', image_url: 'data:image/png;base64,QUJD' },
        ],
      },
      { role: 'user', content: [{ type: 'input_text', text: '' }] },
    ]);
  });

  it('uses the default instructions when the system prompt is missing or blank (the seed sent "")', () => {
    expect(buildResponsesInput(USER).instructions).toBe(DEFAULT_CODEX_INSTRUCTIONS);
    expect(buildResponsesInput([{ role: 'system', content: '   ' }, ...USER]).instructions).toBe(DEFAULT_CODEX_INSTRUCTIONS);
    expect(buildResponsesInput([{ role: 'system', content: 'Be strict' }, ...USER]).instructions).toBe('Be strict');
    expect(buildResponsesInput([{ role: 'user', content: '', images: ['data:image/png;base64,AA'] }]).input).toEqual([
      { role: 'user', content: [{ type: 'input_image', image_url: 'data:image/png;base64,AA' }] },
    ]);
  });

  it('refreshes once after a 401 and retries once', async () => {
    const tokens: CodexTokens = {
      accessToken: token.access_token,
      refreshToken: token.refresh_token,
      expiresAt: Date.now() + 3600_000,
      accountId: FAKE_ACCOUNT_ID,
    };
    const store = memoryTokenStore(tokens);
    const auth = new CodexAuth({ store, issuer: fake.issuer, env: {} });
    fake.validAccessTokens.delete(token.access_token); // revoked server-side, still "valid" locally
    const response = await provider({ auth }).chat({ model: 'gpt-5-codex', messages: USER });
    expect(response.text).toBe('Hello from Codex');
    const [first, second] = fake.responsesRequests();
    expect(first!.headers.authorization).toBe(`Bearer ${token.access_token}`);
    expect(second!.headers.authorization).toBe(`Bearer ${store.tokens!.accessToken}`);
    expect(store.tokens!.accessToken).not.toBe(token.access_token);
    expect(fake.tokenRequests().map((r) => r.form.get('grant_type'))).toEqual(['refresh_token']);
    expect(second!.body).toEqual(first!.body);
  });

  it('gives up after one retry, and a refused refresh says to sign in again', async () => {
    let refreshes = 0;
    const auth = {
      label: 'ChatGPT sign-in',
      grant: async () => ({ token: 'stale-token-0123456789', accountId: FAKE_ACCOUNT_ID }),
      afterRejection: async () => (refreshes++, { token: 'still-bad-token-0123456789', accountId: FAKE_ACCOUNT_ID }),
    };
    const error = await failure(provider({ auth }).chat({ model: 'gpt-5-codex', messages: USER }));
    expect(error).toMatchObject({ errorClass: 'auth', status: 401 });
    expect(refreshes).toBe(1);
    expect(fake.responsesRequests()).toHaveLength(2);

    const store = memoryTokenStore({
      accessToken: 'stale-token-0123456789',
      refreshToken: 'rt-revoked-0123456789',
      expiresAt: Date.now() + 3600_000,
      accountId: FAKE_ACCOUNT_ID,
    });
    const codexAuth = new CodexAuth({ store, issuer: fake.issuer, env: {} });
    const signIn = await failure(provider({ auth: codexAuth }).chat({ model: 'gpt-5-codex', messages: USER }));
    expect(signIn).toMatchObject({ errorClass: 'auth', reason: 'sign_in_required' });
    expect(signIn.message).toContain('sign in again');
    expect(store.clears).toBe(0);
  });

  it('maps HTTP failures: 401 auth, 429 with retry-after, 5xx server, 400 context window', async () => {
    const cases: Array<[number, Record<string, string>, string, string]> = [
      [429, { 'retry-after': '7' }, '{"error":{"type":"usage_limit_reached","message":"The usage limit has been reached"}}', 'rate_limit'],
      [500, {}, '{"error":{"message":"internal"}}', 'server'],
      [503, {}, 'upstream unavailable', 'server'],
      [400, {}, '{"error":{"message":"Your input exceeds the context window of this model."}}', 'context_window'],
      [400, {}, '{"error":{"message":"Unsupported parameter: temperature"}}', 'bad_request'],
    ];
    for (const [status, headers, body, errorClass] of cases) {
      fake.onResponses({ status, headers, body });
      const error = await failure(provider().chat({ model: 'gpt-5-codex', messages: USER }));
      expect(error.errorClass).toBe(errorClass);
      expect(error.status).toBe(status);
      expect(error.message).toMatch(new RegExp(`^OpenAI Codex API error \\(${status} `));
      if (status === 429) expect(error.retryAfterMs).toBe(7000);
    }
    const noRefresh = await failure(
      provider({ auth: staticAuth('unknown-token-0123456789') }).chat({ model: 'gpt-5-codex', messages: USER }),
    );
    expect(noRefresh).toMatchObject({ errorClass: 'auth', status: 401 });
  });

  it('turns error and response.failed events into ProviderErrors', async () => {
    fake.onResponses(
      sseReply([
        { type: 'response.created', response: {} },
        { type: 'error', code: 'rate_limit_exceeded', message: 'Rate limit reached for gpt-5-codex' },
      ]),
    );
    expect(await failure(provider().chat({ model: 'gpt-5-codex', messages: USER }))).toMatchObject({
      errorClass: 'rate_limit',
      message: 'OpenAI Codex stream error: Rate limit reached for gpt-5-codex',
    });
    fake.onResponses(sseReply([{ type: 'error', error: { message: 'nested message' } }]));
    expect(await failure(provider().chat({ model: 'gpt-5-codex', messages: USER }))).toMatchObject({
      errorClass: 'server',
      message: expect.stringContaining('nested message'),
    });
    fake.onResponses(
      sseReply([
        { type: 'response.output_text.delta', delta: 'partial' },
        { type: 'response.failed', response: { status: 'failed', error: { code: 'server_error', message: 'The model crashed' } } },
      ]),
    );
    const seen: StreamEvent[] = [];
    const failed = await failure(
      (async () => {
        for await (const event of provider().stream({ model: 'gpt-5-codex', messages: USER })) seen.push(event);
      })(),
    );
    expect(failed).toMatchObject({ errorClass: 'server', message: 'OpenAI Codex stream error: The model crashed' });
    expect(seen).toEqual([{ type: 'text', delta: 'partial' }]);
    fake.onResponses(
      sseReply([{ type: 'response.failed', response: { error: { code: 'context_length_exceeded', message: 'Input too large' } } }]),
    );
    expect((await failure(provider().chat({ model: 'gpt-5-codex', messages: USER }))).errorClass).toBe('context_window');
  });

  it('a stream cut mid-way, or ending before response.completed, is a network error after the text so far', async () => {
    const events = responseEvents({ text: ['one ', 'two ', 'three'] });
    const wire = sse(events);
    const half = wire.indexOf('two');
    fake.onResponses({
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      chunks: [wire.slice(0, half), { delayMs: 20 }],
      cut: true,
    });
    const seen: StreamEvent[] = [];
    const cut = await failure(
      (async () => {
        for await (const event of provider().stream({ model: 'gpt-5-codex', messages: USER })) seen.push(event);
      })(),
    );
    expect(cut.errorClass).toBe('network');
    expect(seen).toEqual([{ type: 'text', delta: 'one ' }]);
    fake.onResponses(sseReply(events.slice(0, -1)));
    expect(await failure(provider().chat({ model: 'gpt-5-codex', messages: USER }))).toMatchObject({
      errorClass: 'network',
      message: expect.stringContaining('ended before the response completed'),
    });
    fake.onResponses(sseReply([{ type: 'response.completed', response: { output: [] } }]));
    expect(await failure(provider().chat({ model: 'gpt-5-codex', messages: USER }))).toMatchObject({
      errorClass: 'server',
      message: expect.stringContaining('No response from OpenAI Codex'),
    });
  });

  it('never shows the access token in an error', async () => {
    const secret = token.access_token;
    const echo = `{"error":{"message":"bad token ${secret} for account","code":"token_expired"}}`;
    const replies = [
      { status: 400, body: echo },
      { status: 403, body: `forbidden: ${secret}` },
      { status: 500, body: echo },
      sseReply([{ type: 'error', message: `stream broke for ${secret}` }]),
      sseReply([{ type: 'response.failed', response: { error: { message: `failed with ${secret}` } } }]),
    ];
    for (const reply of replies) {
      fake.onResponses(reply);
      const error = await failure(provider().chat({ model: 'gpt-5-codex', messages: USER }));
      expect(error.message).not.toContain(secret);
      expect(error.message).toContain('[REDACTED]');
      expect(JSON.stringify(error.details)).not.toContain(secret);
      expect(String(error)).not.toContain(secret);
    }
    // A 401 whose body echoes the token, with a refresh that fails too.
    fake.onResponses({ status: 401, body: `expired: ${secret}` }, { skipAuth: true });
    const auth = { ...staticAuth(), afterRejection: async () => ({ token: secret, accountId: FAKE_ACCOUNT_ID }) };
    const unauthorized = await failure(provider({ auth }).chat({ model: 'gpt-5-codex', messages: USER }));
    expect(unauthorized.errorClass).toBe('auth');
    expect(unauthorized.message).not.toContain(secret);
  });

  it('needs the account id for the ChatGPT backend, but not for a custom endpoint', async () => {
    const noAccount = new OpenAICodexProvider({ auth: staticAuth(token.access_token, null), env: {} });
    expect(noAccount.responsesUrl).toBe(CODEX_RESPONSES_URL);
    expect(await failure(noAccount.chat({ model: 'gpt-5-codex', messages: USER }))).toMatchObject({
      errorClass: 'auth',
      message: expect.stringContaining('account id'),
    });
    fake.onResponses(sseReply(responseEvents()), { skipAuth: true });
    await provider({ auth: staticAuth(token.access_token, null) }).chat({ model: 'gpt-5-codex', messages: USER });
    expect(fake.responsesRequests()[0]!.headers['chatgpt-account-id']).toBeUndefined();
  });

  it('lists the curated models, reports capabilities, and warms up without a request', async () => {
    const codex = provider({ displayName: 'OpenAI Codex (ChatGPT sign-in)' });
    expect(codex.key).toBe('openai-codex');
    expect(codex.displayName).toBe('OpenAI Codex (ChatGPT sign-in)');
    expect(await codex.listModels()).toEqual([{ id: 'gpt-5-codex' }, { id: 'gpt-5.2-codex' }, { id: 'o4-mini' }]);
    expect(codex.capabilities()).toEqual({ nativeTools: false, vision: true, streaming: true, promptCaching: false });
    await codex.warmup();
    expect(fake.requests).toHaveLength(0);
  });
});

describe('endpoint and reasoning effort rules', () => {
  it('normalises the endpoint (§2.9)', () => {
    expect(resolveResponsesUrl(undefined)).toBe(CODEX_RESPONSES_URL);
    expect(resolveResponsesUrl('  ')).toBe(CODEX_RESPONSES_URL);
    expect(resolveResponsesUrl('https://proxy.example.com/v1')).toBe('https://proxy.example.com/v1/responses');
    expect(resolveResponsesUrl('https://proxy.example.com/v1/responses/?x=1#f')).toBe('https://proxy.example.com/v1/responses');
    expect(resolveResponsesUrl('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/responses');
    expect(() => resolveResponsesUrl('ftp://example.com')).toThrow(/http or https/);
    expect(() => resolveResponsesUrl('not a url')).toThrow(/not a URL/);
    expect(isDefaultResponsesUrl('https://ChatGPT.com:443/backend-api/codex/responses/')).toBe(true);
    expect(isDefaultResponsesUrl('https://proxy.example.com/backend-api/codex/responses')).toBe(false);
  });

  it('clamps the effort per model (§2.12)', () => {
    const table: Array<[string, string | undefined, string]> = [
      ['gpt-5-codex', 'xhigh', 'high'],
      ['gpt-5-codex', undefined, 'high'],
      ['gpt-5-codex', 'minimal', 'low'],
      ['gpt-5-codex', ' Medium ', 'medium'],
      ['gpt-5-codex', 'none', 'high'],
      ['gpt-5-codex-max', 'xhigh', 'high'],
      ['gpt-5.3-codex', 'minimal', 'low'],
      ['gpt-5.2', 'minimal', 'low'],
      ['gpt-5.3-codex', 'xhigh', 'xhigh'],
      ['gpt-5.1', 'xhigh', 'high'],
      ['gpt-5.1', 'low', 'low'],
      ['gpt-5.1-codex-mini', 'low', 'medium'],
      ['gpt-5.1-codex-mini', 'xhigh', 'high'],
      ['o4-mini', '', 'xhigh'],
      ['openai/gpt-5-codex', 'xhigh', 'high'],
    ];
    for (const [model, effort, expected] of table)
      expect([model, effort, clampReasoningEffort(model, effort)]).toEqual([model, effort, expected]);
  });
});
