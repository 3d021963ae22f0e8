// Chains (ordered targets with retry policy) and routes (hint → chain).
import { z } from 'zod';
import { method, Ok } from '../contract';
import { AttemptTrace, Capability, ErrorClass } from '../types';

/**
 * A chain's retry, backoff and circuit-breaker policy: the one definition the engine, the config
 * file and the API share.
 */
export const ChainPolicy = z.object({
  maxRetries: z.number().int().min(0).max(10),
  baseBackoffMs: z.number().int().min(50).max(60_000),
  maxBackoffMs: z.number().int().min(100).max(300_000),
  retryAfterCapMs: z.number().int().min(0).max(600_000),
  failureThreshold: z.number().int().min(1).max(100),
  cooldownMs: z.number().int().min(0).max(3_600_000),
  attemptTimeoutMs: z.number().int().positive().optional(),
  deadlineMs: z.number().int().positive().optional(),
});
export type ChainPolicy = z.infer<typeof ChainPolicy>;

/** The seed's policy (seed-core.md §6): two retries from 500 ms, three failed calls cool a target for 30 s. */
export const DEFAULT_CHAIN_POLICY: ChainPolicy = {
  maxRetries: 2,
  baseBackoffMs: 500,
  maxBackoffMs: 10_000,
  retryAfterCapMs: 30_000,
  failureThreshold: 3,
  cooldownMs: 30_000,
};

export const ChainShape = z.object({
  id: z.string(),
  name: z.string(),
  targets: z.array(z.object({ profileId: z.string(), model: z.string(), fallbackModels: z.array(z.string()) })),
  policy: ChainPolicy,
  requires: z.array(Capability).optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ChainShape = z.infer<typeof ChainShape>;

export const RouteShape = z.object({ id: z.string(), hint: z.string(), chainId: z.string() });
export type RouteShape = z.infer<typeof RouteShape>;

export const FaultShape = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ok'), text: z.string().optional() }),
  z.object({
    kind: z.literal('error'),
    errorClass: ErrorClass,
    status: z.number().int().optional(),
    retryAfterMs: z.number().int().min(0).optional(),
  }),
  z.object({ kind: z.literal('cut'), afterChunks: z.number().int().min(0) }),
  z.object({ kind: z.literal('hang') }),
]);

export const CoolingShape = z.object({
  key: z.string(),
  profileId: z.string(),
  model: z.string(),
  keySlot: z.number().int().optional(),
  remainingMs: z.number(),
  consecutiveFailures: z.number(),
});
export type CoolingShape = z.infer<typeof CoolingShape>;

export const chainMethods = {
  'chains.list': method({
    summary: 'Chains and routes, with any problems (a deleted profile, a route that points nowhere).',
    input: z.object({}).strict(),
    result: z.object({ chains: z.array(ChainShape), routes: z.array(RouteShape), problems: z.array(z.string()) }),
  }),
  'chains.save': method({
    summary: 'Creates or updates a chain; every problem is reported at once.',
    input: z
      .object({
        id: z.string().optional(),
        name: z.string(),
        targets: z.array(z.object({ profileId: z.string(), model: z.string(), fallbackModels: z.array(z.string()).optional() })),
        policy: ChainPolicy.partial().optional(),
        requires: z.array(Capability).max(5).optional(),
      })
      .strict(),
    result: ChainShape,
  }),
  'chains.delete': method({ summary: 'Deletes a chain no route uses.', input: z.object({ id: z.string().min(1) }).strict(), result: Ok }),
  'routes.save': method({
    summary: 'Creates or updates a route hint → chain.',
    input: z.object({ id: z.string().optional(), hint: z.string().min(1), chainId: z.string().min(1) }).strict(),
    result: RouteShape,
  }),
  'routes.delete': method({ summary: 'Deletes a route.', input: z.object({ id: z.string().min(1) }).strict(), result: Ok }),
  'chains.previewRoute': method({
    summary: 'Which chain and target a model string such as hint:fast would use.',
    input: z.object({ model: z.string() }).strict(),
    result: z.object({ chainId: z.string().optional(), chainName: z.string().optional(), message: z.string() }),
  }),
  'chains.dryRun': method({
    summary: 'Runs the chain logic with injected faults per target; no tokens, no waiting.',
    input: z.object({ chainId: z.string().min(1), faults: z.array(z.array(FaultShape)).max(20) }).strict(),
    result: z.object({
      ok: z.boolean(),
      answeredBy: z.string().optional(),
      text: z.string(),
      error: z.string().optional(),
      attempts: z.array(AttemptTrace),
      simulatedWaitMs: z.number(),
      /** Targets that lack, or have not shown, a capability the chain requires. */
      capabilityWarnings: z.array(z.string()),
    }),
  }),
  'chains.exportLitellm': method({
    summary:
      'Chains and routes as a LiteLLM proxy config.yaml (keys only as os.environ/NAME), the variables to set, and what LiteLLM cannot express.',
    input: z.object({}).strict(),
    result: z.object({
      filename: z.string(),
      content: z.string(),
      envVars: z.array(z.object({ name: z.string(), purpose: z.string() })),
      notes: z.array(z.object({ where: z.string(), text: z.string() })),
      chains: z.number(),
      routes: z.number(),
      models: z.number(),
    }),
  }),
  'chains.cooldowns': method({
    summary: 'Targets the circuit breaker is skipping right now.',
    input: z.object({}).strict(),
    result: z.object({ cooling: z.array(CoolingShape) }),
  }),
  'chains.retryNow': method({
    summary: "Ends a target's cooldown so the next call starts on it again.",
    input: z.object({ key: z.string().min(1) }).strict(),
    result: Ok,
  }),
};

export const chainEvents = {};
