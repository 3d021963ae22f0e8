import { RotateCcw, Snowflake } from 'lucide-react';
import type { CoolingShape } from '../../../../shared/api/chains';
import type { ProfileView } from '../../../../shared/api/profiles';
import { errorMessage } from '../../errors';
import { useChains } from '../../store/chains';

/**
 * Targets the circuit breaker is skipping after repeated failures, each with "Retry now" so a user
 * who knows the provider is back (or fixed it) does not have to wait out the cooldown.
 */
/** "45 s", "10 min": how long until the target is tried again on its own. */
function timeLeft(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}

export function CoolingTargets({
  cooling,
  profiles,
  onChange,
  onError,
}: {
  cooling: CoolingShape[];
  profiles: ProfileView[];
  onChange(): void;
  onError(message: string): void;
}) {
  if (cooling.length === 0) return null;
  return (
    <section className="callout cooling" aria-labelledby="cooling-title" data-testid="cooling-targets">
      <h2 className="cooling__title" id="cooling-title">
        <Snowflake size={16} aria-hidden /> Cooling down
      </h2>
      <p className="muted">Chains skip these after repeated failures, until the cooldown ends or you retry them.</p>
      <ul className="cooling__list">
        {cooling.map((target) => {
          const profile = profiles.find((p) => p.id === target.profileId);
          // The key only matters to tell apart the keys of a profile that has several.
          const key = target.keySlot !== undefined && (profile?.keySlots.length ?? 0) > 1 ? ` · key ${target.keySlot + 1}` : '';
          const name = `${profile?.name ?? 'deleted profile'} · ${target.model}${key}`;
          return (
            <li key={target.key} className="cooling__item">
              <span>
                <strong>{name}</strong>{' '}
                <span className="muted">
                  {timeLeft(target.remainingMs)} left · {target.consecutiveFailures} failed{' '}
                  {target.consecutiveFailures === 1 ? 'call' : 'calls'}
                </span>
              </span>
              <button
                type="button"
                className="button button--small"
                aria-label={`Retry ${name} now`}
                onClick={() =>
                  void useChains
                    .getState()
                    .retryNow(target.key)
                    .then(onChange, (e: unknown) => onError(errorMessage(e)))
                }
              >
                <RotateCcw size={14} aria-hidden /> Retry now
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
