// PKCE, state and the authorize URL (seed-auth-cli.md §2.2–2.3), and the redirect parsed the same way
// from the callback server and from an address the user pastes (§2.5).
import { createHash, randomBytes } from 'node:crypto';
import { CODEX_CLIENT_ID, CODEX_ISSUER, CODEX_REDIRECT_URI, CODEX_SCOPE, CodexAuthError } from './shared';

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

export function formEncode(pairs: Array<[string, string]>): string {
  return pairs.map(([key, value]) => `${oauthEncode(key)}=${oauthEncode(value)}`).join('&');
}

export function trimSlash(url: string): string {
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

export function callbackParamsError(params: URLSearchParams, expectedState: string | undefined): CodexAuthError | null {
  const error = params.get('error');
  if (error !== null) {
    const description = params.get('error_description')?.trim() || 'OAuth authorization failed';
    const hint = error === 'access_denied' ? ' Sign-in was cancelled or refused in the browser.' : '';
    return new CodexAuthError('oauth_error', `OpenAI OAuth error: ${error} (${description}).${hint}`);
  }
  if (expectedState !== undefined) {
    const state = params.get('state');
    if (state === null) return new CodexAuthError('state_mismatch', 'Missing OAuth state in callback: start the sign-in again.');
    if (state !== expectedState)
      return new CodexAuthError(
        'state_mismatch',
        'OAuth state mismatch: this redirect belongs to a different sign-in attempt. Start the sign-in again.',
      );
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
  if (!trimmed)
    throw new CodexAuthError('missing_code', 'No OAuth code provided: paste the address the browser was sent to after sign-in.');
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
