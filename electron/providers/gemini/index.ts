// The Google Gemini family: the public API with a key, or the Gemini CLI's own Google sign-in on
// the Code Assist API (the host hands it in; auth/gemini-cli reads and refreshes it).
import { z } from 'zod';
import { defineFamily } from '../core/family';
import { textOption } from '../core/options';
import { GEMINI_CLI_SIGN_IN, geminiCliSignedIn } from './cli-sign-in';
import { GeminiProvider } from './gemini';

const options = z.object({
  project: textOption({
    label: 'Google Cloud project',
    placeholder: 'GOOGLE_CLOUD_PROJECT',
    help: 'For the Gemini CLI sign-in: the project Code Assist uses; empty lets Google pick the account’s own.',
    advanced: true,
  }),
  oauthCredsPath: textOption({
    label: 'Gemini CLI credentials file',
    placeholder: '~/.gemini/oauth_creds.json',
    help: 'Where the Gemini CLI keeps its sign-in, when not in the usual place.',
    advanced: true,
  }),
});

export const gemini = defineFamily({
  kinds: ['gemini'],
  options,
  keyField: {},
  otherCredentials: [
    {
      description: "the Gemini CLI's own sign-in (`~/.gemini/oauth_creds.json`)",
      detect: (env, stored) => geminiCliSignedIn(env, typeof stored.oauthCredsPath === 'string' ? stored.oauthCredsPath : undefined),
    },
  ],
  signIn: GEMINI_CLI_SIGN_IN,
  create: ({ settings, credential, options, signIn }) =>
    new GeminiProvider({
      baseUrl: settings.baseUrl,
      credential: credential.value,
      credentialSource:
        credential.source.kind === 'env' ? `${credential.source.name} env var` : credential.source.kind === 'explicit' ? 'profile' : 'none',
      headers: settings.headers,
      env: settings.env,
      oauthCredsPath: options.oauthCredsPath,
      cliSignIn: signIn(),
      project: options.project,
    }),
});
