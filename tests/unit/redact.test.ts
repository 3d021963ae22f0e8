import { afterEach, describe, expect, it } from 'vitest';
import { clearKnownSecrets, redactDeep, redactSecrets, registerSecret } from '../../electron/secrets/redact';

describe('redactSecrets', () => {
  afterEach(() => clearKnownSecrets());

  it('redacts the literal value of a registered credential wherever it appears', () => {
    registerSecret('plain-looking-credential-123');
    expect(redactSecrets('echo: plain-looking-credential-123!')).toBe('echo: [REDACTED]!');
  });

  it('redacts token shapes it was never told about', () => {
    expect(redactSecrets('auth failed with token ghp_abc123def456ghi')).toBe('auth failed with token [REDACTED]');
    expect(redactSecrets('Incorrect API key provided: sk-proj-abcdefgh12345678.')).toBe('Incorrect API key provided: [REDACTED].');
    expect(redactSecrets('failed: github_pat_11AABBC_xyzzy789')).toBe('failed: [REDACTED]');
    expect(redactSecrets('Authorization: Bearer abcdefghijklmnop')).toBe('Authorization: Bearer [REDACTED]');
    expect(redactSecrets('key=AIzaSyA1234567890abcdefghijklmnop')).toBe('key=[REDACTED]');
    expect(redactSecrets('id AKIAIOSFODNN7EXAMPLE used')).toBe('id [REDACTED] used');
  });

  it('leaves ordinary words alone (the seed redacted "task-123" and "risk-free")', () => {
    expect(redactSecrets('task-123 is risk-free; sk- alone stays')).toBe('task-123 is risk-free; sk- alone stays');
  });

  it('does not remember values too short to be credentials', () => {
    registerSecret('abc');
    expect(redactSecrets('abc def')).toBe('abc def');
  });

  it('redacts every string inside nested data', () => {
    registerSecret('nested-secret-value');
    expect(redactDeep({ a: ['x nested-secret-value'], b: { c: 'nested-secret-value' }, n: 3 })).toEqual({ a: ['x [REDACTED]'], b: { c: '[REDACTED]' }, n: 3 });
  });
});
