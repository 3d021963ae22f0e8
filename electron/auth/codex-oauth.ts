// OpenAI Codex sign-in with a ChatGPT account (seed-auth-cli.md §2.2–2.8): PKCE, the authorize URL,
// a loopback callback server on 127.0.0.1:1455, the paste-redirect fallback, the code exchange and
// refresh against {issuer}/oauth/token (form-encoded), and the account id from the token's claims.
// Plain Node: the store (OS keychain) and the clock are injected, so it runs under tests as is.
//
// Where this differs from the seed, on purpose:
// - the callback server answers every request until the real callback arrives (the seed accepted
//   one connection, so a favicon request or a port probe used up the login, §2.3 ⚠) and answers a
//   bad callback with a readable 400 page instead of dropping the connection;
// - the account id is read from the nested "https://api.openai.com/auth".chatgpt_account_id claim
//   that real ChatGPT tokens carry, before the seed's flat claims (§2.8 ⚠: the seed fell back to
//   `sub`, a user id);
// - a refresh the server refuses (4xx, e.g. invalid_grant) is not retried: it asks to sign in again.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ErrorClass } from '../../shared/types';
import { readJson, sendRequest } from '../http/client';
import { ProviderError } from '../providers/errors';
import { registerSecret } from '../secrets/redact';

export const CODEX_CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann';
export const CODEX_ISSUER = 'https://auth.openai.com';
export const CODEX_CALLBACK_HOST = '127.0.0.1';
export const CODEX_CALLBACK_PORT = 1455;
export const CODEX_CALLBACK_PATH = '/auth/callback';
/** What OpenAI has registered for this client: `localhost`, while the listener binds 127.0.0.1. */
export const CODEX_REDIRECT_URI = `http://localhost:${CODEX_CALLBACK_PORT}${CODEX_CALLBACK_PATH}`;
export const CODEX_SCOPE = 'openid profile email offline_access';
export const LOGIN_TIMEOUT_MS = 180_000;
/** A token expiring within this is refreshed first (§2.7). */
export const REFRESH_SKEW_MS = 90_000;
export const REFRESH_ATTEMPTS = 3;
/** Pause before attempt n+1 is this × n (350, 700 ms). */
export const REFRESH_RETRY_STEP_MS = 350;
/** After a failed refresh, further refreshes fail fast for this long (per process). */
export const REFRESH_BACKOFF_MS = 10_000;
/** When neither expires_in nor the JWT's exp says, assume an hour (refreshing early is harmless). */
export const FALLBACK_LIFETIME_MS = 3_600_000;

const PROVIDER = 'OpenAI Codex';
const TOKEN_ENDPOINT_NAME = 'OpenAI sign-in';

export interface CodexTokens {
  accessToken: string;
  refreshToken: string;
  idToken?: string;
  /** ms since the epoch. */
  expiresAt: number;
  accountId?: string;
}

export interface CodexTokenStore {
  load(): Promise<CodexTokens | null>;
  save(tokens: CodexTokens): Promise<void>;
  clear(): Promise<void>;
}

/** What the Responses adapter needs for a request. */
export interface CodexCredentials {
  accessToken: string;
  accountId?: string;
}

export type CodexAuthReason = 'sign_in_required' | 'state_mismatch' | 'oauth_error' | 'missing_code' | 'port_in_use' | 'timeout' | 'cancelled' | 'refresh_failed' | 'refresh_backoff' | 'bad_token_response';

const REASON_CLASS: Record<CodexAuthReason, ErrorClass> = {
  sign_in_required: 'auth',
  state_mismatch: 'auth',
  oauth_error: 'auth',
  missing_code: 'auth',
  port_in_use: 'network',
  timeout: 'timeout',
  cancelled: 'cancelled',
  refresh_failed: 'network',
  refresh_backoff: 'network',
  bad_token_response: 'server',
};

/** A sign-in failure; `reason` tells the UI what to offer (sign in again, paste the redirect…). */
export class CodexAuthError extends ProviderError {
  readonly reason: CodexAuthReason;

