// A circuit breaker per (profile, model, key slot), shared by every chain in the process. It counts
// failed calls, not failed attempts: a call that spent its whole retry budget on a target and still
// failed with a transient error is one failure. After N consecutive failed calls the target is
// skipped for a cooldown, then half-open, where one call probes whether it is healthy again. The
// breaker only decides whether a call may START on a target; it never cuts the retries of a call
// already running there (the retry count is the user's setting).
//
// State belongs to a profile revision (its key slots, base URL, headers, options): after the user
// changes any of them the old verdict no longer applies, so it is dropped.

export interface BreakerTarget {
  profileId: string;
  model: string;
  keySlot?: number;
  /** Changes whenever the profile's keys or settings change. */
  revision?: string;
}

export interface CooldownState extends BreakerTarget {
  key: string;
  consecutiveFailures: number;
  /** Clock time until which the target is skipped; 0 when closed. */
  coolingUntil: number;
  probing: boolean;
}

export type Admission = { allowed: true; probe: boolean } | { allowed: false; remainingMs: number; probing: boolean };

export interface CoolingTarget {
  key: string;
  profileId: string;
  model: string;
  keySlot?: number;
  revision?: string;
  remainingMs: number;
  consecutiveFailures: number;
}

export class CooldownRegistry {
  private readonly states = new Map<string, CooldownState>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  static key(target: BreakerTarget): string {
    return `${target.profileId}|${target.model}|${target.keySlot ?? '-'}`;
  }

  /** The state for this target, dropped first if the profile has changed since it was recorded. */
  private current(target: BreakerTarget): CooldownState | undefined {
    const key = CooldownRegistry.key(target);
    const state = this.states.get(key);
    if (state && state.revision !== target.revision) {
      this.states.delete(key);
      return undefined;
    }
    return state;
  }

  /** Whether a call may start on this target now. */
  admit(target: BreakerTarget): Admission {
    const state = this.current(target);
    if (!state || state.coolingUntil === 0) return { allowed: true, probe: false };
    const remainingMs = state.coolingUntil - this.now();
    if (remainingMs > 0) return { allowed: false, remainingMs, probing: false };
    // Half-open: one caller probes, the others keep skipping until it reports back.
    if (state.probing) return { allowed: false, remainingMs: 0, probing: true };
    state.probing = true;
    return { allowed: true, probe: true };
  }

  success(target: BreakerTarget): void {
    this.states.delete(CooldownRegistry.key(target));
  }

  /** One call failed on this target with a transient error. */
  failure(target: BreakerTarget, threshold: number, cooldownMs: number): void {
    const key = CooldownRegistry.key(target);
    const state = this.current(target) ?? { ...target, key, consecutiveFailures: 0, coolingUntil: 0, probing: false };
    state.consecutiveFailures += 1;
    if (state.probing || state.consecutiveFailures >= threshold) state.coolingUntil = this.now() + cooldownMs;
    state.probing = false;
    this.states.set(key, state);
  }

  /** A call ended without a verdict on the target's health (cancelled, or a non-transient error). */
  release(target: BreakerTarget): void {
    const state = this.states.get(CooldownRegistry.key(target));
    if (state) state.probing = false;
  }

  /** "Retry now": forgets a target's failures so the next call starts on it. */
  clear(key: string): boolean {
    return this.states.delete(key);
  }

  /** Drops every state recorded for a profile revision other than `revision` (or all, if absent). */
  forgetProfile(profileId: string, revision?: string): void {
    for (const [key, state] of this.states) {
      if (state.profileId === profileId && (revision === undefined || state.revision !== revision)) this.states.delete(key);
    }
  }

  /** Targets cooling right now, for the UI ("cooling 12 s"). */
  cooling(): CoolingTarget[] {
    const now = this.now();
    return [...this.states.values()]
      .filter((s) => s.coolingUntil > now)
      .map((s) => ({
        key: s.key,
        profileId: s.profileId,
        model: s.model,
        ...(s.keySlot !== undefined && { keySlot: s.keySlot }),
        ...(s.revision !== undefined && { revision: s.revision }),
        remainingMs: s.coolingUntil - now,
        consecutiveFailures: s.consecutiveFailures,
      }));
  }

  reset(): void {
    this.states.clear();
  }
}

/** The process-wide registry every chain shares. */
export const sharedCooldowns = new CooldownRegistry();
