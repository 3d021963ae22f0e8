import { RotateCcw, Snowflake } from 'lucide-react';
import type { CoolingShape } from '../../../../shared/api/chains';
import { api, errorMessage } from '../../api/client';

/**
 * Targets the circuit breaker is skipping after repeated failures, each with "Retry now" so a user
 * who knows the provider is back (or fixed it) does not have to wait out the cooldown.
 */
export function CoolingTargets({ cooling, profileName, onChange, onError }: { cooling: CoolingShape[]; profileName(id: string): string | undefined; onChange(): void; onError(message: string): void }) {
  if (cooling.length === 0) return null;
  return (
    <section className="callout cooling" aria-labelledby="cooling-title" data-testid="cooling-targets">
      <h2 className="cooling__title" id="cooling-title">
        <Snowflake size={16} aria-hidden /> Cooling down
      </h2>
      <p className="muted">Chains skip these after repeated failures, until the cooldown ends or you retry them.</p>
      <ul className="cooling__list">
        {cooling.map((target) => {
          const name = `${profileName(target.profileId) ?? 'deleted profile'} · ${target.model}${target.keySlot !== undefined ? ` · key ${target.keySlot + 1}` : ''}`;
          return (
            <li key={target.key} className="cooling__item">
              <span>
                <strong>{name}</strong>{' '}
                <span className="muted">
                  {Math.ceil(target.remainingMs / 1000)} s left · {target.consecutiveFailures} failed {target.consecutiveFailures === 1 ? 'call' : 'calls'}
                </span>
              </span>
              <button type="button" className="button button--small" aria-label={`Retry ${name} now`} onClick={() => void api.invoke('chains.retryNow', { key: target.key }).then(onChange, (e: unknown) => onError(errorMessage(e)))}>
                <RotateCcw size={14} aria-hidden /> Retry now
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
