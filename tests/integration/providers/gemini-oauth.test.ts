// The Gemini provider's auth sources (profile key → GEMINI_API_KEY → GOOGLE_API_KEY → the Gemini CLI
// sign-in file) and the sign-in itself against loopback fakes of Code Assist and Google's token
// endpoint: refresh before expiry (injected clock), write-back (fields kept, mode 0600), one shared
// refresh, 401 → refresh + one retry, invalid_grant and broken files as clear errors, and no token
// in any error message. The seed's quirks fixed here each have a test marked "seed quirk".
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProvider } from '../../../electron/providers/factory';
import { GeminiProvider, type GeminiOptions } from '../../../electron/providers/gemini/gemini';
import {
  clientIdFromIdToken,
  GEMINI_CLI_OAUTH_CLIENT,
  GEMINI_OAUTH_REFRESH_SKEW_MS,
  GeminiCliCredentials,
} from '../../../electron/auth/gemini-cli/credentials';
import { MACHINE_SIGN_INS } from '../../../electron/auth/sign-ins';
import { geminiOAuthCredsPath } from '../../../electron/providers/gemini/cli-sign-in';
import { clearKnownSecrets } from '../../../electron/secrets/redact';
import { FAKE_CODE_ASSIST_PROJECT, startFakeGemini, type FakeGemini } from '../../fakes/gemini';

const ACCESS = 'ya29.file-access-token-0123456789abcdefghij';
const REFRESH = '1//0file-refresh-token-0123456789abcdefghij';
const KEY = 'AIzaFakeProfileKey0123456789abcdefghijk';
const ENV_KEY = 'AIzaFakeGeminiEnvKey0123456789abcdefghi';
const GOOGLE_KEY = 'AIzaFakeGoogleEnvKey0123456789abcdefghi';
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const OAUTH_LABEL = 'Gemini CLI sign-in (~/.gemini/oauth_creds.json)';

let fake: FakeGemini;
let home: string;
let credsPath: string;
let clock: number;
/** Every error a test saw, checked for token literals after each test. */
let seenErrors: Error[];

beforeEach(async () => {
  fake = await startFakeGemini();
  home = mkdtempSync(path.join(os.tmpdir(), 'switchyard-gemini-'));
  mkdirSync(path.join(home, '.gemini'));
  credsPath = path.join(home, '.gemini', 'oauth_creds.json');
  clock = NOW;
  seenErrors = [];
});

afterEach(async () => {
  const secrets = [ACCESS, REFRESH, ...fake.issuedTokens];
  for (const error of seenErrors) for (const secret of secrets) expect(error.message).not.toContain(secret);
  clearKnownSecrets();
  await fake.close();
  rmSync(home, { recursive: true, force: true });
});

function writeCreds(fields: Record<string, unknown> = {}, mode = 0o600): void {
  const creds = {
    access_token: ACCESS,
    refresh_token: REFRESH,
    expiry_date: NOW + 3_600_000,
    token_type: 'Bearer',
    scope: 'https://www.googleapis.com/auth/cloud-platform openid',
    ...fields,
  };
  for (const [name, value] of Object.entries(creds)) if (value === undefined) delete (creds as Record<string, unknown>)[name];
  writeFileSync(credsPath, JSON.stringify(creds, null, 2), { mode });
}

function readCreds(): Record<string, unknown> {
  return JSON.parse(readFileSync(credsPath, 'utf8')) as Record<string, unknown>;
}

/** A Gemini provider with the Gemini CLI's sign-in as the host hands it in, on the fake token endpoint and clock. */
function provider(options: Partial<GeminiOptions> = {}, env: NodeJS.ProcessEnv = {}): GeminiProvider {
  const fullEnv = { HOME: home, ...env };
  const file = geminiOAuthCredsPath(fullEnv, options.oauthCredsPath);
  const cliSignIn = file ? new GeminiCliCredentials({ path: file, tokenUrl: fake.tokenUrl, now: () => clock, env: fullEnv }) : undefined;
  return new GeminiProvider({ baseUrl: fake.baseUrl, codeAssistUrl: fake.codeAssistUrl, env: fullEnv, cliSignIn, ...options });
}

const ask = (content = 'Hi') => ({ model: 'gemini-2.5-flash', messages: [{ role: 'user' as const, content }] });

