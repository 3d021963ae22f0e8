// Time as the host's waiting code sees it: injected wherever a wait or a deadline matters (device
// sign-in polling, chain backoff, token expiry), so that tests walk through time instead of
// spending it.
import { abortError } from './errors';

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with an AbortError as soon as the signal fires. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError());
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
