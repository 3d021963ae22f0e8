// The one error type the host throws on purpose. Anything else that escapes a handler is a bug and
// crosses the boundary as `internal`, scrubbed and without its stack.
import type { ApiErrorShape } from '../shared/contract';
import { redactDeep, redactSecrets } from './secrets/redact';

export class AppError extends Error {
  readonly code: string;
  readonly details?: Record<string, unknown>;

  constructor(code: string, message: string, details?: Record<string, unknown>, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function toApiError(error: unknown): ApiErrorShape {
  if (error instanceof AppError) {
    const shape: ApiErrorShape = { code: error.code, message: redactSecrets(error.message) };
    if (error.details) shape.details = redactDeep(error.details);
    return shape;
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return { code: 'cancelled', message: 'The operation was cancelled.' };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: redactSecrets(`Unexpected error in the host: ${message}`) };
}
