// The checks that keep browser mode private to the person who started it: a random token, a Host
// header that names loopback (defeats DNS rebinding) and an Origin that is our own page.
import { timingSafeEqual } from 'node:crypto';
import { LOOPBACK_HOSTNAMES } from '../http/loopback';

/** A browser always sends Origin on a WebSocket; non-browser clients (the CLI, benchmarks) may not. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && LOOPBACK_HOSTNAMES.has(url.hostname) && Number(url.port) === port;
  } catch {
    return false;
  }
}

export function tokensMatch(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The page may talk to its own WebSocket and nothing else. */
export function browserModeCsp(port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ws://127.0.0.1:${port} ws://localhost:${port}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** WebSocket close codes in the application range, with reasons a person can act on. */
export const CloseReason = {
  missingToken: { code: 4401, reason: 'Missing token: open the URL Switchyard printed, including #token=…' },
  wrongToken: { code: 4401, reason: 'Wrong token: this page belongs to an earlier run; open the URL Switchyard printed.' },
  foreignOrigin: { code: 4403, reason: 'Origin not allowed: only the Switchyard page itself may connect.' },
  foreignHost: { code: 4403, reason: 'Host not allowed: connect through 127.0.0.1 or localhost.' },
  // A close reason may be at most 123 bytes (RFC 6455 §5.5).
  tooSlow: { code: 4408, reason: 'This page stopped reading, so Switchyard dropped it to stay responsive. Reload to reconnect.' },
} as const;