async function failure(promise: Promise<unknown>): Promise<Error & { errorClass?: string; status?: number }> {
  const error = await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as Error,
  );
  seenErrors.push(error);
  return error as Error & { errorClass?: string };
}

const streamRequests = () => fake.requests.filter((r) => r.path === '/v1internal:streamGenerateContent');
const loadRequests = () => fake.requests.filter((r) => r.path === '/v1internal:loadCodeAssist');
const keyRequests = () => fake.requests.filter((r) => r.path.startsWith('/v1beta/'));

describe('auth sources, in the seed order, and the reported source', () => {
  beforeEach(() => {
    writeCreds();
    fake.acceptedTokens.add(ACCESS);
  });

  it('uses the profile key first, even with env keys and a sign-in file', async () => {
    const p = provider({ credential: KEY }, { GEMINI_API_KEY: ENV_KEY, GOOGLE_API_KEY: GOOGLE_KEY });
    expect(p.credentialSource).toBe('profile');
    expect(p.authSource()).toEqual({ kind: 'api-key', label: 'profile' });
    expect(p.signIn).toBeUndefined();
    await p.chat({ ...ask(), model: 'gemini-fake' });
    expect(keyRequests()[0]!.headers['x-goog-api-key']).toBe(KEY);
    expect(fake.codeAssistRequests()).toEqual([]);
  });

  it('then GEMINI_API_KEY, then GOOGLE_API_KEY, before the sign-in file', async () => {
    // Env keys are resolved by the factory, as in the app.
    const keyed = (env: NodeJS.ProcessEnv) =>
      createProvider('gemini', { baseUrl: fake.baseUrl, env: { HOME: home, ...env }, signIns: MACHINE_SIGN_INS }) as GeminiProvider;
    const gemini = keyed({ GEMINI_API_KEY: ENV_KEY, GOOGLE_API_KEY: GOOGLE_KEY });
    expect(gemini.credentialSource).toBe('GEMINI_API_KEY env var');
    await gemini.chat({ ...ask(), model: 'gemini-fake' });
    const google = keyed({ GOOGLE_API_KEY: GOOGLE_KEY });
    expect(google.credentialSource).toBe('GOOGLE_API_KEY env var');
    await google.chat({ ...ask(), model: 'gemini-fake' });
    expect(keyRequests().map((r) => r.headers['x-goog-api-key'])).toEqual([ENV_KEY, GOOGLE_KEY]);
    expect(keyRequests().every((r) => r.headers.authorization === undefined)).toBe(true);
    expect(fake.codeAssistRequests()).toEqual([]);
  });

  it('then the Gemini CLI sign-in: Bearer to Code Assist, never the key header', async () => {
    const p = provider();
    expect(p.credentialSource).toBe(OAUTH_LABEL);
    expect(p.authSource()).toEqual({ kind: 'gemini-cli-oauth', label: OAUTH_LABEL });
    expect(p.signIn).toBe(OAUTH_LABEL);
    const answer = await p.chat(ask());
    expect(answer).toMatchObject({ text: 'Hello from Code Assist', usage: { inputTokens: 6, outputTokens: 5 }, finishReason: 'stop' });
    const stream = streamRequests()[0]!;
    expect(stream.headers.authorization).toBe(`Bearer ${ACCESS}`);
    expect(stream.headers['x-goog-api-key']).toBeUndefined();
    expect(keyRequests()).toEqual([]);
    expect(fake.tokenRequests()).toEqual([]);
  });

  it('reports "none" when there is no source at all', () => {
    rmSync(credsPath);
    expect(provider().credentialSource).toBe('none');
    expect(new GeminiProvider({ env: {} }).authSource()).toEqual({ kind: 'none', label: 'none' });
  });

  it('through the factory: keys keep their labels, no key falls through to the sign-in file', () => {
    const viaFactory = (settings: Parameters<typeof createProvider>[1]) =>
      createProvider('gemini', { ...settings, signIns: MACHINE_SIGN_INS }) as GeminiProvider;
    expect(viaFactory({ credential: KEY, env: { HOME: home } }).credentialSource).toBe('profile');
    expect(viaFactory({ env: { HOME: home, GEMINI_API_KEY: ENV_KEY } }).credentialSource).toBe('GEMINI_API_KEY env var');
    // The factory passes credentialSource 'none' when it found no key; the file still counts.
    expect(viaFactory({ env: { HOME: home } }).credentialSource).toBe(OAUTH_LABEL);
    const elsewhere = path.join(home, 'elsewhere.json');
    writeFileSync(elsewhere, readFileSync(credsPath));
    expect(viaFactory({ env: { GEMINI_OAUTH_CREDS_PATH: elsewhere } }).credentialSource).toBe(`Gemini CLI sign-in (${elsewhere})`);
    // The option beats the env var; a path under HOME shows with "~".
    expect(provider({ oauthCredsPath: elsewhere }, { GEMINI_OAUTH_CREDS_PATH: '/nowhere.json' }).credentialSource).toBe(
      'Gemini CLI sign-in (~/elsewhere.json)',
    );
  });
});

