// The machinery behind the API contract: how a method and an event are declared, and the types
// derived from them. The table itself lives in `api.ts`; domains declare their parts in `api/*.ts`.
// No Node or DOM imports here: both the host and the renderer load this file.
import { z } from 'zod';

export interface MethodSpec<I extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  input: I;
  result: R;
  /** One line for docs and the CLI's introspection. */
  summary: string;
}

export interface EventSpec<P extends z.ZodType = z.ZodType> {
  payload: P;
  summary: string;
}

export function method<I extends z.ZodType, R extends z.ZodType>(spec: MethodSpec<I, R>): MethodSpec<I, R> {
  return spec;
}

export function event<P extends z.ZodType>(spec: EventSpec<P>): EventSpec<P> {
  return spec;
}

/** Calls that take nothing still take `{}` so every input is an object that can grow later. */
export const NoInput = z.object({}).strict();
export const Ok = z.object({ ok: z.literal(true) });

/**
 * The structured error that crosses the boundary. `code` is stable and machine-readable; `message` is
 * for people and is already scrubbed of secrets; `details` holds extra data the UI may show.
 */
export const ApiErrorShape = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ApiErrorShape = z.infer<typeof ApiErrorShape>;

/** What every invocation resolves to on the wire, on both transports. */
export type Envelope<R> = { ok: true; result: R } | { ok: false; error: ApiErrorShape };

/** The error a client throws when an invocation comes back with `ok: false`. */
export class ApiCallError extends Error {
  readonly code: string;
  readonly details?: Record<string, unknown>;
  constructor(shape: ApiErrorShape) {
    super(shape.message);
    this.name = 'ApiCallError';
    this.code = shape.code;
    this.details = shape.details;
  }
}

/**
 * The largest frame a browser-mode page may send: a long paste fits with room to spare. The host
 * closes a socket that sends more with 1009 (message too big); the page checks before sending.
 */
export const MAX_WS_MESSAGE_BYTES = 16 * 1024 * 1024;

/** The frames the browser-mode WebSocket carries (IPC carries the same envelopes natively). */
export type ClientFrame = { type: 'invoke'; id: number; method: string; input: unknown };
export type ServerFrame =
  | { type: 'result'; id: number; envelope: Envelope<unknown> }
  | { type: 'event'; event: string; payload: unknown }
  | { type: 'hello'; version: string };
