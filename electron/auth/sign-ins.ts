// The sign-ins found on this machine, opened for the provider families that name them (see
// providers/core/sign-in.ts): MiniMax's refresh token in the environment, and the sign-ins the
// Qwen Code and Gemini CLI tools saved in their files. Nothing here asks the user anything; the
// sign-ins Switchyard runs itself (Codex, GitHub) keep their tokens per profile in the host.
import type { SignInRequest, SignIns, TokenSource } from '../providers/core/sign-in';
import type { SignInKind } from '../providers/sign-ins';
import { GEMINI_CLI_SIGN_IN, geminiOAuthCredsPath } from '../providers/gemini/cli-sign-in';
import { registerSecret } from '../secrets/redact';
import { GeminiCliCredentials } from './gemini-cli/credentials';
import { MiniMaxOAuth, minimaxRegion } from './minimax/oauth';
import { QwenOAuth } from './qwen-code/oauth';

const OPENERS: Record<SignInKind | typeof GEMINI_CLI_SIGN_IN, (request: SignInRequest) => TokenSource | undefined> = {
  'minimax-oauth': ({ name, typedKey, env }) => {
    const refreshToken = env.MINIMAX_OAUTH_REFRESH_TOKEN?.trim() ?? '';
    registerSecret(refreshToken);
    return new MiniMaxOAuth({ refreshToken, region: minimaxRegion([name, typedKey], env), env });
  },
  'qwen-oauth': ({ env }) => {
    registerSecret(env.QWEN_OAUTH_REFRESH_TOKEN);
    return new QwenOAuth({ env });
  },
  // Opened whenever a Gemini profile has no key: the file is read (and a missing one reported) on the first request.
  [GEMINI_CLI_SIGN_IN]: ({ options, env }) => {
    const file = geminiOAuthCredsPath(env, typeof options.oauthCredsPath === 'string' ? options.oauthCredsPath : undefined);
    return file ? new GeminiCliCredentials({ path: file, env }) : undefined;
  },
};

const byId = new Map<string, (request: SignInRequest) => TokenSource | undefined>(Object.entries(OPENERS));

export const MACHINE_SIGN_INS: SignIns = {
  open: (id, request) => byId.get(id)?.(request),
};
