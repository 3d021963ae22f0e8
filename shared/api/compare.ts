// The compare part of the API contract: one prompt to 2–6 targets, each column streaming on its own.
import { z } from 'zod';
import { event, method, Ok } from '../contract';
import { AttemptTrace, ErrorClass, PriceSource, Target } from '../types';

export const ColumnMetrics = z.object({
  ttftMs: z.number().nullable(),
  generationMs: z.number().nullable(),
  totalMs: z.number(),
  outputTokens: z.number(),
  outputTokensEstimated: z.boolean(),
  inputTokens: z.number().nullable(),
  inputTokensEstimated: z.boolean(),
  reasoningTokens: z.number().nullable(),
  reasoningTokensEstimated: z.boolean(),
  tokensPerSecond: z.number().nullable(),
  rateUnavailableReason: z.string().optional(),
  costUsd: z.number().nullable(),
  costEstimated: z.boolean(),
  /** Where the price behind costUsd came from; absent when no price is known ("price unknown"). */
  priceSource: PriceSource.optional(),
  chunks: z.number(),
});
export type ColumnMetrics = z.infer<typeof ColumnMetrics>;

export const ColumnStatus = z.enum(['queued', 'waiting', 'streaming', 'done', 'error', 'stopped']);
export type ColumnStatus = z.infer<typeof ColumnStatus>;

export const CompareColumn = z.object({
  columnId: z.string(),
  target: Target,
  label: z.string(),
  model: z.string(),
  local: z.boolean(),
  status: ColumnStatus,
  text: z.string(),
  reasoning: z.string(),
  error: z.object({ code: z.string(), message: z.string(), errorClass: ErrorClass.optional() }).optional(),
  metrics: ColumnMetrics.optional(),
  attempts: z.array(AttemptTrace),
});
export type CompareColumn = z.infer<typeof CompareColumn>;

export const Badges = z.object({
  fastestTtft: z.string().optional(),
  fastestRate: z.string().optional(),
  cheapest: z.string().optional(),
});
export type Badges = z.infer<typeof Badges>;

export const CompareRun = z.object({
  runId: z.string(),
  createdAt: z.number(),
  prompt: z.string(),
  system: z.string().optional(),
  temperature: z.number().optional(),
  maxTokens: z.number().int().optional(),
  oneAtATime: z.boolean(),
  status: z.enum(['running', 'done']),
  votedColumnId: z.string().nullable(),
  columns: z.array(CompareColumn),
  badges: Badges,
});
export type CompareRun = z.infer<typeof CompareRun>;

export const CompareRunSummary = z.object({
  runId: z.string(),
  createdAt: z.number(),
  prompt: z.string(),
  labels: z.array(z.string()),
  status: z.enum(['running', 'done']),
});
export type CompareRunSummary = z.infer<typeof CompareRunSummary>;

const RunRef = z.object({ runId: z.string().min(1) }).strict();

export const CompareStartInput = z
  .object({
    prompt: z.string().trim().min(1, 'Write a prompt to compare.'),
    system: z.string().optional(),
    temperature: z.number().min(0).max(2).optional(),
    maxTokens: z.number().int().positive().max(200_000).optional(),
    targets: z.array(Target).min(2, 'Pick at least two targets to compare.').max(6, 'Compare at most six targets at once.'),
    /** Run the columns in turn; when omitted, chosen automatically if two or more targets are local. */
    oneAtATime: z.boolean().optional(),
  })
  .strict();

export const compareMethods = {
  'compare.plan': method({
    summary: 'Labels and locality of the chosen targets, and whether one-at-a-time mode is advised.',
    input: z.object({ targets: z.array(Target).max(6) }).strict(),
    result: z.object({
      columns: z.array(z.object({ label: z.string(), model: z.string(), local: z.boolean(), problem: z.string().optional() })),
      suggestOneAtATime: z.boolean(),
    }),
  }),
  'compare.start': method({
    summary: 'Sends one prompt to every target; columns stream through compare.* events.',
    input: CompareStartInput,
    result: CompareRun,
  }),
  'compare.stop': method({
    summary: 'Stops one column, or the whole run when no column is given.',
    input: z.object({ runId: z.string().min(1), columnId: z.string().optional() }).strict(),
    result: Ok,
  }),
  'compare.rerun': method({
    summary: 'Runs one column again with the same prompt.',
    input: z.object({ runId: z.string().min(1), columnId: z.string().min(1) }).strict(),
    result: Ok,
  }),
  'compare.get': method({ summary: 'One saved or running comparison.', input: RunRef, result: CompareRun }),
  'compare.list': method({
    summary: 'Saved comparisons, newest first.',
    input: z.object({}).strict(),
    result: z.object({ runs: z.array(CompareRunSummary) }),
  }),
  'compare.vote': method({
    summary: 'Marks the best column of a run (null clears the vote).',
    input: z.object({ runId: z.string().min(1), columnId: z.string().nullable() }).strict(),
    result: Ok,
  }),
  'compare.export': method({
    summary: 'A run as Markdown or JSON, ready to download.',
    input: z.object({ runId: z.string().min(1), format: z.enum(['markdown', 'json']) }).strict(),
    result: z.object({ filename: z.string(), mimeType: z.string(), content: z.string() }),
  }),
  'compare.delete': method({ summary: 'Deletes a saved comparison.', input: RunRef, result: Ok }),
};

export const compareEvents = {
  'compare.delta': event({
    summary: 'New text of one column, batched (a few per second per column).',
    payload: z.object({ runId: z.string(), columnId: z.string(), text: z.string(), reasoning: z.string() }),
  }),
  'compare.column': event({
    summary: 'A column changed state (waiting, streaming, done, error, stopped), with its metrics when done.',
    payload: z.object({
      runId: z.string(),
      column: CompareColumn.omit({ text: true, reasoning: true }).extend({ text: z.string().optional(), reasoning: z.string().optional() }),
    }),
  }),
  'compare.run': event({
    summary: 'A run finished, with its badges.',
    payload: z.object({ runId: z.string(), status: z.enum(['running', 'done']), badges: Badges }),
  }),
};
