// Connection tests: connect → auth → model list → a one-token completion, each stage with a
// verdict, a scrubbed error and a hint; progress arrives as events.
import { z } from 'zod';
import { event, method } from '../contract';
import { ErrorClass } from '../types';

export const StageId = z.enum(['connect', 'auth', 'models', 'completion']);
export const StageResult = z.object({
  id: StageId,
  label: z.string(),
  verdict: z.enum(['running', 'pass', 'warn', 'fail', 'skipped']),
  ms: z.number().optional(),
  detail: z.string().optional(),
  error: z.string().optional(),
  errorClass: ErrorClass.optional(),
  hint: z.string().optional(),
});
export type StageResult = z.infer<typeof StageResult>;

export const ConnectionResult = z.object({
  profileId: z.string(),
  ok: z.boolean(),
  at: z.number(),
  stages: z.array(StageResult),
  models: z.array(z.string()),
  model: z.string().optional(),
  latencyMs: z.number().optional(),
  ttftMs: z.number().optional(),
});
export type ConnectionResult = z.infer<typeof ConnectionResult>;

export const connectionMethods = {
  'connection.test': method({
    summary: 'Tests one profile stage by stage; stages arrive as connection.progress events.',
    input: z.object({ profileId: z.string().min(1), model: z.string().optional() }).strict(),
    result: ConnectionResult,
  }),
  'connection.testDraft': method({
    summary:
      'Tests a profile before it is saved (Add provider: "Test the key"); progress arrives as connection.progress for draftId. Nothing is stored.',
    input: z
      .object({
        draftId: z.string().min(1).max(64),
        providerKey: z.string().min(1),
        baseUrl: z.string().optional(),
        key: z.string().max(20_000).optional(),
        defaultModel: z.string().optional(),
        options: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
    result: ConnectionResult,
  }),
  'connection.testAll': method({
    summary: 'Tests every profile, a few at a time.',
    input: z.object({ concurrency: z.number().int().min(1).max(8).optional() }).strict(),
    result: z.object({ results: z.array(ConnectionResult) }),
  }),
  'connection.models': method({
    summary: "A profile's model list, for the model picker.",
    input: z.object({ profileId: z.string().min(1) }).strict(),
    result: z.object({
      models: z.array(z.object({ id: z.string(), details: z.record(z.string(), z.union([z.string(), z.number()])).optional() })),
    }),
  }),
};

export const connectionEvents = {
  'connection.progress': event({
    summary: 'One stage of a connection test changed.',
    payload: z.object({ profileId: z.string(), stage: StageResult }),
  }),
};
