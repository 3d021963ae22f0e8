import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildAuthorizeUrl,
  CODEX_REDIRECT_URI,
  CodexAuth,
  CodexAuthError,
  createPkce,
  createState,
  exchangeCode,
  extractAccountId,
  extractExpiry,
  oauthEncode,
  parseRedirectInput,
  pkceChallenge,
  refreshTokens,
  REFRESH_SKEW_MS,
  startCallbackServer,
  type CodexTokens,
} from '../../../electron/auth/codex/oauth';
import { redactSecrets } from '../../../electron/secrets/redact';
import { fakeJwt, FAKE_ACCOUNT_ID, FAKE_CLIENT_ID, memoryTokenStore, startFakeCodex, type FakeCodex } from '../../fakes/codex';

/** What the browser does: GET the authorize URL, follow its redirect to our callback server. */
async function browserVisit(authorizeUrl: string): Promise<Response> {
  const authorize = await fetch(authorizeUrl, { redirect: 'manual' });
  const location = authorize.headers.get('location');
  if (!location) throw new Error(`authorize gave ${authorize.status}`);
  // The registered redirect names localhost; the listener is on 127.0.0.1.
  return fetch(location.replace('//localhost:', '//127.0.0.1:'));
}

function callbackUrl(port: number, query: string): string {
  return `http://127.0.0.1:${port}/auth/callback?${query}`;
}

async function busyPort(): Promise<net.Server> {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  return blocker;
}

describe('PKCE and the authorize URL', () => {
  it('matches RFC 7636 Appendix B', () => {
    // The RFC's value (also what `openssl dgst -sha256 -binary | base64url` gives).
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes random verifiers of 43–128 unreserved characters with their S256 challenge', () => {
    const a = createPkce();
    const b = createPkce();
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect(a.verifier).toHaveLength(86);
    expect(a.challenge).toBe(pkceChallenge(a.verifier));
    expect(a.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.method).toBe('S256');
    expect(createState()).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(createState()).not.toBe(createState());
  });

  it('encodes as RFC 3986 (%20, not +)', () => {
    expect(oauthEncode('hello world')).toBe('hello%20world');
    expect(oauthEncode('a=b&c=d')).toBe('a%3Db%26c%3Dd');
    expect(oauthEncode("-_.~!'()*")).toBe('-_.~%21%27%28%29%2A');
  });

  it('has exactly the seed’s query parameters, sorted', () => {
    const url = buildAuthorizeUrl({ challenge: 'CHAL', state: 'STATE' });
    expect(url).toBe(
      'https://auth.openai.com/oauth/authorize?client_id=app_EMoamEEZ73f0CkXaXp7hrann&code_challenge=CHAL&code_challenge_method=S256&codex_cli_simplified_flow=true&id_token_add_organizations=true&redirect_uri=http%3A%2F%2Flocalhost%3A1455%2Fauth%2Fcallback&response_type=code&scope=openid%20profile%20email%20offline_access&state=STATE',
    );
    const custom = new URL(
      buildAuthorizeUrl({
        issuer: 'http://127.0.0.1:9/',
        clientId: 'c',
        redirectUri: 'http://localhost:5/auth/callback',
        challenge: 'x',
        state: 'y',
      }),
    );
    expect(custom.origin + custom.pathname).toBe('http://127.0.0.1:9/oauth/authorize');
    expect([...custom.searchParams.keys()]).toEqual([
      'client_id',
      'code_challenge',
      'code_challenge_method',
      'codex_cli_simplified_flow',
      'id_token_add_organizations',
      'redirect_uri',
      'response_type',
      'scope',
      'state',
    ]);
    expect(CODEX_REDIRECT_URI).toBe('http://localhost:1455/auth/callback');
  });
});