describe('Code Assist requests with the sign-in', () => {
  beforeEach(() => {
    writeCreds();
    fake.acceptedTokens.add(ACCESS);
  });

  it('resolves the project once with loadCodeAssist and wraps the request in the envelope', async () => {
    const p = provider();
    await p.chat({
      model: 'models/gemini-2.5-pro',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      temperature: 0.2,
      maxTokens: 50,
    });
    await p.chat(ask('Again'));
    expect(loadRequests()).toHaveLength(1);
    expect(loadRequests()[0]!.headers.authorization).toBe(`Bearer ${ACCESS}`);
    expect(loadRequests()[0]!.body).toEqual({
      cloudaicompanionProject: null,
      metadata: { ideType: 'GEMINI_CLI', platform: 'PLATFORM_UNSPECIFIED', pluginType: 'GEMINI', duetProject: null },
    });
    const [first, second] = streamRequests();
    expect(first!.query.get('alt')).toBe('sse');
    expect(first!.body).toEqual({
      model: 'gemini-2.5-pro',
      project: FAKE_CODE_ASSIST_PROJECT,
      user_prompt_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      request: {
        contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
        systemInstruction: { parts: [{ text: 'Be brief.' }] },
        generationConfig: { temperature: 0.2, maxOutputTokens: 50 },
      },
    });
    expect((second!.body as { user_prompt_id: string }).user_prompt_id).not.toBe(
      (first!.body as { user_prompt_id: string }).user_prompt_id,
    );
  });

  it('seeds loadCodeAssist with GOOGLE_CLOUD_PROJECT and falls back to it when loadCodeAssist fails', async () => {
    fake.onLoadCodeAssist({ status: 500, body: { error: { code: 500, message: 'backend error' } } });
    await provider({}, { GOOGLE_CLOUD_PROJECT: 'my-project' }).chat(ask());
    expect((loadRequests()[0]!.body as { cloudaicompanionProject: string }).cloudaicompanionProject).toBe('my-project');
    expect((streamRequests()[0]!.body as { project: string }).project).toBe('my-project');
    const error = await failure(provider().chat(ask()));
    expect(error.message).toMatch(/loadCodeAssist/);
  });

  it('retries once without generationConfig when Code Assist rejects it (as the seed does)', async () => {
    let calls = 0;
    fake.onCodeAssistStream((request) => {
      calls += 1;
      if ('generationConfig' in (request.body as { request: object }).request)
        return {
          status: 400,
          body: {
            error: {
              code: 400,
              message: 'Invalid JSON payload received. Unknown name "generationConfig": Cannot find field.',
              status: 'INVALID_ARGUMENT',
            },
          },
        };
      return {
        headers: { 'content-type': 'text/event-stream' },
        body: 'data: {"response":{"candidates":[{"content":{"parts":[{"text":"ok"}]},"finishReason":"STOP"}]}}\r\n\r\n',
      };
    });
    expect((await provider().chat({ ...ask(), temperature: 0.1 })).text).toBe('ok');
    expect(calls).toBe(2);
  });

  it('shows a Code Assist error chunk, wrapped or not', async () => {
    fake.onCodeAssistStream({
      headers: { 'content-type': 'text/event-stream' },
      body: 'data: {"response":{"error":{"message":"quota gone"}}}\r\n\r\n',
    });
    expect((await failure(provider().chat(ask()))).message).toBe('Gemini API error: quota gone');
  });

  it('lists no models (Code Assist has no list) and warms up by checking the token and project', async () => {
    const p = provider();
    expect(await p.listModels()).toEqual([]);
    await p.warmup();
    expect(loadRequests()).toHaveLength(1);
    expect(fake.tokenRequests()).toEqual([]);
  });
});

