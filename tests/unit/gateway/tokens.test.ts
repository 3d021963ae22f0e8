import type * as Crypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';

// Count the constant-time comparisons findToken makes, with the real implementation underneath.
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof Crypto>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

const { timingSafeEqual } = await import('node:crypto');
const { findToken, hashToken, presentedToken } = await import('../../../electron/gateway/tokens');

const stored = ['sk-sy-alpha-token-000000000000', 'sk-sy-bravo-token-000000000000', 'sk-sy-charlie-token-0000000000'].map((value, i) => ({
  value,
  record: { id: `t${i}`, name: `client ${i}`, hash: hashToken(value), hint: '', createdAt: 0 },
}));
const records = stored.map((s) => s.record);

describe('gateway token check', () => {
  afterEach(() => vi.mocked(timingSafeEqual).mockClear());

  it('finds the token whose hash matches', () => {
    expect(findToken(records, stored[1]!.value)?.name).toBe('client 1');
    expect(findToken(records, 'sk-sy-bravo-token-000000000001')).toBeUndefined();
    expect(findToken(records, undefined)).toBeUndefined();
  });

  it('compares every stored hash in constant time, without stopping at the first match', () => {
    findToken(records, stored[0]!.value);
    expect(timingSafeEqual).toHaveBeenCalledTimes(3);
    vi.mocked(timingSafeEqual).mockClear();
    findToken(records, 'wrong');
    expect(timingSafeEqual).toHaveBeenCalledTimes(3);
  });

  it('compares digests of equal length, so a token of another length takes the same path', () => {
    findToken(records, 'x');
    for (const [a, b] of vi.mocked(timingSafeEqual).mock.calls) expect((a as Buffer).length).toBe((b as Buffer).length);
  });

  it('reads the token from a Bearer header or from x-api-key', () => {
    expect(presentedToken({ authorization: 'Bearer sk-sy-abc' })).toBe('sk-sy-abc');
    expect(presentedToken({ authorization: 'bearer   sk-sy-abc  ' })).toBe('sk-sy-abc');
    expect(presentedToken({ 'x-api-key': 'sk-sy-def' })).toBe('sk-sy-def');
    expect(presentedToken({ authorization: 'Basic dXNlcjpwYXNz' })).toBeUndefined();
    expect(presentedToken({})).toBeUndefined();
  });
});