describe('paste-redirect parsing (§2.5)', () => {
  it('accepts the full URL, a query string, or a bare code', () => {
    expect(parseRedirectInput('  http://127.0.0.1:1455/auth/callback?code=abc123&state=xyz  ', 'xyz')).toBe('abc123');
    expect(parseRedirectInput('http://localhost:1455/auth/callback?code=a%2Fb+c&state=xyz#frag', 'xyz')).toBe('a/b c');
    expect(parseRedirectInput('code=abc123&state=xyz', 'xyz')).toBe('abc123');
    expect(parseRedirectInput('?code=abc123&state=xyz', 'xyz')).toBe('abc123');
    expect(parseRedirectInput('raw-code')).toBe('raw-code');
    expect(parseRedirectInput('raw-code', 'xyz')).toBe('raw-code');
  });

  it('rejects a state mismatch, a missing state, an error and an empty input', () => {
    const reason = (input: string) => {
      try {
        parseRedirectInput(input, 'xyz');
        return 'accepted';
      } catch (error) {
        return `${(error as CodexAuthError).reason}: ${(error as Error).message}`;
      }
    };
    expect(reason('http://127.0.0.1:1455/auth/callback?code=abc&state=other')).toMatch(/^state_mismatch: OAuth state mismatch/);
    expect(reason('code=abc')).toMatch(/^state_mismatch: Missing OAuth state/);
    expect(reason('error=access_denied&error_description=user+cancelled')).toMatch(
      /^oauth_error: OpenAI OAuth error: access_denied \(user cancelled\)/,
    );
    expect(reason('http://localhost:1455/auth/callback?state=xyz')).toMatch(/^missing_code: Missing OAuth code/);
    expect(reason('   ')).toMatch(/^missing_code: No OAuth code provided/);
  });
});

describe('account id and expiry from the JWT (§2.8)', () => {
  it('prefers the nested ChatGPT claim over sub (the seed’s ⚠)', () => {
    expect(extractAccountId(fakeJwt({ sub: 'user-1', 'https://api.openai.com/auth': { chatgpt_account_id: 'acct-nested' } }))).toBe(
      'acct-nested',
    );
    expect(extractAccountId(fakeJwt({ account_id: 'acct_123' }))).toBe('acct_123');
    expect(extractAccountId(fakeJwt({ accountId: ' ', acct: 'acct-2', sub: 'user-1' }))).toBe('acct-2');
    expect(extractAccountId(fakeJwt({ sub: 'user-1' }))).toBe('user-1');
    expect(extractAccountId(fakeJwt({ 'https://api.openai.com/account_id': 'acct-3' }))).toBe('acct-3');
    expect(extractAccountId('not-a-jwt')).toBeUndefined();
    expect(extractAccountId('a.e30=.c')).toBeUndefined(); // padding: not strict base64url
    expect(extractExpiry(fakeJwt({ exp: 1_700_000_000 }))).toBe(1_700_000_000_000);
  });
});

