// A dry run drawn to scale: one row per attempt, its bar where and as long as it ran (simulated
// time), and the backoff wait before it hatched, so "503, wait 0.6 s, 503, wait 1.1 s, answered"
// reads at a glance.
import type { AttemptTrace } from '../../../../shared/types';
import { formatDuration } from '../../format';

function outcomeText(attempt: AttemptTrace): string {
  if (attempt.outcome === 'success') return 'answered';
  if (attempt.outcome === 'skipped') return 'skipped (cooling down)';
  if (attempt.outcome === 'stopped') return 'stopped';
  return `${(attempt.errorClass ?? 'error').replace('_', ' ')}${attempt.status !== undefined ? ` ${attempt.status}` : ''}`;
}

export function DryRunTimeline({ attempts }: { attempts: AttemptTrace[] }) {
  if (attempts.length === 0) return null;
  const start = attempts[0]!.startedAt;
  const end = Math.max(...attempts.map((a) => a.startedAt + a.durationMs));
  const span = Math.max(1, end - start);
  const percent = (ms: number) => `${(ms / span) * 100}%`;
  return (
    <ol className="dry-timeline" aria-label="Attempts to scale" data-testid="dry-run-timeline">
      {attempts.map((attempt, i) => {
        const previous = attempts[i - 1];
        const waitFrom = previous ? previous.startedAt + previous.durationMs : attempt.startedAt;
        const wait = attempt.startedAt - waitFrom;
        const kind = attempt.outcome === 'success' ? 'ok' : attempt.outcome === 'error' ? 'error' : 'skip';
        return (
          <li key={i} className="dry-timeline__row" data-testid="dry-run-attempt">
            <span className="dry-timeline__what" title={attempt.message}>
              {i + 1}. {attempt.provider} · {attempt.model}
            </span>
            <span className="dry-timeline__track">
              {wait > 0 && (
                <span
                  className="dry-timeline__wait"
                  style={{ left: percent(waitFrom - start), width: percent(wait) }}
                  title={`waited ${formatDuration(wait)}`}
                />
              )}
              <span
                className={`dry-timeline__bar dry-timeline__bar--${kind}`}
                style={{ left: percent(attempt.startedAt - start), width: `max(3px, ${percent(attempt.durationMs)})` }}
              />
            </span>
            <span className={`dry-timeline__outcome dry-timeline__outcome--${kind}`}>
              {wait > 0 && <span className="muted">wait {formatDuration(wait)} · </span>}
              {outcomeText(attempt)} · {formatDuration(attempt.durationMs)}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
