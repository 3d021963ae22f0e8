// OpenAI Codex sign-in with a ChatGPT account (seed-auth-cli.md §2.2–2.8): CodexAuth keeps the tokens
// fresh and runs the browser sign-in. Its parts are siblings: PKCE, state and the redirect
// (pkce.ts), the loopback callback server on 127.0.0.1:1455 (callback.ts), the token
// endpoint and the token claims (tokens.ts). Plain Node: the store (OS keychain) and the clock
// are injected, so it runs under tests as is.
//
// Where this differs from the seed, on purpose:
// - the callback server answers every request until the real callback arrives (the seed accepted
//   one connection, so a favicon request or a port probe used up the login, §2.3 ⚠) and answers a
//   bad callback with a readable 400 page instead of dropping the connection;
// - the account id is read from the nested "https://api.openai.com/auth".chatgpt_account_id claim
//   that real ChatGPT tokens carry, before the seed's flat claims (§2.8 ⚠: the seed fell back to
//   `sub`, a user id);
// - a refresh the server refuses (4xx, e.g. invalid_grant) is not retried: it asks to sign in again.
import type { Grant, TokenSource } from '../../providers/core/sign-in';
import { registerSecret } from '../../secrets/redact';
import { type CallbackServer, startCallbackServer } from './callback';
import { buildAuthorizeUrl, createPkce, createState, parseRedirectInput } from './pkce';
import {
  CODEX_CALLBACK_PATH,
  CODEX_CALLBACK_PORT,
  CODEX_CLIENT_ID,
  CODEX_ISSUER,
  CodexAuthError,
  type CodexCredentials,
  type CodexTokens,
  type CodexTokenStore,
  REFRESH_ATTEMPTS,
  REFRESH_BACKOFF_MS,
  REFRESH_RETRY_STEP_MS,
  REFRESH_SKEW_MS,
} from './shared';
import { exchangeCode, refreshTokens, type TokenEndpointOptions } from './tokens';

// The parts of the sign-in, re-exported: callers import the sign-in from here.
export * from './callback';
export * from './pkce';
export * from './shared';
export * from './tokens';

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

function grantOf(credentials: CodexCredentials): Grant {
  return { token: credentials.accessToken, ...(credentials.accountId && { accountId: credentials.accountId }) };
}

export class CodexAuth implements TokenSource {
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
    this.endpoint = {
      issuer: options.issuer ?? CODEX_ISSUER,
      clientId: options.clientId ?? CODEX_CLIENT_ID,
      now: this.now,
      env: options.env,
    };
  }

  private expiring(tokens: CodexTokens): boolean {
    return tokens.expiresAt <= this.now() + REFRESH_SKEW_MS;
  }

  private async loadOrThrow(): Promise<CodexTokens> {
    const tokens = await this.store.load();
    if (!tokens?.accessToken)
      throw new CodexAuthError('sign_in_required', 'Not signed in to OpenAI Codex: sign in with your ChatGPT account.');
    registerSecret(tokens.refreshToken);
    return tokens;
  }

  /** For the UI and errors: what requests use instead of a key. */
  readonly label = 'ChatGPT sign-in';

  /** The sign-in as the Codex provider takes it (core/sign-in.ts): the access token and the account. */
  async grant(signal?: AbortSignal): Promise<Grant> {
    return grantOf(await this.getValidAccessToken(signal));
  }

  async afterRejection(rejected: string, signal?: AbortSignal): Promise<Grant> {
    return grantOf(await this.forceRefresh(rejected, signal));
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
      throw new CodexAuthError(
        'refresh_backoff',
        `OpenAI token refresh is in backoff for ${Math.ceil(waitMs / 1000)}s after a failed attempt.`,
        { retryAfterMs: waitMs },
      );
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
      server = await startCallbackServer({
        host: options.host,
        port,
        expectedState: state,
        signal: options.signal,
        timeoutMs: options.timeoutMs,
      });
    } catch (error) {
      if (!(error instanceof CodexAuthError) || error.reason !== 'port_in_use') throw error;
      callbackError = error;
    }
    const redirectUri = server?.redirectUri ?? `http://localhost:${port}${CODEX_CALLBACK_PATH}`;
    const authorizeUrl = buildAuthorizeUrl({
      issuer: this.endpoint.issuer,
      clientId: this.endpoint.clientId,
      redirectUri,
      challenge: pkce.challenge,
      state,
    });
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
