// MiniMax OAuth as a token source (seed-core.md §1.3 "MiniMax placeholder", §1.4.1): the
// placeholder key `minimax-oauth` (or `minimax-oauth-cn`) asks for the sign-in; the access token is
// MINIMAX_OAUTH_TOKEN or MINIMAX_API_KEY when set (the factory's env lookup), else one refreshed at
// MiniMax's token endpoint with MINIMAX_OAUTH_REFRESH_TOKEN. The placeholder itself is never sent.
//
// Where this differs from the seed, on purpose:
// - the seed refreshed at construction, blocking, on every provider it built (and twice when the
//   placeholder was given, QUIRK); here a refresh happens when a request needs a token, the token is
//   kept until it expires (or the API rejects it), and concurrent requests share one refresh;
// - a refresh that fails is an error that says what to do, not a warning and a missing key;
// - a refresh token the endpoint rotates is used for the next refresh in this process (the env var
//   cannot be written back).
import { ProviderError, sanitizeApiError } from '../../http/errors';
import type { Grant, TokenSource } from '../../providers/core/sign-in';
import { expiryFrom, nonBlank, postRefreshForm, refreshFailure, sharedRefresh, untilCancelled, type TokenReply } from '../oauth-refresh';

export const MINIMAX_OAUTH_CLIENT_ID = '78257093-7e40-4613-99e0-527b14b39113';
const TOKEN_HOSTS = { global: 'https://api.minimax.io', cn: 'https://api.minimaxi.com' } as const;
const CN_NAMES = new Set(['minimax-cn', 'minimaxi', 'minimax-oauth-cn', 'minimax-portal-cn']);
const PROVIDER = 'MiniMax';
const ENDPOINT_NAME = 'MiniMax sign-in';
/** Refresh when the token expires within this. */
const SKEW_MS = 60_000;
/** When the endpoint does not say how long a token lives: keep it this long (a 401 refreshes sooner). */
const DEFAULT_LIFETIME_S = 15 * 60;
const FIX = 'Set MINIMAX_OAUTH_REFRESH_TOKEN to a current refresh token, or give the profile a MiniMax API key.';

export type MiniMaxRegion = keyof typeof TOKEN_HOSTS;

/** MINIMAX_OAUTH_REGION wins; else the provider name (or the placeholder typed) picks CN or Global. */
export function minimaxRegion(names: Array<string | undefined>, env: NodeJS.ProcessEnv): MiniMaxRegion {
  const wanted = env.MINIMAX_OAUTH_REGION?.trim().toLowerCase();
  if (wanted === 'cn' || wanted === 'china') return 'cn';
  if (wanted === 'global' || wanted === 'intl' || wanted === 'international') return 'global';
  return names.some((name) => name !== undefined && CN_NAMES.has(name.trim().toLowerCase())) ? 'cn' : 'global';
}

/** The token endpoint; SWITCHYARD_MINIMAX_OAUTH_URL replaces the host (tests point it at a fake). */
export function minimaxTokenUrl(region: MiniMaxRegion, env: NodeJS.ProcessEnv): string {
  const base = env.SWITCHYARD_MINIMAX_OAUTH_URL?.trim().replace(/\/+$/, '') || TOKEN_HOSTS[region];
  return `${base}/oauth/token`;
}

/** `expired_in` is an absolute time (ms, or s since the epoch); `expires_in` a lifetime in seconds. */
function expiryOf(reply: TokenReply, now: number): number {
  const at = reply.expired_in;
  if (typeof at === 'number' && Number.isFinite(at) && at > 0) {
    if (at > 1e12) return at;
    if (at > 1e9) return at * 1000;
    return now + at * 1000;
  }
  return expiryFrom(reply.expires_in, now, DEFAULT_LIFETIME_S);
}

interface Cached {
  accessToken?: string;
  expiresAt: number;
  /** The refresh token to use next (rotated by the endpoint, or the env one). */
  refreshToken: string;
}

/** Per (endpoint, refresh token from env), process-wide: providers are built per request. */
const cache = new Map<string, Cached>();

export class MiniMaxOAuth implements TokenSource {
  readonly label = 'MiniMax OAuth (MINIMAX_OAUTH_REFRESH_TOKEN)';
  private readonly url: string;
  private readonly key: string;

  constructor(private readonly options: { refreshToken: string; region: MiniMaxRegion; env: NodeJS.ProcessEnv; now?: () => number }) {
    this.url = minimaxTokenUrl(options.region, options.env);
    this.key = `${this.url}\n${options.refreshToken}`;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private valid(except?: string): string | undefined {
    const cached = cache.get(this.key);
    if (cached?.accessToken && cached.accessToken !== except && cached.expiresAt - this.now() > SKEW_MS) return cached.accessToken;
    return undefined;
  }

  async grant(signal?: AbortSignal): Promise<Grant> {
    const token =
      this.valid() ??
      (await untilCancelled(
        sharedRefresh(this.key, () => this.refresh()),
        PROVIDER,
        signal,
      ));
    return { token };
  }

  async afterRejection(rejected: string, signal?: AbortSignal): Promise<Grant> {
    const token =
      this.valid(rejected) ??
      (await untilCancelled(
        sharedRefresh(this.key, () => this.refresh()),
        PROVIDER,
        signal,
      ));
    return { token };
  }

  private async refresh(): Promise<string> {
    const refreshToken = cache.get(this.key)?.refreshToken ?? this.options.refreshToken;
    const clientId = this.options.env.MINIMAX_OAUTH_CLIENT_ID?.trim() || MINIMAX_OAUTH_CLIENT_ID;
    let reply: TokenReply;
    try {
      reply = await postRefreshForm(
        ENDPOINT_NAME,
        this.url,
        { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId },
        this.options.env,
      );
    } catch (error) {
      throw refreshFailure(error, { provider: PROVIDER, what: 'MiniMax OAuth', endpointName: ENDPOINT_NAME, fix: FIX });
    }
    // MiniMax wraps its verdict in the body: {status: "success" | …, base_resp: {status_msg}}.
    const status = nonBlank(reply.status);
    if (status && status.toLowerCase() !== 'success') {
      throw new ProviderError(`MiniMax OAuth refresh failed: ${sanitizeApiError(statusMessage(reply) ?? status)}. ${FIX}`, {
        provider: PROVIDER,
        errorClass: 'auth',
      });
    }
    const accessToken = nonBlank(reply.access_token);
    if (!accessToken)
      throw new ProviderError(`MiniMax OAuth refresh response missing access_token. ${FIX}`, { provider: PROVIDER, errorClass: 'auth' });
    cache.set(this.key, {
      accessToken,
      expiresAt: expiryOf(reply, this.now()),
      refreshToken: nonBlank(reply.refresh_token) ?? refreshToken,
    });
    return accessToken;
  }
}

function statusMessage(reply: TokenReply): string | undefined {
  const base = reply.base_resp;
  return base && typeof base === 'object' ? nonBlank((base as { status_msg?: unknown }).status_msg) : undefined;
}