  constructor(reason: CodexAuthReason, message: string, options: { status?: number; retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, { provider: PROVIDER, errorClass: REASON_CLASS[reason], ...options });
    this.name = 'CodexAuthError';
    this.reason = reason;
  }
}

// ---------------------------------------------------------------------------------------------
// PKCE, state, URL encoding (§2.2)

export interface Pkce {
  verifier: string;
  challenge: string;
  method: 'S256';
}

/** base64url(SHA-256(verifier)) without padding (RFC 7636 §4.2). */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** 64 random bytes as base64url: an 86-character verifier, all RFC 3986 unreserved characters. */
export function createPkce(): Pkce {
  const verifier = randomBytes(64).toString('base64url');
  return { verifier, challenge: pkceChallenge(verifier), method: 'S256' };
}

/** 24 random bytes as base64url (32 characters). */
export function createState(): string {
  return randomBytes(24).toString('base64url');
}

/** RFC 3986: unreserved characters pass, every other byte is %XX (so a space is %20, not +). */
export function oauthEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function formEncode(pairs: Array<[string, string]>): string {
  return pairs.map(([key, value]) => `${oauthEncode(key)}=${oauthEncode(value)}`).join('&');
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

export interface AuthorizeUrlOptions {
  issuer?: string;
  clientId?: string;
  redirectUri?: string;
  scope?: string;
  challenge: string;
  state: string;
}

/** The seed's parameters, in its (alphabetical) order (§2.3 step 2). */
export function buildAuthorizeUrl(options: AuthorizeUrlOptions): string {
  const params: Array<[string, string]> = [
    ['client_id', options.clientId ?? CODEX_CLIENT_ID],
    ['code_challenge', options.challenge],
    ['code_challenge_method', 'S256'],
    ['codex_cli_simplified_flow', 'true'],
    ['id_token_add_organizations', 'true'],
    ['redirect_uri', options.redirectUri ?? CODEX_REDIRECT_URI],
    ['response_type', 'code'],
    ['scope', options.scope ?? CODEX_SCOPE],
    ['state', options.state],
  ];
  return `${trimSlash(options.issuer ?? CODEX_ISSUER)}/oauth/authorize?${formEncode(params)}`;
}

// ---------------------------------------------------------------------------------------------
// The redirect: parsed the same way from the callback server and from a pasted URL (§2.5)

function callbackParamsError(params: URLSearchParams, expectedState: string | undefined): CodexAuthError | null {
  const error = params.get('error');
  if (error !== null) {
    const description = params.get('error_description')?.trim() || 'OAuth authorization failed';
    const hint = error === 'access_denied' ? ' Sign-in was cancelled or refused in the browser.' : '';
    return new CodexAuthError('oauth_error', `OpenAI OAuth error: ${error} (${description}).${hint}`);
  }
  if (expectedState !== undefined) {
    const state = params.get('state');
    if (state === null) return new CodexAuthError('state_mismatch', 'Missing OAuth state in callback: start the sign-in again.');
    if (state !== expectedState) return new CodexAuthError('state_mismatch', 'OAuth state mismatch: this redirect belongs to a different sign-in attempt. Start the sign-in again.');
  }
  if (!params.get('code')) return new CodexAuthError('missing_code', 'Missing OAuth code in callback.');
  return null;
}

/**
 * The paste-redirect fallback: the full redirect URL, its query string, or the bare code. A
 * payload that carries a state must carry the expected one; a bare code has none to check (§2.5).
 */
export function parseRedirectInput(input: string, expectedState?: string): string {
  const trimmed = input.trim();
  if (!trimmed) throw new CodexAuthError('missing_code', 'No OAuth code provided: paste the address the browser was sent to after sign-in.');
  const noFragment = trimmed.replace(/#.*$/s, '');
  const queryStart = noFragment.indexOf('?');
  const query = queryStart === -1 ? noFragment : noFragment.slice(queryStart + 1);
  // URLSearchParams decodes as the seed does: + is a space, a bad %-escape stays literal.
  const params = new URLSearchParams(query);
  const isPayload = queryStart !== -1 || params.has('code') || params.has('state') || params.has('error');
  if (!isPayload) return trimmed;
  const error = callbackParamsError(params, expectedState);
  if (error) throw error;
  return params.get('code')!;
}

// ---------------------------------------------------------------------------------------------
// The loopback callback server (§2.3 step 4, §7.3)

export interface CallbackServerOptions {
  host?: string;
  /** 1455 by default (the port OpenAI's registered redirect URI names); 0 picks a free one. */
  port?: number;
  expectedState: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface CallbackServer {
  /** The redirect_uri to send: http://localhost:<port>/auth/callback. */
  redirectUri: string;
  port: number;
  /** The code, once the browser came back with the expected state. */
  waitForCode(): Promise<string>;
  close(): Promise<void>;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}h1{font-size:1.4rem}</style></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
}

export function portInUseMessage(port: number): string {
  return `Port ${port} is already in use (another sign-in, or the Codex CLI, may be listening), so Switchyard cannot receive the sign-in redirect. Close the other program and try again, or finish signing in in the browser and paste the address it ends on below.`;
}

export function startCallbackServer(options: CallbackServerOptions): Promise<CallbackServer> {
  const host = options.host ?? CODEX_CALLBACK_HOST;
  const requestedPort = options.port ?? CODEX_CALLBACK_PORT;
  const timeoutMs = options.timeoutMs ?? LOGIN_TIMEOUT_MS;
  let settle: { resolve: (code: string) => void; reject: (error: Error) => void };
  let settled = false;
  const result = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  // Nobody may be waiting yet; the rejection is still delivered through waitForCode().
  result.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const reply = (status: number, title: string, message: string) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
      res.end(page(title, message));
    };
    if (url.pathname !== CODEX_CALLBACK_PATH || req.method !== 'GET') {
      // favicon.ico, probes: answered, and the login keeps waiting.
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end('Not found');
      return;
    }
    if (settled) {
      reply(410, 'Sign-in already handled', 'This sign-in has already finished. You can close this window.');
      return;
    }
    const params = url.searchParams;
    if (!params.has('code') && !params.has('state') && !params.has('error')) {
      reply(400, 'Waiting for sign-in', 'This address receives the redirect from OpenAI after you sign in. Finish signing in in the other tab.');
      return;
    }
    const error = callbackParamsError(params, options.expectedState);
    if (error) {
      reply(400, 'Sign-in failed', `${error.message} You can close this window and return to Switchyard.`);
      finish(error);
      return;
    }
    reply(200, 'Signed in to OpenAI Codex', 'You can close this window and return to Switchyard.');
    finish(null, params.get('code')!);
  });

  let closing: Promise<void> | null = null;
  const closeServer = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    closing ??= new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      // Idle keep-alive or preconnected sockets would hold close() open; give the last page a
      // moment to flush, then drop whatever is left.
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 500).unref();
    });
    return closing;
  };

  function finish(error: Error | null, code?: string): void {
    if (settled) return;
    settled = true;
    if (error) settle.reject(error);
    else settle.resolve(code!);
    void closeServer();
  }

  /** Closing before the redirect arrived ends the wait as cancelled. */
  const close = (): Promise<void> => {
    finish(new CodexAuthError('cancelled', 'Sign-in was cancelled.'));
    return closeServer();
  };

  return new Promise<CallbackServer>((resolve, reject) => {
    if (options.signal?.aborted) return reject(new CodexAuthError('cancelled', 'Sign-in was cancelled.'));
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new CodexAuthError('port_in_use', portInUseMessage(requestedPort), { cause: error }));
      else reject(new CodexAuthError('port_in_use', `Cannot listen on ${host}:${requestedPort} for the sign-in redirect (${error.code ?? error.message}). Finish signing in in the browser and paste the address it ends on below.`, { cause: error }));
    });
    server.listen(requestedPort, host, () => {
      server.on('error', () => undefined);
      const { port } = server.address() as AddressInfo;
      timer = setTimeout(() => finish(new CodexAuthError('timeout', `No sign-in redirect arrived within ${Math.round(timeoutMs / 1000)} s. Try again, or paste the address the browser ended on.`)), timeoutMs);
      timer.unref?.();
      onAbort = () => finish(new CodexAuthError('cancelled', 'Sign-in was cancelled.'));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      resolve({ redirectUri: `http://localhost:${port}${CODEX_CALLBACK_PATH}`, port, waitForCode: () => result, close });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// JWT claims (§2.8)

function decodeJwtPayload(jwt: string): Record<string, unknown> | null {
  const segment = jwt.split('.')[1];
  // Strict base64url without padding, as the seed decodes.
  if (!segment || !/^[A-Za-z0-9_-]+$/.test(segment) || segment.length % 4 === 1) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function nonBlank(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}

/**
 * The ChatGPT account id: the nested `https://api.openai.com/auth`.chatgpt_account_id that real
 * tokens carry first, then the seed's claims in its order (account_id, accountId, acct, sub,
 * https://api.openai.com/account_id).
 */
export function extractAccountId(jwt: string): string | undefined {
  const claims = decodeJwtPayload(jwt);
  if (!claims) return undefined;
  const nested = claims['https://api.openai.com/auth'];
  if (nested && typeof nested === 'object') {
    const id = nonBlank((nested as Record<string, unknown>).chatgpt_account_id);
    if (id) return id;
  }
  for (const key of ['account_id', 'accountId', 'acct', 'sub', 'https://api.openai.com/account_id']) {
    const id = nonBlank(claims[key]);
    if (id) return id;
  }
  return undefined;
}

/** The `exp` claim as ms since the epoch. */
export function extractExpiry(jwt: string): number | undefined {
  const exp = decodeJwtPayload(jwt)?.exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
}

// ---------------------------------------------------------------------------------------------
// The token endpoint (§2.3 steps 6–7, §2.7 step 6)

export interface TokenEndpointOptions {
  issuer?: string;
  clientId?: string;
  signal?: AbortSignal;
  now?: () => number;
  env?: NodeJS.ProcessEnv;
}

interface TokenResponse {
  access_token?: unknown;
  refresh_token?: unknown;
  id_token?: unknown;
  expires_in?: unknown;
}

type TokenReply = Omit<CodexTokens, 'refreshToken'> & { refreshToken?: string };

async function postToken(options: TokenEndpointOptions, form: Array<[string, string]>, onHttpError: (error: ProviderError) => Error): Promise<TokenReply> {
  const url = `${trimSlash(options.issuer ?? CODEX_ISSUER)}/oauth/token`;
  let body: TokenResponse;
  try {
    const response = await sendRequest({ provider: TOKEN_ENDPOINT_NAME, url, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: formEncode(form), signal: options.signal }, options.env);
    body = await readJson<TokenResponse>(TOKEN_ENDPOINT_NAME, response);
  } catch (error) {
    if (error instanceof ProviderError && error.status !== undefined && error.status >= 400) throw onHttpError(error);
    throw error;
  }
  const accessToken = nonBlank(body.access_token);
  if (!accessToken) throw new CodexAuthError('bad_token_response', 'OpenAI sign-in returned no access token.');
  const refreshToken = nonBlank(body.refresh_token);
  const idToken = nonBlank(body.id_token);
  for (const secret of [accessToken, refreshToken, idToken]) registerSecret(secret);
  const now = (options.now ?? Date.now)();
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in);
  const expiresAt = Number.isFinite(expiresIn) && expiresIn > 0 ? now + expiresIn * 1000 : (extractExpiry(accessToken) ?? now + FALLBACK_LIFETIME_MS);
  const accountId = extractAccountId(accessToken) ?? (idToken ? extractAccountId(idToken) : undefined);
  return { accessToken, expiresAt, ...(refreshToken && { refreshToken }), ...(idToken && { idToken }), ...(accountId && { accountId }) };
}

export interface ExchangeCodeOptions extends TokenEndpointOptions {
  code: string;
  verifier: string;
  redirectUri: string;
}

export async function exchangeCode(options: ExchangeCodeOptions): Promise<CodexTokens> {
  registerSecret(options.code);
  const reply = await postToken(
    options,
    [
      ['grant_type', 'authorization_code'],
      ['code', options.code],
      ['client_id', options.clientId ?? CODEX_CLIENT_ID],
      ['redirect_uri', options.redirectUri],
      ['code_verifier', options.verifier],
    ],
    (error) => new CodexAuthError('oauth_error', `OpenAI OAuth token request failed: ${error.message}`, { status: error.status, cause: error }),
  );
  if (!reply.refreshToken) throw new CodexAuthError('bad_token_response', 'OpenAI sign-in returned no refresh token, so the session could not be kept. Try signing in again.');
  return { ...reply, refreshToken: reply.refreshToken };
}

export interface RefreshTokensOptions extends TokenEndpointOptions {
  refreshToken: string;
}

/** One refresh. A refusal (4xx other than 408/429) means the sign-in is gone: sign in again. */
export async function refreshTokens(options: RefreshTokensOptions): Promise<CodexTokens> {
  registerSecret(options.refreshToken);
  const reply = await postToken(
    options,
    [
      ['grant_type', 'refresh_token'],
      ['refresh_token', options.refreshToken],
      ['client_id', options.clientId ?? CODEX_CLIENT_ID],
    ],
    (error) => {
      const status = error.status ?? 0;
      if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
        return new CodexAuthError('sign_in_required', `Your OpenAI sign-in has expired or was revoked: sign in again. (${error.message})`, { status, cause: error });
      }
      return new CodexAuthError('refresh_failed', `Could not refresh the OpenAI sign-in: ${error.message}`, { status, retryAfterMs: error.retryAfterMs, cause: error });
    },
  );
  // No new refresh token means the old one stays valid (§2.7 step 7).
  return { ...reply, refreshToken: reply.refreshToken ?? options.refreshToken };
}

// ---------------------------------------------------------------------------------------------
// CodexAuth: tokens from the store, kept fresh; the sign-in flows end up here

export interface CodexAuthOptions {
  store: CodexTokenStore;
  now?: () => number;
  issuer?: string;
  clientId?: string;
  env?: NodeJS.ProcessEnv;
  /** For tests: the pause between refresh attempts. */
  sleep?: (ms: number) => Promise<void>;
}

export interface BeginLoginOptions {
  host?: string;
  port?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface CodexLogin {
  /** Open this in the system browser. */
  authorizeUrl: string;
  redirectUri: string;
  /** Set when the callback server could not start (port busy): only submitRedirect can finish. */
  callbackError?: CodexAuthError;
  /**
   * Resolves when the sign-in finished by either path (the browser reaching the callback server,
   * or submitRedirect), with the tokens saved. Rejects on a failed callback, timeout or cancel;
   * while the port is busy it waits for submitRedirect.
   */
  done(): Promise<CodexTokens>;
  /** The paste fallback: the redirect URL (or its query, or the bare code); saves the tokens. */
  submitRedirect(input: string): Promise<CodexTokens>;
  /** Stops the callback server and ends the sign-in as cancelled. */
  cancel(): Promise<void>;
}

export interface CodexAuthStatus {
  signedIn: boolean;
  accountId?: string;
  expiresAt?: number;
  /** A refresh was refused: the user has to sign in again. */
  needsSignIn: boolean;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function credentialsOf(tokens: CodexTokens): CodexCredentials {
  registerSecret(tokens.accessToken);
  return tokens.accountId ? { accessToken: tokens.accessToken, accountId: tokens.accountId } : { accessToken: tokens.accessToken };
}

export class CodexAuth {
  private readonly store: CodexTokenStore;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly endpoint: TokenEndpointOptions;
  private inflight: Promise<CodexCredentials> | null = null;
  private backoffUntil = 0;
  /** A refresh token the server refused; no point sending it again. */
  private deadRefreshToken: string | null = null;

  constructor(options: CodexAuthOptions) {
    this.store = options.store;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? defaultSleep;
    this.endpoint = { issuer: options.issuer ?? CODEX_ISSUER, clientId: options.clientId ?? CODEX_CLIENT_ID, now: this.now, env: options.env };
  }

  private expiring(tokens: CodexTokens): boolean {
    return tokens.expiresAt <= this.now() + REFRESH_SKEW_MS;
  }

  private async loadOrThrow(): Promise<CodexTokens> {
    const tokens = await this.store.load();
    if (!tokens?.accessToken) throw new CodexAuthError('sign_in_required', 'Not signed in to OpenAI Codex: sign in with your ChatGPT account.');
    registerSecret(tokens.refreshToken);
    return tokens;
  }

  /** The access token, refreshed first when it expires within 90 s (§2.7). */
  async getValidAccessToken(signal?: AbortSignal): Promise<CodexCredentials> {
    const tokens = await this.loadOrThrow();
    if (!this.expiring(tokens) || !tokens.refreshToken) return credentialsOf(tokens);
    return this.refresh(undefined, signal);
  }

  /**
   * Refreshes now, for a request the server answered 401. Pass the rejected token: if the store
   * already holds a different one (another request refreshed meanwhile), that one is returned.
   */
  async forceRefresh(staleAccessToken?: string, signal?: AbortSignal): Promise<CodexCredentials> {
    return this.refresh(staleAccessToken ?? null, signal);
  }

  /** undefined: refresh only if still expiring; null: always; a token: unless the store moved on. */
  private refresh(stale: string | null | undefined, signal?: AbortSignal): Promise<CodexCredentials> {
    // One refresh at a time in this process; concurrent callers share it (§2.7 step 4).
    this.inflight ??= this.refreshOnce(stale, signal).finally(() => (this.inflight = null));
    return this.inflight;
  }

  private async refreshOnce(stale: string | null | undefined, signal?: AbortSignal): Promise<CodexCredentials> {
    const current = await this.loadOrThrow();
    if (stale === undefined && !this.expiring(current)) return credentialsOf(current);
    if (typeof stale === 'string' && current.accessToken !== stale) return credentialsOf(current);
    if (!current.refreshToken || current.refreshToken === this.deadRefreshToken) {
      throw new CodexAuthError('sign_in_required', 'Your OpenAI sign-in has expired or was revoked: sign in again.');
    }
    const waitMs = this.backoffUntil - this.now();
    if (waitMs > 0) {
      throw new CodexAuthError('refresh_backoff', `OpenAI token refresh is in backoff for ${Math.ceil(waitMs / 1000)}s after a failed attempt.`, { retryAfterMs: waitMs });
    }
    let lastError: unknown;
    for (let attempt = 1; attempt <= REFRESH_ATTEMPTS; attempt += 1) {
      try {
        const fresh = await refreshTokens({ ...this.endpoint, refreshToken: current.refreshToken, signal });
        const merged: CodexTokens = {
          ...fresh,
          ...(!fresh.idToken && current.idToken && { idToken: current.idToken }),
          ...(!fresh.accountId && current.accountId && { accountId: current.accountId }),
        };
        await this.store.save(merged);
        this.backoffUntil = 0;
        return credentialsOf(merged);
      } catch (error) {
        if (error instanceof CodexAuthError && error.reason === 'sign_in_required') {
          // Nothing in the store is cleared: the UI shows "sign in again", and a new sign-in replaces it.
          this.deadRefreshToken = current.refreshToken;
          throw error;
        }
        if (signal?.aborted) throw error;
        lastError = error;
        if (attempt < REFRESH_ATTEMPTS) await this.sleep(REFRESH_RETRY_STEP_MS * attempt);
      }
    }
    this.backoffUntil = this.now() + REFRESH_BACKOFF_MS;
    if (lastError instanceof CodexAuthError) throw lastError;
    const detail = lastError instanceof Error ? lastError.message : String(lastError);
    throw new CodexAuthError('refresh_failed', `Could not refresh the OpenAI sign-in: ${detail}`, { cause: lastError });
  }

  async status(): Promise<CodexAuthStatus> {
    const tokens = await this.store.load();
    if (!tokens?.accessToken) return { signedIn: false, needsSignIn: true };
    return {
      signedIn: true,
      expiresAt: tokens.expiresAt,
      ...(tokens.accountId && { accountId: tokens.accountId }),
      needsSignIn: tokens.refreshToken === this.deadRefreshToken || (!tokens.refreshToken && this.expiring(tokens)),
    };
  }

  async signOut(): Promise<void> {
    this.deadRefreshToken = null;
    this.backoffUntil = 0;
    await this.store.clear();
  }

  /** Saves tokens from a finished sign-in (also for an import of ~/.codex/auth.json). */
  async saveTokens(tokens: CodexTokens): Promise<void> {
    await this.store.save(tokens);
    this.deadRefreshToken = null;
    this.backoffUntil = 0;
  }

  /**
   * Starts a browser sign-in: PKCE and state, the callback server (port 1455 unless given), and the
   * authorize URL to open. Await done(); call submitRedirect() with what the user pastes if the port
   * was busy or the browser could not reach the app.
   */
  async beginLogin(options: BeginLoginOptions = {}): Promise<CodexLogin> {
    const pkce = createPkce();
    const state = createState();
    const port = options.port ?? CODEX_CALLBACK_PORT;
    let server: CallbackServer | null = null;
    let callbackError: CodexAuthError | undefined;
    try {
      server = await startCallbackServer({ host: options.host, port, expectedState: state, signal: options.signal, timeoutMs: options.timeoutMs });
    } catch (error) {
      if (!(error instanceof CodexAuthError) || error.reason !== 'port_in_use') throw error;
      callbackError = error;
    }
    const redirectUri = server?.redirectUri ?? `http://localhost:${port}${CODEX_CALLBACK_PATH}`;
    const authorizeUrl = buildAuthorizeUrl({ issuer: this.endpoint.issuer, clientId: this.endpoint.clientId, redirectUri, challenge: pkce.challenge, state });
    let finished: Promise<CodexTokens> | null = null;
    let cancelled = false;
    let settleDone!: { resolve: (tokens: CodexTokens) => void; reject: (error: unknown) => void };
    const done = new Promise<CodexTokens>((resolve, reject) => (settleDone = { resolve, reject }));
    done.catch(() => undefined);
    const complete = (code: string): Promise<CodexTokens> => {
      finished ??= (async () => {
        const tokens = await exchangeCode({ ...this.endpoint, code, verifier: pkce.verifier, redirectUri, signal: options.signal });
        await this.saveTokens(tokens);
        return tokens;
      })().catch((error: unknown) => {
        // A failed exchange (a stale code) may be retried with another pasted redirect.
        finished = null;
        throw error;
      });
      finished.then(settleDone.resolve, settleDone.reject);
      return finished;
    };
    server?.waitForCode().then(
      (code) => complete(code).catch(() => undefined),
      (error: unknown) => {
        if (!finished) settleDone.reject(error);
      },
    );
    return {
      authorizeUrl,
      redirectUri,
      ...(callbackError && { callbackError }),
      done: () => done,
      submitRedirect: async (input: string) => {
        if (cancelled) throw new CodexAuthError('cancelled', 'Sign-in was cancelled.');
        const code = parseRedirectInput(input, state);
        const result = complete(code);
        await server?.close();
        return result;
      },
      cancel: async () => {
        cancelled = true;
        if (!finished) settleDone.reject(new CodexAuthError('cancelled', 'Sign-in was cancelled.'));
        await server?.close();
      },
    };
  }
}
