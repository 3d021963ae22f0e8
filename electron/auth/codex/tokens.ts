// The token endpoint (code exchange and refresh, form-encoded) and the claims read from the tokens
// (seed-auth-cli.md §2.3 steps 6–7, §2.7, §2.8).
import { readJson, sendRequest } from '../../http/client';
import { ProviderError } from '../../http/errors';
import { registerSecret } from '../../secrets/redact';
import { CODEX_CLIENT_ID, CODEX_ISSUER, CodexAuthError, type CodexTokens, FALLBACK_LIFETIME_MS, TOKEN_ENDPOINT_NAME } from './shared';
import { formEncode, trimSlash } from './pkce';

/** A JWT's claims, unverified (for display and the account id; the server verifies tokens). */
export function jwtClaims(jwt: string): Record<string, unknown> | null {
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
  const claims = jwtClaims(jwt);
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
  const exp = jwtClaims(jwt)?.exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
}

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

async function postToken(
  options: TokenEndpointOptions,
  form: Array<[string, string]>,
  onHttpError: (error: ProviderError) => Error,
): Promise<TokenReply> {
  const url = `${trimSlash(options.issuer ?? CODEX_ISSUER)}/oauth/token`;
  let body: TokenResponse;
  try {
    const response = await sendRequest(
      {
        provider: TOKEN_ENDPOINT_NAME,
        url,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: formEncode(form),
        signal: options.signal,
      },
      options.env,
    );
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
  const expiresAt =
    Number.isFinite(expiresIn) && expiresIn > 0 ? now + expiresIn * 1000 : (extractExpiry(accessToken) ?? now + FALLBACK_LIFETIME_MS);
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
    (error) =>
      new CodexAuthError('oauth_error', `OpenAI OAuth token request failed: ${error.message}`, { status: error.status, cause: error }),
  );
  if (!reply.refreshToken)
    throw new CodexAuthError(
      'bad_token_response',
      'OpenAI sign-in returned no refresh token, so the session could not be kept. Try signing in again.',
    );
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
        return new CodexAuthError('sign_in_required', `Your OpenAI sign-in has expired or was revoked: sign in again. (${error.message})`, {
          status,
          cause: error,
        });
      }
      return new CodexAuthError('refresh_failed', `Could not refresh the OpenAI sign-in: ${error.message}`, {
        status,
        retryAfterMs: error.retryAfterMs,
        cause: error,
      });
    },
  );
  // No new refresh token means the old one stays valid (§2.7 step 7).
  return { ...reply, refreshToken: reply.refreshToken ?? options.refreshToken };
}
