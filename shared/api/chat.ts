// Chat: send a turn to a target (profile + model, chain or route) and stream the answer by streamId.
import { z } from 'zod';
import { event, method, Ok } from '../contract';
import { Target } from '../types';
import { StoredMessage } from './history';

export const chatMethods = {
  'chat.send': method({
    summary: 'Sends a user turn (or regenerates the last answer) and starts streaming; deltas arrive as chat.delta events.',
    input: z
      .object({
        conversationId: z.string().optional(),
        target: Target,
        /** The new user turn; omitted with regenerate. */
        content: z.string().optional(),
        regenerate: z.boolean().optional(),
        system: z.string().optional(),
        temperature: z.number().min(0).max(2).optional(),
        maxTokens: z.number().int().positive().max(200_000).optional(),
      })
      .strict()
      .refine((input) => input.regenerate || (input.content ?? '').trim().length > 0, { message: 'Write a message first.', path: ['content'] }),
    result: z.object({ streamId: z.string(), conversationId: z.string(), userMessage: StoredMessage.optional() }),
  }),
  'chat.stop': method({ summary: 'Stops a streaming answer; the partial text is kept.', input: z.object({ streamId: z.string().min(1) }).strict(), result: Ok }),
};

export const chatEvents = {
  'chat.delta': event({ summary: 'New text of a streaming answer, batched.', payload: z.object({ streamId: z.string(), text: z.string(), reasoning: z.string() }) }),
  'chat.done': event({ summary: 'An answer finished, stopped or failed; the saved message with metrics and attempts.', payload: z.object({ streamId: z.string(), conversationId: z.string(), message: StoredMessage }) }),
};
