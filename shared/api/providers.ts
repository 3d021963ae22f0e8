// The provider catalog, for the "Add provider" picker and the CLI.
import { z } from 'zod';
import { method } from '../contract';

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