describe('the callback server', () => {
  const servers: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('serves /auth/callback, ignores other paths, and shows a success page', async () => {
    const server = await startCallbackServer({ port: 0, expectedState: 'st' });
    servers.push(server);
    expect(server.redirectUri).toBe(`http://localhost:${server.port}/auth/callback`);
    expect((await fetch(`http://127.0.0.1:${server.port}/favicon.ico`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${server.port}/auth/callback`)).status).toBe(400);
    const page = await fetch(callbackUrl(server.port, 'code=the-code&state=st'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('You can close this window');
    await expect(server.waitForCode()).resolves.toBe('the-code');
  });

  it('rejects a state mismatch with a 400 page and a clear error', async () => {
    const server = await startCallbackServer({ port: 0, expectedState: 'expected' });
    servers.push(server);
    const page = await fetch(callbackUrl(server.port, 'code=c&state=<script>'));
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('state mismatch');
    expect(html).not.toContain('<script>');
    await expect(server.waitForCode()).rejects.toMatchObject({ reason: 'state_mismatch', errorClass: 'auth' });
  });

  it('reports error=access_denied from the browser', async () => {
    const server = await startCallbackServer({ port: 0, expectedState: 's' });
    servers.push(server);
    const page = await fetch(callbackUrl(server.port, 'error=access_denied&error_description=User+said+no&state=s'));
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('access_denied');
    await expect(server.waitForCode()).rejects.toMatchObject({ reason: 'oauth_error', message: expect.stringContaining('User said no') });
  });

  it('says the port is busy and points to paste-redirect', async () => {
    const blocker = await busyPort();
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const error = (await startCallbackServer({ port, expectedState: 's' }).catch((e: unknown) => e)) as CodexAuthError;
      expect(error).toBeInstanceOf(CodexAuthError);
      expect(error.reason).toBe('port_in_use');
      expect(error.message).toContain(`Port ${port} is already in use`);
      expect(error.message).toContain('paste the address it ends on');
    } finally {
      blocker.close();
    }
  });

  it('times out, and can be cancelled by a signal or close()', async () => {
    const timed = await startCallbackServer({ port: 0, expectedState: 's', timeoutMs: 50 });
    await expect(timed.waitForCode()).rejects.toMatchObject({ reason: 'timeout', message: expect.stringContaining('paste') });
    const controller = new AbortController();
    const aborted = await startCallbackServer({ port: 0, expectedState: 's', signal: controller.signal });
    controller.abort();
    await expect(aborted.waitForCode()).rejects.toMatchObject({ reason: 'cancelled' });
    const closed = await startCallbackServer({ port: 0, expectedState: 's' });
    await closed.close();
    await expect(closed.waitForCode()).rejects.toMatchObject({ reason: 'cancelled' });
    await expect(fetch(callbackUrl(closed.port, 'code=c&state=s'))).rejects.toThrow();
  });
});

describe('sign-in against the fake OpenAI', () => {
  let fake: FakeCodex;
  beforeEach(async () => {
    fake = await startFakeCodex();
  });
  afterEach(() => fake.close());

  it('logs in: authorize URL → browser → callback → code exchange → tokens saved', async () => {
    const store = memoryTokenStore();
    const now = 1_000_000_000_000;
    const auth = new CodexAuth({ store, issuer: fake.issuer, now: () => now, env: {} });
    const login = await auth.beginLogin({ port: 0 });
    expect(login.callbackError).toBeUndefined();
    const authorize = new URL(login.authorizeUrl);
    expect(authorize.origin + authorize.pathname).toBe(`${fake.issuer}/oauth/authorize`);
    expect(authorize.searchParams.get('redirect_uri')).toBe(login.redirectUri);

    const page = await browserVisit(login.authorizeUrl);
    expect(page.status).toBe(200);
    const tokens = await login.done();

    expect(tokens).toMatchObject({ accountId: FAKE_ACCOUNT_ID, expiresAt: now + 3600_000 });
    expect(fake.validAccessTokens.has(tokens.accessToken)).toBe(true);
    expect(fake.validRefreshTokens.has(tokens.refreshToken)).toBe(true);
    expect(tokens.idToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(store.tokens).toEqual(tokens);
    const [exchange] = fake.tokenRequests();
    expect(exchange!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect([...exchange!.form.keys()]).toEqual(['grant_type', 'code', 'client_id', 'redirect_uri', 'code_verifier']);
    expect(exchange!.form.get('grant_type')).toBe('authorization_code');
    expect(exchange!.form.get('client_id')).toBe(FAKE_CLIENT_ID);
    expect(exchange!.form.get('redirect_uri')).toBe(login.redirectUri);
    expect(pkceChallenge(exchange!.form.get('code_verifier')!)).toBe(authorize.searchParams.get('code_challenge'));
    // Tokens are never shown, even if something echoes them.
    expect(redactSecrets(`got ${tokens.accessToken} and ${tokens.refreshToken}`)).toBe('got [REDACTED] and [REDACTED]');
  });

  it('finishes by paste when the port is busy, and refuses a pasted redirect from another attempt', async () => {
    const blocker = await busyPort();
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const store = memoryTokenStore();
      const auth = new CodexAuth({ store, issuer: fake.issuer, env: {} });
      const login = await auth.beginLogin({ port });
      expect(login.callbackError).toMatchObject({ reason: 'port_in_use' });
      expect(login.redirectUri).toBe(`http://localhost:${port}/auth/callback`);
      // The browser lands on the busy port; the user copies the address bar.
      const authorize = await fetch(login.authorizeUrl, { redirect: 'manual' });
      const landed = authorize.headers.get('location')!;
      const forged = landed.replace(/state=[^&]+/, 'state=someone-else');
      await expect(login.submitRedirect(forged)).rejects.toMatchObject({ reason: 'state_mismatch' });
      expect(store.saves).toBe(0);
      const tokens = await login.submitRedirect(landed);
      expect(store.tokens).toEqual(tokens);
      await expect(login.done()).resolves.toEqual(tokens);
    } finally {
      blocker.close();
    }
  });

  it('fails the exchange on a wrong verifier (the fake checks PKCE) with the server’s reason', async () => {
    const url = buildAuthorizeUrl({
      issuer: fake.issuer,
      redirectUri: 'http://localhost:1/auth/callback',
      challenge: pkceChallenge('right-verifier-right-verifier-right-verifier'),
      state: 's',
    });
    const code = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
    const error = (await exchangeCode({
      issuer: fake.issuer,
      code,
      verifier: 'wrong-verifier-wrong-verifier-wrong-verifier',
      redirectUri: 'http://localhost:1/auth/callback',
      env: {},
    }).catch((e: unknown) => e)) as CodexAuthError;
    expect(error).toMatchObject({ reason: 'oauth_error', status: 400 });
    expect(error.message).toContain('OpenAI OAuth token request failed');
    expect(error.message).toContain('code_verifier does not match');
    expect(error.message).not.toContain(code);
    // The right verifier works once.
    const tokens = await exchangeCode({
      issuer: fake.issuer,
      code,
      verifier: 'right-verifier-right-verifier-right-verifier',
      redirectUri: 'http://localhost:1/auth/callback',
      env: {},
    });
    expect(tokens.accountId).toBe(FAKE_ACCOUNT_ID);
  });

  it('refreshTokens sends the seed’s form and keeps the old refresh token when none comes back', async () => {
    const minted = fake.mint();
    const fresh = await refreshTokens({ issuer: fake.issuer, refreshToken: minted.refresh_token, env: {}, now: () => 5_000 });
    const [request] = fake.tokenRequests();
    expect(request!.rawBody).toBe(`grant_type=refresh_token&refresh_token=${minted.refresh_token}&client_id=${FAKE_CLIENT_ID}`);
    expect(fresh).toMatchObject({ expiresAt: 5_000 + 3600_000, accountId: FAKE_ACCOUNT_ID });
    expect(fresh.refreshToken).not.toBe(minted.refresh_token);
    fake.failToken({ body: { access_token: fakeJwt({ exp: 7_000, account_id: 'acct-x' }) } });
    const kept = await refreshTokens({ issuer: fake.issuer, refreshToken: fresh.refreshToken, env: {}, now: () => 5_000 });
    expect(kept).toMatchObject({ refreshToken: fresh.refreshToken, expiresAt: 7_000_000, accountId: 'acct-x' });
  });
});

describe('CodexAuth keeps the token fresh', () => {
  let fake: FakeCodex;
  let clock: number;
  const sleeps: number[] = [];
  beforeEach(async () => {
    fake = await startFakeCodex();
    clock = 2_000_000_000_000;
    sleeps.length = 0;
  });
  afterEach(() => fake.close());

  function signedIn(expiresInMs: number): { store: ReturnType<typeof memoryTokenStore>; auth: CodexAuth; tokens: CodexTokens } {
    const minted = fake.mint();
    const tokens: CodexTokens = {
      accessToken: minted.access_token,
      refreshToken: minted.refresh_token,
      idToken: minted.id_token,
      expiresAt: clock + expiresInMs,
      accountId: FAKE_ACCOUNT_ID,
    };
    const store = memoryTokenStore(tokens);
    const auth = new CodexAuth({ store, issuer: fake.issuer, now: () => clock, env: {}, sleep: async (ms) => void sleeps.push(ms) });
    return { store, auth, tokens };
  }

  it('returns the stored token until it is within 90 s of expiry, then refreshes', async () => {
    const { store, auth, tokens } = signedIn(REFRESH_SKEW_MS + 30_000);
    expect(await auth.getValidAccessToken()).toEqual({ accessToken: tokens.accessToken, accountId: FAKE_ACCOUNT_ID });
    expect(fake.tokenRequests()).toHaveLength(0);
    clock += 31_000; // now 89 s before expiry
    const fresh = await auth.getValidAccessToken();
    expect(fresh.accessToken).not.toBe(tokens.accessToken);
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(store.tokens).toMatchObject({ accessToken: fresh.accessToken, expiresAt: clock + 3600_000, accountId: FAKE_ACCOUNT_ID });
    expect(store.tokens!.refreshToken).not.toBe(tokens.refreshToken);
    expect(await auth.getValidAccessToken()).toEqual(fresh);
    expect(fake.tokenRequests()).toHaveLength(1);
  });

  it('shares one refresh between concurrent callers', async () => {
    const { auth } = signedIn(10_000);
    const results = await Promise.all([auth.getValidAccessToken(), auth.getValidAccessToken(), auth.forceRefresh()]);
    expect(new Set(results.map((r) => r.accessToken)).size).toBe(1);
    expect(fake.tokenRequests()).toHaveLength(1);
  });

  it('forceRefresh after a 401 refreshes a still-valid token, unless the store already moved on', async () => {
    const { auth, tokens } = signedIn(3600_000);
    const fresh = await auth.forceRefresh(tokens.accessToken);
    expect(fresh.accessToken).not.toBe(tokens.accessToken);
    expect(fake.tokenRequests()).toHaveLength(1);
    // A second request that was refused with the old token gets the new one without a refresh.
    expect(await auth.forceRefresh(tokens.accessToken)).toEqual(fresh);
    expect(fake.tokenRequests()).toHaveLength(1);
  });

  it('invalid_grant asks to sign in again, is not retried, and clears nothing', async () => {
    const { store, auth, tokens } = signedIn(10_000);
    fake.validRefreshTokens.clear();
    const error = (await auth.getValidAccessToken().catch((e: unknown) => e)) as CodexAuthError;
    expect(error).toBeInstanceOf(CodexAuthError);
    expect(error).toMatchObject({ reason: 'sign_in_required', errorClass: 'auth', status: 400 });
    expect(error.message).toMatch(/sign in again/);
    expect(error.message).not.toContain(tokens.refreshToken);
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(store.tokens).toEqual(tokens);
    expect(store.clears).toBe(0);
    expect(store.saves).toBe(0);
    // The refused refresh token is not sent again.
    await expect(auth.forceRefresh()).rejects.toMatchObject({ reason: 'sign_in_required' });
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(await auth.status()).toMatchObject({ signedIn: true, needsSignIn: true, accountId: FAKE_ACCOUNT_ID });
  });

  it('retries a server failure 3 times (350, 700 ms), then backs off for 10 s', async () => {
    const { store, auth, tokens } = signedIn(10_000);
    fake.failToken({ status: 502, body: 'bad gateway' }, { status: 503, body: 'unavailable' }, { status: 500, body: 'oops' });
    await expect(auth.getValidAccessToken()).rejects.toMatchObject({ reason: 'refresh_failed', status: 500 });
    expect(sleeps).toEqual([350, 700]);
    expect(fake.tokenRequests()).toHaveLength(3);
    await expect(auth.getValidAccessToken()).rejects.toMatchObject({
      reason: 'refresh_backoff',
      message: expect.stringContaining('backoff for 10s'),
    });
    expect(fake.tokenRequests()).toHaveLength(3);
    expect(store.tokens).toEqual(tokens);
    clock += 10_001;
    const fresh = await auth.getValidAccessToken();
    expect(fresh.accessToken).not.toBe(tokens.accessToken);
  });

  it('a transient failure then success needs no backoff', async () => {
    const { auth } = signedIn(10_000);
    fake.failToken({ status: 503, body: 'unavailable' });
    await expect(auth.getValidAccessToken()).resolves.toMatchObject({ accountId: FAKE_ACCOUNT_ID });
    expect(sleeps).toEqual([350]);
  });

  it('without tokens asks to sign in; signOut clears the store', async () => {
    const store = memoryTokenStore();
    const auth = new CodexAuth({ store, issuer: fake.issuer, env: {} });
    await expect(auth.getValidAccessToken()).rejects.toMatchObject({ reason: 'sign_in_required', errorClass: 'auth' });
    expect(await auth.status()).toEqual({ signedIn: false, needsSignIn: true });
    const { auth: other, store: full } = signedIn(3600_000);
    await other.signOut();
    expect(full.tokens).toBeNull();
  });
});
