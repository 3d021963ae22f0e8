import { describe, expect, it } from 'vitest';
import { tokenCount, tokenUsage } from '../../../electron/providers/core/usage';

describe('token counts from providers', () => {
  it.each([
    [12, 12],
    ['12', 12],
    [' 7 ', 7],
    [3.6, 4],
    [0, 0],
    ['0', 0],
  ])('%j counts as %j', (raw, count) => {
    expect(tokenCount(raw)).toBe(count);
  });

  it.each([
    [Number.NaN],
    ['NaN'],
    [Number.POSITIVE_INFINITY],
    ['Infinity'],
    [-3],
    ['-3'],
    [''],
    ['twelve'],
    [null],
    [undefined],
    [{}],
    [[5]],
    [true],
  ])('%j is no count', (raw) => {
    expect(tokenCount(raw)).toBeUndefined();
  });

  it('keeps the valid counts and leaves out the rest', () => {
    expect(tokenUsage({ inputTokens: '5', outputTokens: 'NaN', cachedInputTokens: -1, reasoningTokens: 2 })).toEqual({
      inputTokens: 5,
      reasoningTokens: 2,
    });
    expect(tokenUsage({})).toEqual({});
  });
});
