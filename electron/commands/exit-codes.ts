// One exit code per error class, so scripts can tell a wrong key from a dead server.
import type { ErrorClass } from '../../shared/types';
import { toApiError } from '../host/api-error';
import { classifyError, errorHint } from '../http/errors';
import { redactSecrets } from '../secrets/redact';

export const EXIT_CODES: Record<ErrorClass | 'usage' | 'other', number> = {
  other: 1,
  usage: 2,
  auth: 3,
  rate_limit: 4,
  network: 5,
  timeout: 6,
  not_found: 7,
  bad_request: 8,
  server: 9,
  context_window: 10,
  not_available: 11,
  capability: 12,
  cancelled: 130,
  unknown: 1,
};

/** Prints a scrubbed error with its next step and returns the exit code for its class. */
export function reportError(error: unknown): number {
  const shape = toApiError(error);
  const errorClass = classifyError(error);
  console.error(`switchyard: ${redactSecrets(shape.message)}`);
  if (errorClass !== 'unknown' && errorClass !== 'cancelled') console.error(`hint: ${errorHint(error)}`);
  return EXIT_CODES[errorClass] ?? 1;
}
