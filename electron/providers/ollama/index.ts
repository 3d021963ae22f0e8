// The Ollama family: Ollama's own /api/chat (NDJSON), on this machine or another.
import { z } from 'zod';
import { defineFamily } from '../core/family';
import { booleanOption } from '../core/options';
import { seedOllamaUrl } from '../core/seed-env';
import { OllamaProvider } from './ollama';

export const ollama = defineFamily({
  kinds: ['ollama'],
  options: z.object({
    think: booleanOption({
      label: 'Thinking',
      help: 'Asks thinking models to think first (think: true); unset leaves it to the model.',
      advanced: true,
    }),
  }),
  keyField: {},
  create: ({ settings, credential, options }) =>
    new OllamaProvider({
      baseUrl: settings.baseUrl?.trim() || seedOllamaUrl(settings.env),
      credential: credential.value,
      think: options.think,
      env: settings.env,
    }),
});
