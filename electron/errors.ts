// The errors the host throws on purpose. Anything else that escapes a handler is a bug and crosses
// the boundary as `internal`, scrubbed and without its stack (see host/api-error.ts).

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

/** What a cancelled request, sleep or stream ends with: callers tell it apart by its name. */
export function abortError(message = 'The request was cancelled.'): Error {
  const error = new Error(message);
  error.name = 'AbortError';
  return error;
}
