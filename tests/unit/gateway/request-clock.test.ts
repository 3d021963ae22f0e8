// The split of a gateway request's time: what was spent waiting on the provider or on the client
// is not the gateway's own time, and Server-Timing reports both parts in the header's grammar.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequestClock } from '../../../electron/gateway/request-clock';

describe('RequestClock', () => {
  afterEach(() => vi.restoreAllMocks());

  /** A clock whose performance.now() reads from `at`. */
  function clockAt(start: number): { clock: RequestClock; at: { now: number } } {
    const at = { now: start };
    vi.spyOn(performance, 'now').mockImplementation(() => at.now);
    return { clock: new RequestClock(), at };
  }

  it('leaves the waits on the provider and the client out of the gateway’s own time', async () => {
    const { clock, at } = clockAt(1000);
    at.now = 1000.4; // checks and parsing
    // The wait starts when it is called; the promise settles later, once the time has moved.
    const after = <T>(ms: number, value: T) => Promise.resolve().then(() => ((at.now += ms), value));
    expect(await clock.waitOnClient(after(30, 'body'))).toBe('body'); // a slow upload: 30 ms of the client's
    for (const wait of [200, 5, 5]) {
      const since = performance.now();
      at.now += wait; // the provider's answer, event by event
      clock.provider(since);
      at.now += 0.1; // encoding that event
    }
    await clock.waitOnClient(after(50, undefined)); // a reader slower than the answer
    // A wait that fails counts as the client's too (a refused upload).
    await expect(clock.waitOnClient(after(1, undefined).then(() => Promise.reject(new Error('too large'))))).rejects.toThrow('too large');

    expect(clock.elapsedMs()).toBeCloseTo(291.7, 6);
    expect(clock.ownMs()).toBeCloseTo(0.7, 6);
    expect(clock.serverTiming()).toBe('gateway;dur=0.700;desc="Switchyard\'s own time", provider;dur=210.000');
  });

  it('reports the time so far for a request that never reached a provider', () => {
    const { clock, at } = clockAt(5);
    at.now = 5.25;
    expect(clock.ownMs()).toBeCloseTo(0.25, 6);
    expect(clock.serverTiming()).toMatch(/^gateway;dur=0\.250;desc="[^"]*", provider;dur=0\.000$/);
  });
});
