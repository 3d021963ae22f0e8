// GitHub Copilot (seed-auth-cli.md §1): a long-lived GitHub token, kept in the keychain, is traded
// for a short-lived Copilot API token that is cached in memory only and traded again 120 s before
// it expires or after a 401. Chat itself is the OpenAI chat-completions format, so the wire work
// is CompatibleProvider's, pointed at the endpoint the exchange returns.
import { createHash } from 'node:crypto';
import { readJson, sendRequest } from '../../http/client';
import { registerSecret } from '../../secrets/redact';
import { CompatibleProvider } from '../openai-compatible/compatible';
import { ProviderError } from '../../http/errors';
import { githubEndpoints } from './github-hosts';
import type { ChatRequest, ChatResponse, ModelInfo, Provider, ProviderCapabilities, StreamEvent } from '../traits';

export const COPILOT_DEFAULT_API = 'https://api.githubcopilot.com';
export const REFRESH_MARGIN_MS = 120_000;
const DISPLAY_NAME = 'GitHub Copilot';

/**
 * Sent on the token exchange and every chat call, as the seed does. Copilot-Integration-Id is our
 * addition (not the seed's): newer models answer 400 without it, and every maintained third-party
 * integration sends it.
 */
export const EDITOR_HEADERS = {
  'editor-version': 'vscode/1.85.1',
  'editor-plugin-version': 'copilot/1.155.0',
  'user-agent': 'GithubCopilot/1.155.0',
  'copilot-integration-id': 'vscode-chat',
};

export interface CopilotApiToken {
  token: string;
  endpoint: string;
  /** ms since the epoch. */
  expiresAt: number;
}

interface ExchangeResponse {
  token?: string;
  expires_at?: number;
  endpoints?: { api?: string | null } | null;
}

/**
 * Copilot tokens by GitHub token, shared by every provider instance of this process (providers are
 * built per request). Concurrent requests share one exchange. Nothing is written to disk; the seed's
 * plain-text token files are deliberately not ported.
 */
export class CopilotTokenCache {
  private readonly tokens = new Map<string, CopilotApiToken>();
  private readonly pending = new Map<string, Promise<CopilotApiToken>>();
  exchanges = 0;

  /** Only the clock's time is read here: token expiry (tests pass a fake clock). */
  constructor(private readonly clock: { now(): number } = { now: () => Date.now() }) {}

