// The Anthropic Messages family: Anthropic itself and anthropic-custom: endpoints.
import { z } from 'zod';
import { defineFamily } from '../core/family';
import { AnthropicProvider } from './anthropic';

export const anthropic = defineFamily({
  kinds: ['anthropic'],
  options: z.object({}),
  keyField: {},
  create: ({ entry, settings, credential, catalogUrl }) =>
    new AnthropicProvider({
      key: entry.key,
      displayName:
        settings.displayName ?? (entry.displayName === 'Anthropic-compatible custom provider' ? 'Anthropic-compatible' : entry.displayName),
      baseUrl: settings.baseUrl?.trim() || catalogUrl,
      credential: credential.value,
      headers: settings.headers,
      env: settings.env,
    }),
});
