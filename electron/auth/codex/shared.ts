// OpenAI Codex sign-in: the constants of the seed (seed-auth-cli.md §2.2), the token shapes and the
// typed error every part of the sign-in throws.
import type { ErrorClass } from '../../../shared/types';
import { ProviderError } from '../../http/errors';

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
export const TOKEN_ENDPOINT_NAME = 'OpenAI sign-in';

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

export type CodexAuthReason =
  | 'sign_in_required'
  | 'state_mismatch'
  | 'oauth_error'
  | 'missing_code'
  | 'port_in_use'
  | 'timeout'
  | 'cancelled'
  | 'refresh_failed'
  | 'refresh_backoff'
  | 'bad_token_response';

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
