// A clock whose sleeps return at once and move time forward: device-flow polling and token expiry
// can be walked through in milliseconds, and every sleep is recorded.
import type { Clock } from '../../electron/clock';

export interface FakeClock extends Clock {
  sleeps: number[];
  advance(ms: number): void;
}

export function fakeClock(start = Date.UTC(2026, 10, 30, 12, 0, 0)): FakeClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    advance(ms) {
      now += ms;
    },
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason as Error;
      sleeps.push(ms);
      now += ms;
      await Promise.resolve();
    },
  };
}
