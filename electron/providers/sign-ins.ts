// Sign-ins that can stand in for a provider's key (seed-core.md §1.3, §1.4): what a user types to
// ask for one (the seed's placeholders), where it sits in the order of credential lookups, and how
// to open its token source. The factory and the catalog read this table.
import { MINIMAX_OAUTH_PLACEHOLDERS, MiniMaxOAuth, minimaxOAuthConfigured, minimaxRegion } from '../auth/minimax/oauth';
import type { TokenSource } from '../auth/oauth-refresh';
import { QWEN_OAUTH_PLACEHOLDERS, QwenOAuth, qwenOAuthConfigured } from '../auth/qwen-code/oauth';
import { registerSecret } from '../secrets/redact';

export type SignInKind = 'minimax-oauth' | 'qwen-oauth';

export interface SignInSpec {
  /** Keys that ask for the sign-in rather than being sent (compared lower-cased). */
  placeholders: string[];
  /**
   * Whether the sign-in comes before the provider's key env vars (Qwen Code: its OAuth, then
   * DASHSCOPE_API_KEY) or after them (MiniMax: MINIMAX_OAUTH_TOKEN, MINIMAX_API_KEY, then the refresh).
   */
  beforeEnvKeys: boolean;
  /** Whether SWITCHYARD_API_KEY / API_KEY may stand in when nothing else is set (never for Qwen Code). */
  genericKey: boolean;
  /** The env vars the sign-in reads, to list next to the provider's. */
  envVars: string[];
  /** A label when the sign-in can be used with this environment, else undefined. */
  configured(env: NodeJS.ProcessEnv): string | undefined;
  /** The token source; `names` are the provider name and the key typed, which may pick a region. */
  open(names: Array<string | undefined>, env: NodeJS.ProcessEnv): TokenSource;
}

export const SIGN_INS: Record<SignInKind, SignInSpec> = {
  'minimax-oauth': {
    placeholders: MINIMAX_OAUTH_PLACEHOLDERS,
    beforeEnvKeys: false,
    genericKey: true,
    envVars: ['MINIMAX_OAUTH_REFRESH_TOKEN', 'MINIMAX_OAUTH_REGION', 'MINIMAX_OAUTH_CLIENT_ID'],
    configured: minimaxOAuthConfigured,
    open(names, env) {
      const refreshToken = env.MINIMAX_OAUTH_REFRESH_TOKEN?.trim() ?? '';
      registerSecret(refreshToken);
      return new MiniMaxOAuth({ refreshToken, region: minimaxRegion(names, env), env });
    },
  },
  'qwen-oauth': {
    placeholders: QWEN_OAUTH_PLACEHOLDERS,
    beforeEnvKeys: true,
    genericKey: false,
    envVars: ['QWEN_OAUTH_TOKEN', 'QWEN_OAUTH_REFRESH_TOKEN', 'QWEN_OAUTH_RESOURCE_URL', 'QWEN_OAUTH_CLIENT_ID'],
    configured: qwenOAuthConfigured,
    open(_names, env) {
      registerSecret(env.QWEN_OAUTH_REFRESH_TOKEN);
      return new QwenOAuth({ env });
    },
  },
};
