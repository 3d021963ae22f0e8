// The renderer's one formatter: the same figure reads the same on every page.
import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatBytes,
  formatContext,
  formatCount,
  formatDuration,
  formatEta,
  formatMoney,
  formatPricePair,
  formatRate,
} from '../../../renderer/src/format';

describe('formatDuration', () => {
  it('uses ms below one second and s above, so a card and a chart agree', () => {
    expect(formatDuration(840.4)).toBe('840 ms');
    expect(formatDuration(1636)).toBe('1.64 s');
    expect(formatDuration(12_340)).toBe('12.3 s');
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(3_840_000)).toBe('1 h 4 min');
    expect(formatDuration(600_000)).toBe('10 min');
  });
  it('shows a dash for a figure that is not known', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
  it('never shows an ETA of zero', () => {
    expect(formatEta(0.2)).toBe('1.00 s');
    expect(formatEta(null)).toBe('—');
  });
});

describe('formatRate', () => {
  it('always says tok/s, with one decimal only below 10', () => {
    expect(formatRate(32.7)).toBe('33 tok/s');
    expect(formatRate(7.44)).toBe('7.4 tok/s');
    expect(formatRate(50, true)).toBe('≈50 tok/s');
    expect(formatRate(null)).toBe('—');
  });
});

describe('formatBytes', () => {
  it('writes decimal sizes as ollama list does', () => {
    expect(formatBytes(2_019_393_189)).toBe('2.0 GB');
    expect(formatBytes(4_661_224_676)).toBe('4.7 GB');
    expect(formatBytes(274_302_450)).toBe('274 MB');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(12_000_000_000_000)).toBe('12 TB');
  });
});

describe('formatMoney and prices', () => {
  it('never rounds a cheap answer to $0.00', () => {
    expect(formatMoney(0.000042)).toBe('$0.00004');
    expect(formatMoney(0.0000001)).toBe('<$0.00001');
    expect(formatMoney(0.1234)).toBe('$0.1234');
    expect(formatMoney(0.5)).toBe('$0.50');
    expect(formatMoney(0)).toBe('free');
    expect(formatMoney(0.002, true)).toBe('≈$0.00200');
    expect(formatMoney(null)).toBe('—');
  });
  it('writes input / output prices per million tokens', () => {
    expect(formatPricePair(0.15, 0.6)).toBe('$0.15 / $0.60 per M');
    expect(formatPricePair(0.075, 0.3)).toBe('$0.075 / $0.30 per M');
    expect(formatPricePair(2.5, 10)).toBe('$2.50 / $10.00 per M');
    expect(formatPricePair(0, 0)).toBe('free');
    expect(formatPricePair(undefined, 1)).toBe('—');
  });
});

describe('counts, context windows and ages', () => {
  it('groups thousands and marks estimates', () => {
    expect(formatCount(12345)).toBe('12,345');
    expect(formatCount(310, true)).toBe('≈310');
  });
  it('writes context windows in K and M', () => {
    expect(formatContext(8192)).toBe('8K');
    expect(formatContext(131_072)).toBe('131K');
    expect(formatContext(1_048_576)).toBe('1M');
    expect(formatContext(0)).toBe('—');
  });
  it('says how long ago in words', () => {
    const now = 1_000_000_000_000;
    expect(formatAge(now - 10_000, now)).toBe('just now');
    expect(formatAge(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatAge(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(formatAge(now - 48 * 3_600_000, now)).toBe('2 days ago');
  });
});
