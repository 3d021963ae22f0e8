// Shapes that several domains of the contract share. zod schemas, with their TypeScript types.
import { z } from 'zod';

/**
 * Why a provider call failed, in the words the chains and the UI use (seed-core.md §6.2, typed).
 * `context_window` means the prompt is too long for the model; `capability` that the provider
 * cannot do what was asked (for example images); `not_available` that the adapter is not built.
 */
export const ErrorClass = z.enum([
  'auth',
  'rate_limit',
  'context_window',
  'bad_request',
  'not_found',
  'server',
  'network',
  'timeout',
  'cancelled',
  'capability',
  'not_available',
  'unknown',
]);
export type ErrorClass = z.infer<typeof ErrorClass>;

/** What chat and compare can talk to: one profile and model, a chain, or a route by its hint. */
export const Target = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('profile'), profileId: z.string().min(1), model: z.string().min(1) }),
  z.object({ kind: z.literal('chain'), chainId: z.string().min(1) }),
  z.object({ kind: z.literal('route'), hint: z.string().min(1) }),
]);
export type Target = z.infer<typeof Target>;

/** One attempt of a chain (or the single attempt of a plain call), scrubbed, for the timeline. */
export const AttemptTrace = z.object({
  provider: z.string(),
  profileId: z.string().optional(),
  model: z.string(),
  keySlot: z.number().int().optional(),
  /** ms since epoch */
  startedAt: z.number(),
  durationMs: z.number(),
  /** `stopped`: the person stopped the answer; not a failure of the provider. */
  outcome: z.enum(['success', 'error', 'skipped', 'stopped']),
  errorClass: ErrorClass.optional(),
  status: z.number().int().optional(),
  retryAfterMs: z.number().optional(),
  message: z.string().optional(),
});
export type AttemptTrace = z.infer<typeof AttemptTrace>;

export const TokenUsage = z.object({
  inputTokens: z.number().int().nonnegative().optional(),
  outputTokens: z.number().int().nonnegative().optional(),
  cachedInputTokens: z.number().int().nonnegative().optional(),
  reasoningTokens: z.number().int().nonnegative().optional(),
});
export type TokenUsage = z.infer<typeof TokenUsage>;

/** USD per million tokens. Cached input and reasoning tokens have their own rate where one is known. */
export const ModelPrice = z.object({
  inputPerMTok: z.number().min(0),
  outputPerMTok: z.number().min(0),
  cachedInputPerMTok: z.number().min(0).optional(),
  reasoningPerMTok: z.number().min(0).optional(),
});
export type ModelPrice = z.infer<typeof ModelPrice>;

/**
 * Where a price came from, shown beside every cost: the user's table in Settings, OpenRouter's own
 * model list, a price dataset (name and version), or a model that runs on this machine.
 */
export const PriceSource = z.object({ kind: z.enum(['table', 'openrouter', 'dataset', 'local']), label: z.string() });
export type PriceSource = z.infer<typeof PriceSource>;

/** What the capability probe checks: native tool calls, image input, JSON output, reasoning, streamed usage. */
export const Capability = z.enum(['tools', 'vision', 'json', 'reasoning', 'usage']);
export type Capability = z.infer<typeof Capability>;
