// Gateway failures with the HTTP status a client acts on. Each client format names the kind in its
// own words (openai-format.ts, anthropic-format.ts); the message is always scrubbed.
import type { AttemptTrace } from '../../shared/types';
import { AppError } from '../errors';
import { sharedCooldowns } from '../providers/cooldown';
import { classifyError, ProviderError } from '../http/errors';
import { redactSecrets } from '../secrets/redact';

export type GatewayErrorKind =
  | 'invalid_request'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'too_large'
  | 'rate_limit'
  | 'upstream'
  | 'timeout'
  | 'not_implemented';

export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly kind: GatewayErrorKind,
    message: string,
    /** Seconds, for 429 (Retry-After). */
    readonly retryAfterS?: number,
  ) {
    super(redactSecrets(message));
    this.name = 'GatewayError';
  }
}

/**
 * Seconds until the first of the skipped targets leaves its cooldown, when every attempt was
 * skipped because its target was cooling down (so the client knows when trying again can help).
 */
export function coolingRetryAfterS(attempts: AttemptTrace[], cooling = sharedCooldowns.cooling()): number | undefined {
  if (attempts.length === 0 || attempts.some((a) => a.outcome !== 'skipped')) return undefined;
  const waits = attempts.map(
    (a) => cooling.find((c) => c.profileId === a.profileId && c.model === a.model && c.keySlot === a.keySlot)?.remainingMs ?? 1000,
  );
  return Math.max(1, Math.ceil(Math.min(...waits) / 1000));
}

/** What the engine threw, as the status and kind a client understands. */
export function fromEngineError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const attempts = error instanceof ProviderError ? (error.attempts ?? []) : [];
  const message = error instanceof Error ? error.message : String(error);
  const cooling = coolingRetryAfterS(attempts);
  if (cooling !== undefined)
    return new GatewayError(
      429,
      'rate_limit',
      `Every target is cooling down after repeated failures; try again in ${cooling} s. ${message}`,
      cooling,
    );
  if (!(error instanceof ProviderError) && error instanceof AppError) {
    if (error.code === 'not_found') return new GatewayError(404, 'not_found', message);
    if (error.code === 'invalid_input' || error.code === 'bad_request' || error.code === 'unknown_provider')
      return new GatewayError(400, 'invalid_request', message);
  }
  switch (classifyError(error)) {
    case 'rate_limit': {
      const waits = attempts.map((a) => a.retryAfterMs).filter((ms): ms is number => ms !== undefined);
      const fromError = error instanceof ProviderError ? error.retryAfterMs : undefined;
      const ms = waits.length > 0 ? Math.max(...waits) : fromError;
      return new GatewayError(429, 'rate_limit', message, ms === undefined ? 1 : Math.max(1, Math.ceil(ms / 1000)));
    }
    case 'context_window':
    case 'bad_request':
    case 'capability':
      return new GatewayError(400, 'invalid_request', message);
    case 'not_found':
      return new GatewayError(404, 'not_found', message);
    case 'timeout':
      return new GatewayError(504, 'timeout', message);
    case 'not_available':
      return new GatewayError(501, 'not_implemented', message);
    case 'auth':
      // The client's gateway token was fine; a provider refused Switchyard's own credentials.
      return new GatewayError(
        502,
        'upstream',
        `A provider behind the gateway refused its credentials (fix the key in Switchyard; your gateway token is fine). ${message}`,
      );
    default:
      return new GatewayError(502, 'upstream', message);
  }
}
