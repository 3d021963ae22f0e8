// A circuit breaker per (provider, model, key slot), shared by every chain in the process: after N
// consecutive failures the target is skipped for a cooldown, then half-open, where one probe
// decides whether it is healthy again. Saves a dead provider's full retry budget on every call.

export interface CooldownState {
  key: string;
  consecutiveFailures: number;
  /** Clock time until which the target is skipped; 0 when closed. */
  coolingUntil: number;
  probing: boolean;
}

export type Admission = { allowed: true; probe: boolean } | { allowed: false; remainingMs: number };

export class CooldownRegistry {
  private readonly states = new Map<string, CooldownState>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  static key(provider: string, model: string, keySlot: number | undefined): string {
    return `${provider}|${model}|${keySlot ?? '-'}`;
  }

  admit(key: string): Admission {
    const state = this.states.get(key);
    if (!state || state.coolingUntil === 0) return { allowed: true, probe: false };
    const remainingMs = state.coolingUntil - this.now();
    if (remainingMs > 0) return { allowed: false, remainingMs };
    // Half-open: one caller probes, the others keep skipping until it reports back.
    if (state.probing) return { allowed: false, remainingMs: 0 };
    state.probing = true;
    return { allowed: true, probe: true };
  }

  success(key: string): void {
    this.states.delete(key);
  }

  failure(key: string, threshold: number, cooldownMs: number): void {
    const state = this.states.get(key) ?? { key, consecutiveFailures: 0, coolingUntil: 0, probing: false };
    state.consecutiveFailures += 1;
    if (state.probing || state.consecutiveFailures >= threshold) state.coolingUntil = this.now() + cooldownMs;
    state.probing = false;
    this.states.set(key, state);
  }

  /** Releases a half-open probe that ended without a verdict (cancelled). */
  release(key: string): void {
    const state = this.states.get(key);
    if (state) state.probing = false;
  }

  /** Targets cooling right now, for the UI ("cooling 12 s"). */
  cooling(): Array<{ key: string; remainingMs: number; consecutiveFailures: number }> {
    const now = this.now();
    return [...this.states.values()].filter((s) => s.coolingUntil > now).map((s) => ({ key: s.key, remainingMs: s.coolingUntil - now, consecutiveFailures: s.consecutiveFailures }));
  }

  reset(): void {
    this.states.clear();
  }
}

/** The process-wide registry every chain shares. */
export const sharedCooldowns = new CooldownRegistry();
