// The GitHub Copilot family: a GitHub sign-in (auth/github's device flow keeps its token in the
// keychain as the profile's key), traded for Copilot API tokens, then OpenAI chat completions.
import { z } from 'zod';
import { defineFamily } from '../core/family';
import { textOption } from '../core/options';
import { CopilotProvider } from './copilot';

export const copilot = defineFamily({
  kinds: ['copilot'],
  options: z.object({
    githubHost: textOption({
      label: 'GitHub host',
      placeholder: 'github.com',
      help: 'Leave empty for github.com; enter your host for GitHub Enterprise.',
    }),
  }),
  keyField: false,
  note: () => 'You sign in with GitHub after saving; the token goes to the OS keychain, never to a file.',
  // auth/github's device flow stores the token as the profile's key and the login in its options.
  signInFlow: { kind: 'device-code', service: 'GitHub', product: 'GitHub Copilot', accountOption: 'githubAccount' },
  create: ({ entry, settings, credential, options }) =>
    new CopilotProvider({
      capabilities: entry.capabilities,
      credential: credential.value,
      githubHost: options.githubHost,
      baseUrl: settings.baseUrl,
      headers: settings.headers,
      env: settings.env,
    }),
});
