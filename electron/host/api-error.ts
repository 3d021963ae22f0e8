// The one shape in which an error leaves the host (API results, events, CLI output): an AppError
// keeps its code and details, a cancellation says so, and anything else is `internal`. Every text
// is scrubbed of keys on the way out.
import type { ApiErrorShape } from '../../shared/contract';
import { AppError } from '../errors';
import { redactDeep, redactSecrets } from '../secrets/redact';

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
