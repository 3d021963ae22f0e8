// What is known about a model beyond its name: whether a conversation fits its context window, and
// what it really did when probed for each capability (tools, images, JSON, reasoning, usage).
import { z } from 'zod';
import { event, method } from '../contract';
import { Capability, PriceSource, Target } from '../types';

export const CapabilityResult = z.object({
  capability: Capability,
  /** yes: the model did it; no: it answered without doing it, or the provider refused the request; error: the probe could not tell. */
  verdict: z.enum(['yes', 'no', 'error']),
  /** What was seen, in a few words ("called probe_time with {}", "HTTP 400: image input not supported"). */
  detail: z.string(),
  inputTokens: z.number().optional(),
  outputTokens: z.number().optional(),
});
export type CapabilityResult = z.infer<typeof CapabilityResult>;

export const ProbeRecord = z.object({
  profileId: z.string(),
  model: z.string(),
  /** When the probe ran, ms since epoch. */
  at: z.number(),
  results: z.array(CapabilityResult),
});
export type ProbeRecord = z.infer<typeof ProbeRecord>;

export const ProbeEstimate = z.object({
  /** Tokens the probe's requests send, counted or estimated, and the most they may get back. */
  inputTokens: z.number(),
  maxOutputTokens: z.number(),
  requests: z.number(),
  /** Upper bound of the cost; null when the price is unknown. */
  costUsd: z.number().nullable(),
  priceSource: PriceSource.optional(),
});
export type ProbeEstimate = z.infer<typeof ProbeEstimate>;

export const ContextCheck = z.object({
  model: z.string(),
  tokens: z.number(),
  /** The tokenizer that counted, or absent when the count is an estimate (about 4 characters a token). */
  tokenizer: z.string().optional(),
  estimated: z.boolean(),
  contextWindow: z.number().optional(),
  maxOutputTokens: z.number().optional(),
  /** Who said the window: the provider's list, Ollama, or the dataset. */
  limitSource: z.string().optional(),
  /** Whether the conversation and the answer's reserve fit; null when the window is unknown. */
  fits: z.boolean().nullable(),
  /** Tokens kept free for the answer (the max tokens set for it, else none). */
  reserve: z.number(),
});
export type ContextCheck = z.infer<typeof ContextCheck>;

const ProfileModel = z.object({ profileId: z.string().min(1), model: z.string().min(1).max(300) }).strict();

export const modelMethods = {
  'models.contextCheck': method({
    summary: 'Counts the tokens a conversation plus a new message would send and says whether they fit the model.',
    input: z
      .object({
        target: Target,
        conversationId: z.string().optional(),
        content: z.string().max(20_000_000).optional(),
        images: z.number().int().min(0).max(16).optional(),
        system: z.string().max(2_000_000).optional(),
        maxTokens: z.number().int().positive().max(2_000_000).optional(),
      })
      .strict(),
    result: ContextCheck,
  }),
  'capabilities.list': method({
    summary: 'Every probe result kept, per profile and model.',
    input: z.object({}).strict(),
    result: z.object({ records: z.array(ProbeRecord) }),
  }),
  'capabilities.estimate': method({
    summary: 'What probing a model will cost, in tokens and dollars, before it runs.',
    input: ProfileModel,
    result: ProbeEstimate,
  }),
  'capabilities.probe': method({
    summary: 'Sends the smallest request for each capability to one model and records what it did.',
    input: ProfileModel,
    result: ProbeRecord,
  }),
  'capabilities.probeAll': method({
    summary: "Probes each profile's default (or last used) model, one profile at a time.",
    input: z.object({}).strict(),
    result: z.object({ records: z.array(ProbeRecord), skipped: z.array(z.object({ profileId: z.string(), reason: z.string() })) }),
  }),
};

export const modelEvents = {
  'capabilities.changed': event({
    summary: 'A probe finished; its record replaces the earlier one for that profile and model.',
    payload: z.object({ record: ProbeRecord }),
  }),
};
