import { afterEach, describe, expect, it } from 'vitest';
import { clearKnownSecrets, redactDeep, redactSecrets, registerSecret, StreamRedactor } from '../../electron/secrets/redact';

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
    expect(redactDeep({ a: ['x nested-secret-value'], b: { c: 'nested-secret-value' }, n: 3 })).toEqual({
      a: ['x [REDACTED]'],
      b: { c: '[REDACTED]' },
      n: 3,
    });
  });
});

describe('redaction of short keys, encoded keys and the seed examples', () => {
  afterEach(() => clearKnownSecrets());

  it('redacts the seed’s own short examples and keeps "sk-learn" and a bare prefix', () => {
    expect(redactSecrets('bad token xoxb-abc123}; next')).toBe('bad token [REDACTED]}; next');
    expect(redactSecrets('key sk-abc123 rejected')).toBe('key [REDACTED] rejected');
    expect(redactSecrets('only prefix sk- present; sk-learn is a library')).toBe('only prefix sk- present; sk-learn is a library');
  });

  it('redacts a registered key shorter than 8 characters as a whole word, not inside other words', () => {
    registerSecret('k3y9Zq');
    expect(redactSecrets('your key is k3y9Zq. "k3y9Zq"')).toBe('your key is [REDACTED]. "[REDACTED]"');
    expect(redactSecrets('xk3y9Zqx stays')).toBe('xk3y9Zqx stays');
  });

  it('redacts the base64, base64url, hex and URL-encoded forms of a known key', () => {
    const key = 'sk/live+Key=with&odd~chars42';
    registerSecret(key);
    const bytes = Buffer.from(key);
    for (const form of [
      bytes.toString('base64'),
      bytes.toString('base64url'),
      bytes.toString('hex'),
      bytes.toString('hex').toUpperCase(),
      encodeURIComponent(key),
      encodeURIComponent(key).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
    ]) {
      const out = redactSecrets(`echo ${form} end`);
      expect(out, form).toContain('[REDACTED]');
      expect(out, form).not.toContain(form.slice(2, -2));
    }
  });

  it('redacts a known key inside a Basic auth header, whatever its offset in the encoded text', () => {
    const key = 'plain-looking-credential-123';
    registerSecret(key);
    for (const user of ['u', 'us', 'use', 'user']) {
      const header = Buffer.from(`${user}:${key}`).toString('base64');
      const out = redactSecrets(`Authorization: Basic ${header}`);
      expect(out, user).toContain('[REDACTED]');
      // At most the two characters that also encode the neighbouring bytes survive on each side.
      expect(out.replace('Authorization: Basic ', '').replace('[REDACTED]', '').length, user).toBeLessThanOrEqual(
        Buffer.from(`${user}:`).toString('base64').length + 4,
      );
    }
  });

  it('redacts unknown keys that are percent-encoded or sit in a query string', () => {
    expect(redactSecrets('GET /v1/models?key=AbCdEf123456789%2Bxyz&alt=sse')).toBe('GET /v1/models?key=[REDACTED]&alt=sse');
    expect(redactSecrets('token sk-proj-abc%2Bdef%2Fghi123 failed')).toBe('token [REDACTED] failed');
  });
});

describe('StreamRedactor', () => {
  afterEach(() => clearKnownSecrets());

  function through(pieces: string[]): string {
    const redactor = new StreamRedactor();
    return pieces.map((piece) => redactor.push(piece)).join('') + redactor.end();
  }

  it('catches a known key split across pieces of a streamed answer', () => {
    registerSecret('plain-looking-credential-123');
    expect(through(['Your key is plain-look', 'ing-credenti', 'al-123, as you asked.'])).toBe('Your key is [REDACTED], as you asked.');
  });

  it('keeps "Bearer" with the token that follows it in the next piece', () => {
    expect(through(['Authorization: Bearer ', 'abcdefghijklmnop\n'])).toBe('Authorization: Bearer [REDACTED]\n');
  });

  it('lets text out as soon as a word is complete', () => {
    const redactor = new StreamRedactor();
    expect(redactor.push('Hello wor')).toBe('Hello ');
    expect(redactor.push('ld and more')).toBe('world and ');
    expect(redactor.end()).toBe('more');
  });
});
