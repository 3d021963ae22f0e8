// Sign-ins that can stand in for a catalog provider's key (seed-core.md §1.3, §1.4): what a user
// types to ask for one (the seed's placeholders), where it sits in the order of credential lookups,
// and whether it is set up. The factory and the catalog read this table; the token sources
// themselves (the refresh) are in auth/minimax and auth/qwen-code, opened through `SignIns`.
import { existsSync } from 'node:fs';
import { displayCredsPath, inHome } from './core/home-path';

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
}

export const MINIMAX_OAUTH_PLACEHOLDERS = ['minimax-oauth', 'minimax-oauth-cn'];
export const QWEN_OAUTH_PLACEHOLDERS = ['qwen-oauth'];

/** The MiniMax sign-in's label when it can be used (a refresh token is set), else undefined. */
export function minimaxOAuthConfigured(env: NodeJS.ProcessEnv): string | undefined {
  return env.MINIMAX_OAUTH_REFRESH_TOKEN?.trim() ? 'MiniMax OAuth (MINIMAX_OAUTH_REFRESH_TOKEN)' : undefined;
}

/** `<HOME or USERPROFILE>/.qwen/oauth_creds.json`, or undefined without a home folder. */
export function qwenCredsPath(env: NodeJS.ProcessEnv): string | undefined {
  return inHome(env, '.qwen', 'oauth_creds.json');
}

/** The Qwen Code sign-in's label when it can be used (a token or refresh token in env, or the CLI's file). */
export function qwenOAuthConfigured(env: NodeJS.ProcessEnv): string | undefined {
  if (env.QWEN_OAUTH_TOKEN?.trim()) return 'Qwen Code sign-in (QWEN_OAUTH_TOKEN)';
  const file = qwenCredsPath(env);
  if (file && existsSync(file)) return `Qwen Code sign-in (${displayCredsPath(file, env)})`;
  if (env.QWEN_OAUTH_REFRESH_TOKEN?.trim()) return 'Qwen Code sign-in (QWEN_OAUTH_REFRESH_TOKEN)';
  return undefined;
}

export const SIGN_INS: Record<SignInKind, SignInSpec> = {
  'minimax-oauth': {
    placeholders: MINIMAX_OAUTH_PLACEHOLDERS,
    beforeEnvKeys: false,
    genericKey: true,
    envVars: ['MINIMAX_OAUTH_REFRESH_TOKEN', 'MINIMAX_OAUTH_REGION', 'MINIMAX_OAUTH_CLIENT_ID'],
    configured: minimaxOAuthConfigured,
  },
  'qwen-oauth': {
    placeholders: QWEN_OAUTH_PLACEHOLDERS,
    beforeEnvKeys: true,
    genericKey: false,
    envVars: ['QWEN_OAUTH_TOKEN', 'QWEN_OAUTH_REFRESH_TOKEN', 'QWEN_OAUTH_RESOURCE_URL', 'QWEN_OAUTH_CLIENT_ID'],
    configured: qwenOAuthConfigured,
  },
};