describe('token refresh', () => {
  it('refreshes a token within the skew before the request, with the refresh form the seed sends', async () => {
    writeCreds({ expiry_date: NOW + GEMINI_OAUTH_REFRESH_SKEW_MS - 1000 });
    await provider(
      {},
      { GEMINI_OAUTH_CLIENT_ID: 'client-from-env.apps.googleusercontent.com', GEMINI_OAUTH_CLIENT_SECRET: 'env-secret' },
    ).chat(ask());
    expect(fake.tokenRequests().map((form) => Object.fromEntries(form))).toEqual([
      {
        grant_type: 'refresh_token',
        refresh_token: REFRESH,
        client_id: 'client-from-env.apps.googleusercontent.com',
        client_secret: 'env-secret',
      },
    ]);
    expect(fake.requests.find((r) => r.path === '/token')!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(streamRequests()[0]!.headers.authorization).toBe(`Bearer ${fake.issuedTokens[0]}`);
  });

  it('uses a token until the clock reaches the skew, then refreshes', async () => {
    writeCreds({ expiry_date: NOW + 10 * 60_000 });
    fake.acceptedTokens.add(ACCESS);
    const p = provider();
    await p.chat(ask());
    clock = NOW + 10 * 60_000 - GEMINI_OAUTH_REFRESH_SKEW_MS - 1;
    await p.chat(ask());
    expect(fake.tokenRequests()).toHaveLength(0);
    clock += 2;
    await p.chat(ask());
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(streamRequests().map((r) => r.headers.authorization)).toEqual([
      `Bearer ${ACCESS}`,
      `Bearer ${ACCESS}`,
      `Bearer ${fake.issuedTokens[0]}`,
    ]);
  });

  it('writes the refreshed token back atomically, mode 0600, keeping every other field (the seed kept it in memory)', async () => {
    writeCreds({ expiry_date: NOW - 1000, id_token: 'old.id.token', custom_field: { keep: true } }, 0o644);
    await provider().chat(ask());
    const saved = readCreds();
    expect(saved).toEqual({
      access_token: fake.issuedTokens[0],
      refresh_token: REFRESH,
      expiry_date: NOW + 3_599_000,
      token_type: 'Bearer',
      scope: 'https://www.googleapis.com/auth/cloud-platform openid',
      id_token: 'eyJhbGciOiJub25lIn0.eyJlbWFpbCI6InVzZXJAZXhhbXBsZS5jb20ifQ.sig',
      custom_field: { keep: true },
    });
    expect(statSync(credsPath).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.dirname(credsPath))).toEqual(['oauth_creds.json']);
    // A new provider (another window, a restart) uses the saved token without refreshing.
    await provider().chat(ask());
    expect(fake.tokenRequests()).toHaveLength(1);
  });

  it('seed quirk: an unknown expiry refreshed on every call; here once, then the saved expiry is used', async () => {
    writeCreds({ expiry_date: undefined });
    const p = provider();
    await p.chat(ask());
    await p.chat(ask());
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(readCreds().expiry_date).toBe(NOW + 3_599_000);
  });

  it('reads camelCase and RFC 3339 expiry fields, and keeps their names on write-back', async () => {
    writeCreds({ expiry_date: undefined, expiryDate: NOW - 1 });
    await provider().chat(ask());
    expect(readCreds()).toMatchObject({ expiryDate: NOW + 3_599_000, expiry_date: NOW + 3_599_000 });
    writeCreds({ expiry_date: undefined, expiry: new Date(NOW + 3_600_000).toISOString() });
    fake.acceptedTokens.add(ACCESS);
    await provider().chat(ask());
    expect(fake.tokenRequests()).toHaveLength(1);
  });

  it('takes the client id from the file, else from the id_token audience (as the seed does)', async () => {
    const idToken = `e30.${Buffer.from(JSON.stringify({ aud: 'aud-client.apps.googleusercontent.com', azp: 'azp-client' })).toString('base64url')}.sig`;
    expect(clientIdFromIdToken(idToken)).toBe('aud-client.apps.googleusercontent.com');
    expect(clientIdFromIdToken(`e30.${Buffer.from('{"azp":"azp-only"}').toString('base64url')}.sig`)).toBe('azp-only');
    expect(clientIdFromIdToken('not-a-jwt')).toBeUndefined();
    writeCreds({ expiry_date: NOW, id_token: idToken });
    await provider().chat(ask());
    writeCreds({ expiry_date: NOW, id_token: idToken, client_id: 'file-client', client_secret: 'file-secret' });
    await provider().chat(ask());
    // A stock Gemini CLI file names no client: the CLI's own published client refreshes it.
    writeCreds({ expiry_date: NOW });
    await provider().chat(ask());
    expect(fake.tokenRequests().map((form) => [form.get('client_id'), form.get('client_secret')])).toEqual([
      ['aud-client.apps.googleusercontent.com', null],
      ['file-client', 'file-secret'],
      [GEMINI_CLI_OAUTH_CLIENT.id, GEMINI_CLI_OAUTH_CLIENT.secret],
    ]);
  });

  it('shares one refresh between concurrent requests', async () => {
    writeCreds({ expiry_date: NOW - 1000 });
    fake.onToken(async () => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const token = `ya29.fake-slow-${'y'.repeat(24)}`;
      fake.issuedTokens.push(token);
      fake.acceptedTokens.add(token);
      return { body: { access_token: token, expires_in: 3599, token_type: 'Bearer' } };
    });
    const p = provider();
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => p.chat(ask(`q${i}`))));
    expect(answers.every((a) => a.text === 'Hello from Code Assist')).toBe(true);
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(new Set(streamRequests().map((r) => r.headers.authorization))).toEqual(new Set([`Bearer ${fake.issuedTokens[0]}`]));
  });

  it('a caller that cancels stops waiting, while the shared refresh still serves the others', async () => {
    writeCreds({ expiry_date: NOW - 1000 });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    fake.onToken(async () => {
      await gate;
      const token = `ya29.fake-gated-${'z'.repeat(24)}`;
      fake.issuedTokens.push(token);
      fake.acceptedTokens.add(token);
      return { body: { access_token: token, expires_in: 3599 } };
    });
    const p = provider();
    const controller = new AbortController();
    const cancelled = p.chat({ ...ask(), signal: controller.signal });
    const other = p.chat(ask());
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    expect(await failure(cancelled)).toMatchObject({ errorClass: 'cancelled' });
    release();
    expect((await other).text).toBe('Hello from Code Assist');
    expect(fake.tokenRequests()).toHaveLength(1);
  });
});

