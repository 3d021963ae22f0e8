import { useState } from 'react';
import type { AttemptTrace } from '../../../shared/types';
import { formatDuration } from '../format';
import './AttemptTimeline.css';

function outcomeClass(attempt: AttemptTrace): string {
  return attempt.outcome === 'success' ? 'ok' : attempt.outcome === 'skipped' || attempt.outcome === 'stopped' ? 'skip' : 'error';
}

function outcomeText(attempt: AttemptTrace): string {
  if (attempt.outcome === 'success') return 'answered';
  if (attempt.outcome === 'skipped') return 'skipped';
  if (attempt.outcome === 'stopped') return 'stopped by you';
  return (attempt.errorClass ?? 'error').replace('_', ' ');
}

/**
 * Which attempts happened for an answer: compact (one dot per attempt) until expanded. Hidden when
 * a single attempt simply succeeded, since there is nothing to tell.
 */
export function AttemptTimeline({ attempts }: { attempts: AttemptTrace[] }) {
  const [open, setOpen] = useState(false);
  // One attempt that answered, or that the person stopped, has nothing to tell.
  if (attempts.length === 0 || (attempts.length === 1 && (attempts[0]!.outcome === 'success' || attempts[0]!.outcome === 'stopped')))
    return null;
  const failures = attempts.filter((a) => a.outcome === 'error').length;
  const skipped = attempts.filter((a) => a.outcome === 'skipped').length;
  return (
    <div className="timeline" data-testid="attempt-timeline">
      <button type="button" className="timeline__summary" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="timeline__dots" aria-hidden="true">
          {attempts.map((attempt, i) => (
            <span key={i} className={`timeline__dot timeline__dot--${outcomeClass(attempt)}`} />
          ))}
        </span>
        {attempts.length} attempt{attempts.length === 1 ? '' : 's'} · {failures} failed
        {skipped ? ` · ${skipped} skipped (cooling down)` : ''} {open ? '▾' : '▸'}
      </button>
      {open && (
        <ol className="timeline__list">
          {attempts.map((attempt, i) => (
            <li key={i} className={`timeline__item timeline__item--${outcomeClass(attempt)}`}>
              <span className="timeline__what">
                <strong>{attempt.provider}</strong> · {attempt.model}
                {attempt.keySlot !== undefined && <span className="muted"> · key {attempt.keySlot + 1}</span>}
              </span>
              <span className="timeline__outcome">
                {outcomeText(attempt)}
                {attempt.status !== undefined && ` (${attempt.status})`} · {formatDuration(attempt.durationMs)}
                {attempt.retryAfterMs !== undefined && ` · retry after ${formatDuration(attempt.retryAfterMs)}`}
              </span>
              {attempt.message && <span className="timeline__message">{attempt.message}</span>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
