// Conversations: one append-only JSONL file each; listed, loaded, renamed, searched, deleted.
import { z } from 'zod';
import { method, Ok } from '../contract';
import { AttemptTrace, Target } from '../types';
import { ColumnMetrics } from './compare';

export const StoredMessage = z.object({
  id: z.string(),
  role: z.enum(['user', 'assistant', 'system']),
  content: z.string(),
  /** Images the person attached to this turn, as data: URIs. */
  images: z.array(z.string()).optional(),
  reasoning: z.string().optional(),
  at: z.number(),
  target: Target.optional(),
  /** Where the answer came from, e.g. "Work OpenAI · gpt-4o". */
  answeredBy: z.string().optional(),
  metrics: ColumnMetrics.optional(),
  attempts: z.array(AttemptTrace).optional(),
  /** `interrupted`: the app stopped (a crash, kill -9) while this answer streamed; it holds what was saved. */
  status: z.enum(['done', 'stopped', 'error', 'interrupted']).optional(),
  error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }).optional(),
});
export type StoredMessage = z.infer<typeof StoredMessage>;

export const ConversationSummary = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  messageCount: z.number(),
  /** What is wrong with this conversation's file (damaged lines skipped, or no header); the file is kept. */
  problem: z.string().optional(),
  /** With a search: the words around the first match in a message, when the title did not match. */
  snippet: z.string().optional(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

const Id = z.object({ id: z.string().min(1) }).strict();

export const historyMethods = {
  'history.list': method({
    summary: 'Conversations, newest first; `query` finds words in titles and messages.',
    input: z.object({ query: z.string().optional() }).strict(),
    result: z.object({ conversations: z.array(ConversationSummary) }),
  }),
  'history.load': method({
    summary: 'One conversation; a torn last line is skipped and reported.',
    input: Id,
    result: z.object({ conversation: ConversationSummary, messages: z.array(StoredMessage), warnings: z.array(z.string()) }),
  }),
  'history.rename': method({
    summary: 'Renames a conversation.',
    input: z.object({ id: z.string().min(1), title: z.string().trim().min(1).max(200) }).strict(),
    result: Ok,
  }),
  'history.delete': method({ summary: 'Deletes a conversation.', input: Id, result: Ok }),
  'history.deleteAll': method({
    summary: 'Deletes every conversation.',
    input: z.object({}).strict(),
    result: z.object({ deleted: z.number() }),
  }),
};

export const historyEvents = {};