describe('401 and refresh failures', () => {
  it('a 401 refreshes the token and retries once', async () => {
    writeCreds();
    fake.acceptedTokens.add(ACCESS);
    // Revoked on the server although not yet expired by the clock.
    fake.onCodeAssistStream((request) =>
      request.headers.authorization === `Bearer ${ACCESS}`
        ? {
            status: 401,
            body: { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } },
          }
        : {
            headers: { 'content-type': 'text/event-stream' },
            body: 'data: {"response":{"candidates":[{"content":{"parts":[{"text":"retried"}]},"finishReason":"STOP"}]}}\r\n\r\n',
          },
    );
    expect((await provider().chat(ask())).text).toBe('retried');
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(streamRequests().map((r) => r.headers.authorization)).toEqual([`Bearer ${ACCESS}`, `Bearer ${fake.issuedTokens[0]}`]);
    expect(readCreds().access_token).toBe(fake.issuedTokens[0]);
  });

  it('a 401 on loadCodeAssist also refreshes and retries', async () => {
    writeCreds();
    // ACCESS is not accepted at all.
    expect((await provider().chat(ask())).text).toBe('Hello from Code Assist');
    expect(loadRequests().map((r) => r.headers.authorization)).toEqual([`Bearer ${ACCESS}`, `Bearer ${fake.issuedTokens[0]}`]);
    expect(fake.tokenRequests()).toHaveLength(1);
  });

  it('a second 401 after the refresh is an auth error, with one refresh and one retry only', async () => {
    writeCreds();
    fake.acceptedTokens.add(ACCESS);
    fake.onCodeAssistStream((request) => ({
      status: 401,
      body: { error: { code: 401, message: `Token rejected: ${String(request.headers.authorization)}`, status: 'UNAUTHENTICATED' } },
    }));
    const error = await failure(provider().chat(ask()));
    expect(error).toMatchObject({ errorClass: 'auth', status: 401 });
    expect(error.message).toMatch(/run `gemini` once/);
    expect(streamRequests()).toHaveLength(2);
    expect(fake.tokenRequests()).toHaveLength(1);
  });

  it('invalid_grant says to run `gemini` to sign in again, without the tokens', async () => {
    writeCreds({ expiry_date: NOW - 1000 });
    fake.onToken({
      status: 400,
      body: { error: 'invalid_grant', error_description: `Token has been expired or revoked: ${REFRESH} (was ${ACCESS})` },
    });
    const error = await failure(provider().chat(ask()));
    expect(error).toMatchObject({ errorClass: 'auth' });
    expect(error.message).toMatch(
      /expired or was revoked \(Google answered invalid_grant\)\. Run `gemini` once in a terminal to sign in again/,
    );
    expect(error.message).toContain('~/.gemini/oauth_creds.json');
    expect(fake.codeAssistRequests()).toEqual([]);
    expect(readCreds().access_token).toBe(ACCESS);
  });

  it('other refresh failures are clear and keep the tokens out too', async () => {
    writeCreds({ expiry_date: NOW - 1000 });
    fake.onToken({ status: 401, body: { error: 'invalid_client', error_description: `The OAuth client was not found. ${REFRESH}` } });
    const client = await failure(provider().chat(ask()));
    expect(client).toMatchObject({ errorClass: 'auth' });
    expect(client.message).toMatch(/GEMINI_OAUTH_CLIENT_ID/);
    fake.onToken({ status: 503, body: `backend unavailable for ${REFRESH} / ${ACCESS}` });
    const server = await failure(provider().chat(ask()));
    expect(server).toMatchObject({ errorClass: 'server', status: 503 });
    expect(server.message).toMatch(/Could not refresh the Gemini CLI sign-in/);
    writeCreds({ expiry_date: NOW - 1000, refresh_token: undefined });
    expect((await failure(provider().chat(ask()))).message).toMatch(/no refresh_token\. Run `gemini` once/);
  });

  it('Code Assist errors that echo the token are scrubbed', async () => {
    writeCreds();
    fake.acceptedTokens.add(ACCESS);
    fake.onCodeAssistStream({
      status: 403,
      body: { error: { code: 403, message: `Permission denied for token ${ACCESS} refresh ${REFRESH}`, status: 'PERMISSION_DENIED' } },
    });
    const error = await failure(provider().chat(ask()));
    expect(error).toMatchObject({ errorClass: 'auth', status: 403 });
    expect(error.message).toContain('Permission denied');
  });
});

