// Local (or remote) Ollama: find the server, list and inspect models, pull with progress, delete,
// unload, and a quick test from Ollama's own counters.
import { z } from 'zod';
import { event, method, Ok } from '../contract';

const Server = z.object({ profileId: z.string().optional(), baseUrl: z.string().optional() }).strict();

export const OllamaModel = z.object({
  name: z.string(),
  size: z.number(),
  modifiedAt: z.string().optional(),
  family: z.string().optional(),
  parameters: z.string().optional(),
  quantization: z.string().optional(),
});
export type OllamaModel = z.infer<typeof OllamaModel>;

export const RunningModel = z.object({ name: z.string(), size: z.number(), sizeVram: z.number(), expiresAt: z.string().optional() });
export type RunningModel = z.infer<typeof RunningModel>;

export const PullProgress = z.object({
  pullId: z.string(),
  model: z.string(),
  status: z.string(),
  layers: z.array(z.object({ digest: z.string(), total: z.number(), completed: z.number() })),
  total: z.number(),
  completed: z.number(),
  bytesPerSecond: z.number().nullable(),
  etaSeconds: z.number().nullable(),
  state: z.enum(['running', 'done', 'cancelled', 'error']),
  error: z.string().optional(),
});
export type PullProgress = z.infer<typeof PullProgress>;

/** What `ollama show` tells about one model, for the model's details. */
export const OllamaModelDetails = z.object({
  model: z.string(),
  contextLength: z.number().optional(),
  /** Exact count from the model's metadata, e.g. 3212749888. */
  parameterCount: z.number().optional(),
  parameters: z.string().optional(),
  quantization: z.string().optional(),
  family: z.string().optional(),
  format: z.string().optional(),
  /** completion, tools, vision, thinking, embedding… */
  capabilities: z.array(z.string()),
  /** The license's first line. */
  license: z.string().optional(),
});
export type OllamaModelDetails = z.infer<typeof OllamaModelDetails>;

export const QuickTest = z.object({
  model: z.string(),
  loadMs: z.number(),
  ttftMs: z.number(),
  tokensPerSecond: z.number().nullable(),
  promptTokensPerSecond: z.number().nullable(),
  outputTokens: z.number(),
  totalMs: z.number(),
  answer: z.string(),
});
export type QuickTest = z.infer<typeof QuickTest>;

export const ollamaMethods = {
  'ollama.status': method({
    summary: 'Which server is used and whether it answers (version), with how to start it when it does not.',
    input: Server,
    result: z.object({
      baseUrl: z.string(),
      source: z.enum(['input', 'profile', 'OLLAMA_HOST', 'default']),
      running: z.boolean(),
      version: z.string().optional(),
      error: z.string().optional(),
      hint: z.string().optional(),
    }),
  }),
  'ollama.models': method({
    summary: 'Installed models with size, family, parameters and quantisation.',
    input: Server,
    result: z.object({ models: z.array(OllamaModel) }),
  }),
  'ollama.running': method({
    summary: 'Models loaded in memory, with size and expiry.',
    input: Server,
    result: z.object({ models: z.array(RunningModel) }),
  }),
  'ollama.pull': method({
    summary: 'Starts pulling a model; progress arrives as ollama.pull events.',
    input: Server.extend({ model: z.string().trim().min(1, 'Name the model to pull, e.g. llama3.2:3b.') }).strict(),
    result: z.object({ pullId: z.string() }),
  }),
  'ollama.cancelPull': method({ summary: 'Cancels a pull.', input: z.object({ pullId: z.string() }).strict(), result: Ok }),
  'ollama.delete': method({
    summary: 'Deletes a model from the server.',
    input: Server.extend({ model: z.string().min(1) }).strict(),
    result: Ok,
  }),
  'ollama.unload': method({
    summary: 'Unloads a model from memory (keep_alive 0).',
    input: Server.extend({ model: z.string().min(1) }).strict(),
    result: Ok,
  }),
  'ollama.show': method({
    summary: "One model's details: context window, parameters, quantisation, capabilities.",
    input: Server.extend({ model: z.string().min(1) }).strict(),
    result: OllamaModelDetails,
  }),
  'ollama.test': method({
    summary: "A short generation measured with Ollama's own counters.",
    input: Server.extend({ model: z.string().min(1) }).strict(),
    result: QuickTest,
  }),
};

export const ollamaEvents = {
  'ollama.pull': event({ summary: 'Progress of a pull.', payload: PullProgress }),
};
