// Chat: send a turn to a target (profile + model, chain or route) and stream the answer by streamId.
import { z } from 'zod';
import { event, method, Ok } from '../contract';
import { Target } from '../types';
import { StoredMessage } from './history';

/** An attached image as a data: URI; four at most, each up to 8 MB (what providers commonly accept). */
export const MAX_IMAGES = 4;
export const MAX_IMAGE_CHARS = 8 * 1024 * 1024;
const ImageDataUri = z
  .string()
  .max(MAX_IMAGE_CHARS, 'An image is larger than 8 MB; attach a smaller one.')
  .regex(/^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/, 'Attach PNG, JPEG, GIF or WebP images.');

export const chatMethods = {
  'chat.send': method({
    summary: 'Sends a user turn (or regenerates the last answer) and starts streaming; deltas arrive as chat.delta events.',
    input: z
      .object({
        conversationId: z.string().optional(),
        target: Target,
        /** The new user turn; omitted with regenerate. */
        content: z.string().optional(),
        images: z.array(ImageDataUri).max(MAX_IMAGES, `Attach at most ${MAX_IMAGES} images.`).optional(),
        regenerate: z.boolean().optional(),
        /** Edit and resend: this user message and everything after it are replaced by the new turn. */
        editOf: z.string().min(1).optional(),
        system: z.string().optional(),
        temperature: z.number().min(0).max(2).optional(),
        maxTokens: z.number().int().positive().max(200_000).optional(),
      })
      .strict()
      .refine((input) => input.regenerate || (input.content ?? '').trim().length > 0 || (input.images?.length ?? 0) > 0, {
        message: 'Write a message first.',
        path: ['content'],
      }),
    result: z.object({ streamId: z.string(), conversationId: z.string(), userMessage: StoredMessage.optional() }),
  }),
  'chat.stop': method({
    summary: 'Stops a streaming answer; the partial text is kept.',
    input: z.object({ streamId: z.string().min(1) }).strict(),
    result: Ok,
  }),
};

export const chatEvents = {
  'chat.delta': event({
    summary: 'New text of a streaming answer, batched.',
    payload: z.object({ streamId: z.string(), text: z.string(), reasoning: z.string() }),
  }),
  'chat.done': event({
    summary: 'An answer finished, stopped or failed; the saved message with metrics and attempts.',
    payload: z.object({ streamId: z.string(), conversationId: z.string(), message: StoredMessage }),
  }),
};
