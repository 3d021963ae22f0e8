// The provider catalog, for the "Add provider" picker and the CLI.
import { z } from 'zod';
import { method } from '../contract';

/** One adapter option as the profile form shows it, from the provider family's schema. */
export const OptionField = z.object({
  /** The key in the profile's `options`. */
  name: z.string(),
  label: z.string(),
  help: z.string().optional(),
  placeholder: z.string().optional(),
  type: z.enum(['text', 'choice', 'boolean', 'number']),
  /** For `choice`: the values and how each is shown; the first is the default. */
  choices: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  /** Rarely needed: shown folded under "More options". */
  advanced: z.boolean().optional(),
});
export type OptionField = z.infer<typeof OptionField>;

/** How the profile form asks for this provider's settings and credential. */
export const ProviderForm = z.object({
  options: z.array(OptionField),
  /** The key field's label; null when the provider takes no key (it signs in, or a CLI uses its own). */
  keyLabel: z.string().nullable(),
  /** The env vars read, in order, when the profile has no key. */
  keyEnvVars: z.array(z.string()),
  /** What is read after them ("the Gemini CLI's own sign-in (`~/.gemini/oauth_creds.json`)"). */
  thenReads: z.string().optional(),
  /** What to know about the credential; text in `backticks` is code. */
  note: z.string().optional(),
});
export type ProviderForm = z.infer<typeof ProviderForm>;

export const ProviderInfoShape = z.object({
  key: z.string(),
  displayName: z.string(),
  aliases: z.array(z.string()),
  regionAliases: z.array(z.string()),
  local: z.boolean(),
  group: z.string(),
  adapter: z.string(),
  available: z.boolean(),
  authKinds: z.array(z.string()),
  defaultBaseUrl: z.string(),
  baseUrlOverridable: z.boolean(),
  envVars: z.array(z.string()),
  docsUrl: z.string().optional(),
  capabilities: z.object({ nativeTools: z.boolean(), vision: z.boolean(), streaming: z.boolean(), promptCaching: z.boolean() }),
  form: ProviderForm,
});
export type ProviderInfoShape = z.infer<typeof ProviderInfoShape>;

export const providerMethods = {
  'providers.catalog': method({
    summary: 'Every provider Switchyard knows, with its fields, env vars and capabilities; `envSet` names the env vars set right now.',
    input: z.object({}).strict(),
    result: z.object({ providers: z.array(ProviderInfoShape), envSet: z.array(z.string()) }),
  }),
};

export const providerEvents = {};
