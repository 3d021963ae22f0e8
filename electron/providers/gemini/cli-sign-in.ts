// The Gemini CLI's Google sign-in as one of the Gemini provider's credential sources (seed-wire.md
// §4.1, §4.5): where its file is, how it is named in the UI and in errors. Reading and refreshing
// the file is sign-in code, in auth/gemini-cli/; the provider is handed it as a TokenSource.
//
// The file: our `oauthCredsPath` option, then GEMINI_OAUTH_CREDS_PATH (our name), then $HOME (or
// %USERPROFILE%)/.gemini/oauth_creds.json, which the Gemini CLI writes after "Login with Google".
import { existsSync } from 'node:fs';
import path from 'node:path';
import { displayCredsPath, inHome } from '../core/home-path';

/** The id a host opens this sign-in by (see core/sign-in.ts). */
export const GEMINI_CLI_SIGN_IN = 'gemini-cli';

/** Every way to give the Gemini provider credentials, for "not found" errors. */
export function geminiAuthOptions(credsPath = '~/.gemini/oauth_creds.json'): string {
  return [
    '1. add an API key to this profile (get one at https://aistudio.google.com/app/apikey);',
    '2. set the GEMINI_API_KEY (or GOOGLE_API_KEY) environment variable;',
    `3. sign in with the Gemini CLI: run \`gemini\` once and choose "Login with Google" (it writes ${credsPath}).`,
  ].join('\n');
}

/** The credentials file to use, or undefined when there is no home folder to look in. */
export function geminiOAuthCredsPath(env: NodeJS.ProcessEnv, override?: string): string | undefined {
  const explicit = override?.trim() || env.GEMINI_OAUTH_CREDS_PATH?.trim();
  if (explicit) return path.resolve(explicit);
  return inHome(env, '.gemini', 'oauth_creds.json');
}

/** "Gemini CLI sign-in (~/.gemini/oauth_creds.json)". */
export function geminiCliLabel(file: string, env: NodeJS.ProcessEnv): string {
  return `Gemini CLI sign-in (${displayCredsPath(file, env)})`;
}

/** The sign-in's label when its file exists, else undefined: whether it still works shows on the first request. */
export function geminiCliSignedIn(env: NodeJS.ProcessEnv, override?: string): string | undefined {
  const file = geminiOAuthCredsPath(env, override);
  return file && existsSync(file) ? geminiCliLabel(file, env) : undefined;
}
