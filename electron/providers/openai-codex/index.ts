// The OpenAI Codex family: the Responses API of a ChatGPT subscription, with the ChatGPT sign-in
// (auth/codex keeps it fresh; the host hands it in per profile).
import { z } from 'zod';
import { defineFamily } from '../core/family';
import { textOption } from '../core/options';
import { seedCodexReasoningEffort, seedCodexUrl } from '../core/seed-env';
import { codexTokensFromCredential, OpenAICodexProvider } from './openai-codex';

/** The id a host opens the ChatGPT sign-in by (see core/sign-in.ts). */
export const CODEX_SIGN_IN = 'codex';

export const openAICodex = defineFamily({
  kinds: ['openai-codex'],
  options: z.object({
    reasoningEffort: textOption({
      label: 'Reasoning effort',
      placeholder: 'none, minimal, low, medium, high or xhigh',
      help: 'Clamped to what each model accepts; empty means xhigh.',
      advanced: true,
    }),
  }),
  keyField: false,
  note: () =>
    'You sign in with your ChatGPT account after saving; the sign-in is kept in the OS keychain, never in a file. Codex models come with a ChatGPT Plus or Pro plan.',
  signIn: CODEX_SIGN_IN,
  signInFlow: { kind: 'browser-oauth', service: 'ChatGPT', product: 'OpenAI Codex', accountOption: 'codexAccount' },
  // A bare credential (the CLI with tokens pasted from elsewhere) is used as it is, without refresh.
  create: ({ settings, credential, options, signIn }) =>
    new OpenAICodexProvider({
      auth: signIn() ?? codexTokensFromCredential(credential.value),
      baseUrl: settings.baseUrl?.trim() || seedCodexUrl(settings.env),
      reasoningEffort: options.reasoningEffort ?? seedCodexReasoningEffort(settings.env),
      env: settings.env,
    }),
});