describe('missing and broken sign-in files', () => {
  const listsAllSources = (message: string) => {
    expect(message).toMatch(/aistudio\.google\.com/);
    expect(message).toMatch(/GEMINI_API_KEY \(or GOOGLE_API_KEY\)/);
    expect(message).toMatch(/run `gemini` once/);
  };

  it('no source at all: a clear error listing all three', async () => {
    const none = await failure(new GeminiProvider({ env: {} }).chat(ask()));
    expect(none).toMatchObject({ errorClass: 'auth' });
    listsAllSources(none.message);
    const missing = await failure(provider().chat(ask()));
    expect(missing.message).toMatch(/^Gemini credentials not found/);
    listsAllSources(missing.message);
    expect(fake.requests).toEqual([]);
  });

  it('a malformed file: names the file and lists all three sources', async () => {
    writeFileSync(credsPath, `{"access_token": "${ACCESS}", "refresh_token": "${REFRESH}"`, { mode: 0o600 });
    const p = provider();
    expect(p.credentialSource).toBe(OAUTH_LABEL);
    const error = await failure(p.chat(ask()));
    expect(error).toMatchObject({ errorClass: 'auth' });
    expect(error.message).toMatch(/~\/\.gemini\/oauth_creds\.json is not a valid credentials file/);
    listsAllSources(error.message);
    writeFileSync(credsPath, JSON.stringify({ token_type: 'Bearer' }));
    const empty = await failure(provider().chat(ask()));
    expect(empty.message).toMatch(/neither an access_token nor a refresh_token/);
    listsAllSources(empty.message);
    expect(fake.requests).toEqual([]);
  });

  it('an unreadable file (a folder in its place): a clear error', async () => {
    mkdirSync(credsPath);
    const error = await failure(provider().chat(ask()));
    expect(error.message).toMatch(/could not be read \(EISDIR\)/);
    listsAllSources(error.message);
  });
});