  async get(githubToken: string, tokenUrl: string, env?: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<CopilotApiToken> {
    const id = cacheId(githubToken, tokenUrl);
    const cached = this.tokens.get(id);
    if (cached && this.clock.now() + REFRESH_MARGIN_MS < cached.expiresAt) return cached;
    let running = this.pending.get(id);
    if (!running) {
      running = this.exchange(githubToken, tokenUrl, env, signal).finally(() => this.pending.delete(id));
      this.pending.set(id, running);
    }
    const fresh = await running;
    this.tokens.set(id, fresh);
    return fresh;
  }

  /** After a 401 the cached token is dropped so that the next `get` trades again. */
  invalidate(githubToken: string, tokenUrl: string, rejected: string): void {
    const id = cacheId(githubToken, tokenUrl);
    if (this.tokens.get(id)?.token === rejected) this.tokens.delete(id);
  }

  clear(): void {
    this.tokens.clear();
  }

  private async exchange(githubToken: string, tokenUrl: string, env?: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<CopilotApiToken> {
    this.exchanges += 1;
    let body: ExchangeResponse;
    try {
      const response = await sendRequest(
        {
          provider: DISPLAY_NAME,
          url: tokenUrl,
          headers: { ...EDITOR_HEADERS, accept: 'application/json', authorization: `token ${githubToken}` },
          signal,
        },
        env,
      );
      body = await readJson<ExchangeResponse>(DISPLAY_NAME, response);
    } catch (error) {
      if (error instanceof ProviderError && (error.status === 401 || error.status === 403)) {
        const reason =
          error.status === 401
            ? 'GitHub no longer accepts the saved sign-in'
            : 'this GitHub account has no active Copilot subscription (or Copilot is disabled for it)';
        throw new ProviderError(`Could not get a Copilot token: ${reason}. Sign in again from the Providers page. (${error.message})`, {
          provider: DISPLAY_NAME,
          errorClass: 'auth',
          status: error.status,
          cause: error,
        });
      }
      throw error;
    }
    if (!body.token || typeof body.expires_at !== 'number') {
      throw new ProviderError('GitHub answered the Copilot token request without a token; try again later.', {
        provider: DISPLAY_NAME,
        errorClass: 'server',
      });
    }
    registerSecret(body.token);
    return {
      token: body.token,
      endpoint: (body.endpoints?.api || COPILOT_DEFAULT_API).replace(/\/+$/, ''),
      expiresAt: body.expires_at * 1000,
    };
  }
}

function cacheId(githubToken: string, tokenUrl: string): string {
  return createHash('sha256').update(`${tokenUrl}\n${githubToken}`).digest('hex');
}

export const sharedCopilotTokens = new CopilotTokenCache();

export interface CopilotOptions {
  /** The GitHub OAuth token from the sign-in (keychain). */
  credential?: string;
  /** github.com or a GitHub Enterprise host. */
  githubHost?: string;
  /** Overrides the token-exchange URL (tests). */
  tokenUrl?: string;
  /** Overrides the chat endpoint the exchange returns. */
  baseUrl?: string;
  headers?: Record<string, string>;
  env?: NodeJS.ProcessEnv;
  cache?: CopilotTokenCache;
  /** From the catalog: native tools, and vision (the seed said none; Copilot takes image_url parts). */
  capabilities: ProviderCapabilities;
}

export class CopilotProvider implements Provider {
  readonly key = 'copilot';
  readonly displayName = DISPLAY_NAME;
  readonly signIn = 'GitHub sign-in';
  private readonly tokenUrl: string;
  private readonly cache: CopilotTokenCache;

  constructor(private readonly options: CopilotOptions) {
    this.tokenUrl = options.tokenUrl ?? `${githubEndpoints(options.githubHost, options.env).api}/copilot_internal/v2/token`;
    this.cache = options.cache ?? sharedCopilotTokens;
  }

  /** Where the connection test probes first: the GitHub API that issues Copilot tokens. */
  get baseUrl(): string {
    return new URL(this.tokenUrl).origin;
  }

  capabilities(): ProviderCapabilities {
    return this.options.capabilities;
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    return this.withToken(request.signal, (inner) => inner.chat(request));
  }

  async *stream(request: ChatRequest): AsyncGenerator<StreamEvent> {
    let token = await this.apiToken(request.signal);
    let started = false;
    try {
      for await (const event of this.wire(token).stream(request)) {
        started = true;
        yield event;
      }
    } catch (error) {
      // A 401 before any output means the Copilot token went stale early: trade again, once.
      if (started || !isUnauthorized(error)) throw error;
      this.cache.invalidate(this.githubToken(), this.tokenUrl, token.token);
      token = await this.apiToken(request.signal);
      yield* this.wire(token).stream(request);
    }
  }

  async listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
    return this.withToken(signal, (inner) => inner.listModels(signal));
  }

  async warmup(signal?: AbortSignal): Promise<void> {
    await this.apiToken(signal);
  }

  private async withToken<T>(signal: AbortSignal | undefined, run: (inner: CompatibleProvider) => Promise<T>): Promise<T> {
    const token = await this.apiToken(signal);
    try {
      return await run(this.wire(token));
    } catch (error) {
      if (!isUnauthorized(error)) throw error;
      this.cache.invalidate(this.githubToken(), this.tokenUrl, token.token);
      return run(this.wire(await this.apiToken(signal)));
    }
  }

  private githubToken(): string {
    const token = this.options.credential?.trim();
    if (!token) {
      throw new ProviderError('GitHub Copilot is not signed in. Open Providers and choose "Sign in with GitHub" on the Copilot profile.', {
        provider: DISPLAY_NAME,
        errorClass: 'auth',
      });
    }
    return token;
  }

  private apiToken(signal?: AbortSignal): Promise<CopilotApiToken> {
    return this.cache.get(this.githubToken(), this.tokenUrl, this.options.env, signal);
  }

  private wire(token: CopilotApiToken): CompatibleProvider {
    const base = this.options.baseUrl?.trim().replace(/\/+$/, '') || token.endpoint;
    return new CompatibleProvider({
      key: this.key,
      displayName: DISPLAY_NAME,
      baseUrl: base,
      credential: token.token,
      headers: { ...EDITOR_HEADERS, ...this.options.headers },
      capabilities: this.options.capabilities,
      env: this.options.env,
    });
  }
}

function isUnauthorized(error: unknown): boolean {
  return error instanceof ProviderError && error.status === 401;
}
