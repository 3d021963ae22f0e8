// Compare's columns use the width they have: as many per row as fit, rows balanced.
import { describe, expect, it } from 'vitest';
import { columnsPerRow } from '../../../renderer/src/components/compare/layout';
import { liveFigures } from '../../../renderer/src/components/compare/live';

describe('columnsPerRow', () => {
  it('puts every column in one row when the window is wide enough', () => {
    expect(columnsPerRow(3, 1300)).toBe(3);
    expect(columnsPerRow(4, 1300)).toBe(4);
  });
  it('balances rows instead of leaving one column alone', () => {
    expect(columnsPerRow(6, 1300)).toBe(3);
    expect(columnsPerRow(5, 1300)).toBe(3);
    expect(columnsPerRow(3, 640)).toBe(2);
  });
  it('falls back to one column on a narrow window', () => {
    expect(columnsPerRow(4, 300)).toBe(1);
    expect(columnsPerRow(2, 0)).toBe(1);
  });
});

describe('liveFigures', () => {
  it('shows nothing before the first text arrives', () => {
    expect(liveFigures({ askedAt: 0, chars: 0 })).toBeNull();
    expect(liveFigures(undefined)).toBeNull();
  });
  it('estimates TTFT, tokens and rate from what arrived, marked ≈', () => {
    expect(liveFigures({ askedAt: 100, firstAt: 520, lastAt: 2520, chars: 400 })).toEqual({
      ttft: '≈420 ms',
      rate: '≈50 tok/s',
      tokens: '≈100',
    });
  });
  it('gives no rate over too short a window to time honestly', () => {
    expect(liveFigures({ askedAt: 0, firstAt: 100, lastAt: 200, chars: 40 })?.rate).toBe('—');
  });
});
