// The gateway's limits: a bounded request body, a number of requests in flight per token, and one
// deadline per request. Each refusal is a GatewayError with the status a client expects.
import type http from 'node:http';
import { GatewayError } from './errors';

/** Reads the whole body, refusing it (413) as soon as it is known to exceed `maxBytes`. */
export function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = () =>
    new GatewayError(413, 'too_large', `The request body is larger than the gateway's limit of ${maxBytes} bytes (Settings → Gateway).`);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off('data', onData);
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/** Requests in flight per token: past the limit a request is refused with 429, not queued. */
export class ConcurrencyLimiter {
  private readonly inFlight = new Map<string, number>();

  /** A release function, or null when `key` already has `limit` requests in flight. */
  acquire(key: string, limit: number): (() => void) | null {
    const current = this.inFlight.get(key) ?? 0;
    if (current >= limit) return null;
    this.inFlight.set(key, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left <= 0) this.inFlight.delete(key);
      else this.inFlight.set(key, left);
    };
  }

  count(key: string): number {
    return this.inFlight.get(key) ?? 0;
  }
}

export function tooManyRequests(limit: number): GatewayError {
  return new GatewayError(
    429,
    'rate_limit',
    `This token already has ${limit} requests in flight, the gateway's limit per token (Settings → Gateway). Wait for one to finish.`,
    1,
  );
}

export function requestTimedOut(ms: number): GatewayError {
  return new GatewayError(
    504,
    'timeout',
    `No complete answer within the gateway's request timeout of ${Math.round(ms / 1000)} s (Settings → Gateway).`,
  );
}
