// MiniMax OAuth and Qwen Code OAuth against loopback fakes of their token endpoints and of the
// chat API: the placeholder is never sent, the refreshed token is, a refresh is shared and kept,
// a 401 refreshes once, and Qwen's refreshed credentials land back in the CLI's file.
import { mkdtemp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch';
import { MACHINE_SIGN_INS } from '../../../electron/auth/sign-ins';
import { createProvider } from '../../../electron/providers/factory';
import { sharedRefresh } from '../../../electron/auth/oauth-refresh';
import { errorReply, startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai';
import { startFakeTokenEndpoint, type FakeTokenEndpoint } from '../../fakes/oauth-token';
import { createTestHost } from '../../helpers/host';

const hi = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] };
const bearer = (api: FakeOpenAI) => api.requests.filter((r) => r.path === '/v1/chat/completions').map((r) => r.headers.authorization);

describe('MiniMax OAuth', () => {
  let api: FakeOpenAI;
  let tokens: FakeTokenEndpoint;
  let env: NodeJS.ProcessEnv;
  let n = 0;
  beforeEach(async () => {
    api = await startFakeOpenAI();
    tokens = await startFakeTokenEndpoint('/oauth/token', 'mm');
    // A refresh token of its own per test: the token cache is process-wide, keyed by it.
    n += 1;
    env = { MINIMAX_OAUTH_REFRESH_TOKEN: `mm-refresh-from-env-${n}-zzzzzzzz`, SWITCHYARD_MINIMAX_OAUTH_URL: tokens.url };
  });
  afterEach(async () => {
    await api.close();
    await tokens.close();
  });

  const minimax = (credential = 'minimax-oauth') =>
    createProvider('minimax', { credential, baseUrl: api.baseUrl, env, signIns: MACHINE_SIGN_INS });

  it("sends the refreshed token, never the placeholder, and refreshes with the seed's form", async () => {
    expect((await minimax().chat(hi)).text).toBe('Hello from the fake');
    expect(bearer(api)).toEqual([`Bearer ${tokens.issued[0]}`]);
    expect(Object.fromEntries(tokens.forms()[0]!)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: env.MINIMAX_OAUTH_REFRESH_TOKEN,
      client_id: '78257093-7e40-4613-99e0-527b14b39113',
    });
    expect(tokens.requests[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('keeps the token for later requests, and concurrent requests share one refresh', async () => {
    await Promise.all([minimax().chat(hi), minimax().chat(hi), minimax().chat(hi)]);
    await minimax('minimax-oauth-cn').chat(hi);
    expect(tokens.forms()).toHaveLength(1);
    expect(new Set(bearer(api))).toEqual(new Set([`Bearer ${tokens.issued[0]}`]));
  });

  it('after a 401, refreshes once with the rotated refresh token and tries again', async () => {
    await minimax().chat(hi);
    let calls = 0;
    api.onChat(() =>
      calls++ === 0
        ? errorReply(401, 'token expired')
        : { body: { choices: [{ index: 0, message: { role: 'assistant', content: 'again' }, finish_reason: 'stop' }] } },
    );
    expect((await minimax().chat(hi)).text).toBe('again');
    expect(tokens.forms().map((f) => f.get('refresh_token'))).toEqual([
      env.MINIMAX_OAUTH_REFRESH_TOKEN,
      expect.stringMatching(/^mm-refresh-1-/),
    ]);
    expect(bearer(api).slice(1)).toEqual([`Bearer ${tokens.issued[0]}`, `Bearer ${tokens.issued[1]}`]);
  });

  it('a refused refresh says what to set, and its status field counts as a refusal', async () => {
    tokens.onRefresh({ status: 400, body: { error: 'invalid_grant', error_description: 'refresh token revoked' } });
    await expect(minimax().chat(hi)).rejects.toMatchObject({
      errorClass: 'auth',
      message: expect.stringMatching(/MiniMax OAuth refresh failed \(HTTP 400\): refresh token revoked.*Set MINIMAX_OAUTH_REFRESH_TOKEN/),
    });
    tokens.onRefresh({ body: { status: 'fail', base_resp: { status_code: 1004, status_msg: 'login expired' } } });
    await expect(minimax().chat(hi)).rejects.toThrow(/MiniMax OAuth refresh failed: login expired/);
    expect(bearer(api)).toEqual([]);
    expect(JSON.stringify(tokens.forms().map(String))).not.toContain('minimax-oauth');
  });
});

describe('Qwen Code OAuth', () => {
  let api: FakeOpenAI;
  let tokens: FakeTokenEndpoint;
  let home: string;
  let credsFile: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    api = await startFakeOpenAI();
    tokens = await startFakeTokenEndpoint('/api/v1/oauth2/token', 'qw', { resource_url: api.url });
    home = await mkdtemp(path.join(os.tmpdir(), 'switchyard-qwen-'));
    credsFile = path.join(home, '.qwen', 'oauth_creds.json');
    await mkdir(path.dirname(credsFile));
    env = { HOME: home, SWITCHYARD_QWEN_OAUTH_URL: tokens.url };
  });
  afterEach(async () => {
    await api.close();
    await tokens.close();
    await rm(home, { recursive: true, force: true });
  });

  const writeCreds = (creds: Record<string, unknown>) => writeFile(credsFile, JSON.stringify(creds));
  const qwen = () => createProvider('qwen-code', { env, signIns: MACHINE_SIGN_INS });

  it('uses a valid cached token at its resource_url, without refreshing', async () => {
    await writeCreds({
      access_token: 'qw-cached-token-1234567',
      refresh_token: 'qw-refresh-0-abcdefgh',
      resource_url: api.url,
      expiry_date: Date.now() + 3_600_000,
    });
    expect((await qwen().chat(hi)).text).toBe('Hello from the fake');
    expect(bearer(api)).toEqual(['Bearer qw-cached-token-1234567']);
    expect(api.requests[0]!.headers['user-agent']).toBe('QwenCode/1.0');
    expect(tokens.forms()).toEqual([]);
  });

  it("refreshes an expired token, writes the new one back atomically with the file's other fields, and shares the refresh", async () => {
    await writeCreds({
      access_token: 'qw-old-token-12345678',
      refresh_token: 'qw-refresh-0-abcdefgh',
      resource_url: api.url,
      expiry_date: Math.floor(Date.now() / 1000) - 60,
      token_type: 'Bearer',
      custom_field: 'kept',
    });
    const answers = await Promise.all([qwen().chat(hi), qwen().chat(hi), qwen().chat(hi)]);
    expect(answers.map((a) => a.text)).toEqual(['Hello from the fake', 'Hello from the fake', 'Hello from the fake']);
    expect(tokens.forms()).toHaveLength(1);
    expect(Object.fromEntries(tokens.forms()[0]!)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'qw-refresh-0-abcdefgh',
      client_id: 'f0304373b74a44d2b584a3fb70ca9e56',
    });
    expect(new Set(bearer(api))).toEqual(new Set([`Bearer ${tokens.issued[0]}`]));
    const saved = JSON.parse(await readFile(credsFile, 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({
      access_token: tokens.issued[0],
      refresh_token: expect.stringMatching(/^qw-refresh-1-/),
      custom_field: 'kept',
      resource_url: api.url,
    });
    expect(saved.expiry_date).toBeGreaterThan(Date.now() + 3_000_000);
    if (process.platform !== 'win32') expect((await stat(credsFile)).mode & 0o777).toBe(0o600);
    // The next request finds the written token and does not refresh.
    await qwen().chat(hi);
    expect(tokens.forms()).toHaveLength(1);
  });

  it('a refused refresh names the file and what to run; a broken file says so', async () => {
    await writeCreds({ refresh_token: 'qw-refresh-0-abcdefgh' });
    tokens.onRefresh({ status: 400, body: { error: 'invalid_grant', error_description: 'Refresh token expired' } });
    await expect(qwen().chat(hi)).rejects.toMatchObject({
      errorClass: 'auth',
      message: expect.stringMatching(/Qwen OAuth refresh failed \(HTTP 400\): Refresh token expired.*Run `qwen` once/),
    });
    await writeFile(credsFile, 'not json');
    await expect(qwen().chat(hi)).rejects.toThrow(/~\/\.qwen\/oauth_creds\.json is not a JSON object/);
    expect(bearer(api)).toEqual([]);
  });

  it('QWEN_OAUTH_TOKEN and QWEN_OAUTH_RESOURCE_URL need no file', async () => {
    env = { HOME: home, QWEN_OAUTH_TOKEN: 'qw-env-token-123456789', QWEN_OAUTH_RESOURCE_URL: api.url };
    await qwen().chat(hi);
    expect(bearer(api)).toEqual(['Bearer qw-env-token-123456789']);
  });
});

describe('shared refresh', () => {
  it('runs one refresh for every caller that asks while it is running', async () => {
    let release = () => undefined as void;
    let runs = 0;
    const refresh = () => {
      runs += 1;
      return new Promise<string>((resolve) => (release = () => resolve(`token-${runs}`)));
    };
    const waiting = [sharedRefresh('k', refresh), sharedRefresh('k', refresh), sharedRefresh('k', refresh)];
    release();
    expect(await Promise.all(waiting)).toEqual(['token-1', 'token-1', 'token-1']);
    const next = sharedRefresh('k', refresh);
    release();
    expect(await next).toBe('token-2');
  });
});

describe('the Providers page', () => {
  it('shows a MiniMax profile without a key as signed in through the refresh token', async () => {
    const host = await createTestHost({ env: { MINIMAX_OAUTH_REFRESH_TOKEN: 'mm-refresh-for-the-page-zzzz' } });
    try {
      const created = await dispatch(host.ctx, 'profiles.create', { name: 'MiniMax', providerKey: 'minimax' });
      expect(created).toMatchObject({
        ok: true,
        result: { hasKey: true, keySource: 'signin', credentialLabel: 'MiniMax OAuth (MINIMAX_OAUTH_REFRESH_TOKEN)' },
      });
      expect(JSON.stringify(created)).not.toContain('mm-refresh-for-the-page');
    } finally {
      await host.cleanup();
    }
  });
});
