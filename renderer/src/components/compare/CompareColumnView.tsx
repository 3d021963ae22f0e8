import { Copy, RotateCcw, Square, Star, Trophy, Zap, Coins } from 'lucide-react';
import { forwardRef, useState } from 'react';
import type { CompareColumn, CompareRun } from '../../../../shared/api/compare';
import { useCompare } from '../../store/compare';
import { Markdown } from '../Markdown';
import { METRIC_HELP, metricText } from '../metrics';
import { ProviderLogo } from '../ProviderLogo';
import { useModels } from '../../store/models';
import { liveFigures } from './live';

const STATUS_LABEL: Record<CompareColumn['status'], string> = {
  queued: 'Queued',
  waiting: 'Waiting for first token…',
  streaming: 'Streaming',
  done: 'Done',
  error: 'Failed',
  stopped: 'Stopped',
};

const STATUS_BADGE: Record<CompareColumn['status'], string> = {
  queued: 'badge',
  waiting: 'badge badge--accent',
  streaming: 'badge badge--accent',
  done: 'badge badge--success',
  error: 'badge badge--danger',
  stopped: 'badge badge--warning',
};

interface Props {
  run: CompareRun;
  column: CompareColumn;
  onScroll?: (element: HTMLDivElement) => void;
}

export const CompareColumnView = forwardRef<HTMLDivElement, Props>(function CompareColumnView({ run, column, onScroll }, bodyRef) {
  const text = useCompare((state) => state.texts[column.columnId]?.text ?? '');
  const reasoning = useCompare((state) => state.texts[column.columnId]?.reasoning ?? '');
  const timing = useCompare((state) => state.live[column.columnId]);
  const profile = useModels((state) =>
    column.target.kind === 'profile' ? state.profiles.find((p) => p.id === (column.target as { profileId: string }).profileId) : undefined,
  );
  const stop = useCompare((state) => state.stop);
  const rerun = useCompare((state) => state.rerun);
  const vote = useCompare((state) => state.vote);
  const [copied, setCopied] = useState(false);
  const running = column.status === 'waiting' || column.status === 'streaming' || column.status === 'queued';
  const voted = run.votedColumnId === column.columnId;
  const m = column.metrics;
  // While it streams, this window's own ≈ figures; the host's once it is done.
  const live = running && !m ? liveFigures(timing) : null;

  return (
    <article
      className={`card compare-column${voted ? ' compare-column--voted' : ''}`}
      data-testid={`compare-column-${column.columnId}`}
      aria-label={column.label}
    >
      <header className="compare-column__header">
        <div className="compare-column__title">
          <strong title={column.label}>
            {profile && <ProviderLogo keys={[profile.providerKey, profile.adapter]} local={profile.local} size={15} />}{' '}
            {profile ? profile.name : column.label}
          </strong>
          <span className="compare-column__model" title={column.model}>
            {column.model}
          </span>
        </div>
        <span className={STATUS_BADGE[column.status]}>{STATUS_LABEL[column.status]}</span>
      </header>
      <div className="compare-column__badges">
        {run.badges.fastestTtft === column.columnId && (
          <span className="badge badge--success" data-testid="badge-fastest-ttft">
            <Zap size={12} /> Fastest first token
          </span>
        )}
        {run.badges.fastestRate === column.columnId && (
          <span className="badge badge--success" data-testid="badge-fastest-rate">
            <Trophy size={12} /> Fastest tokens/s
          </span>
        )}
        {run.badges.cheapest === column.columnId && (
          <span className="badge badge--success" data-testid="badge-cheapest">
            <Coins size={12} /> Cheapest
          </span>
        )}
        {column.local && <span className="badge">Local</span>}
      </div>
      <dl className={live ? 'compare-metrics compare-metrics--live' : 'compare-metrics'} title={live ? METRIC_HELP.live : undefined}>
        <div title={METRIC_HELP.ttft}>
          <dt>TTFT</dt>
          <dd data-testid="metric-ttft">{live ? live.ttft : metricText.ttft(m)}</dd>
        </div>
        <div title={m?.rateUnavailableReason ? `${METRIC_HELP.rate} Here: ${m.rateUnavailableReason}.` : METRIC_HELP.rate}>
          <dt>Tokens/s</dt>
          <dd data-testid="metric-rate">{live ? live.rate : metricText.rate(m)}</dd>
        </div>
        <div title={METRIC_HELP.tokens}>
          <dt>Tokens</dt>
          <dd data-testid="metric-tokens">
            {live ? live.tokens : metricText.tokens(m)}
            {m?.reasoningTokens != null && (
              <span className="muted">
                {' '}
                ({m.reasoningTokensEstimated ? '≈' : ''}
                {m.reasoningTokens} reasoning)
              </span>
            )}
          </dd>
        </div>
        <div title={METRIC_HELP.total}>
          <dt>Total</dt>
          <dd>{metricText.total(m)}</dd>
        </div>
        <div title={metricText.costHelp(m)}>
          <dt>Cost</dt>
          <dd data-testid="metric-cost">
            {metricText.cost(m)}
            {m?.priceSource && (
              <span className="metric-source" data-testid="metric-price-source">
                {m.priceSource.label}
              </span>
            )}
          </dd>
        </div>
      </dl>
      <div className="compare-column__body" ref={bodyRef} onScroll={(event) => onScroll?.(event.currentTarget)}>
        {column.error && (
          <div className="callout callout--error" role="alert" data-testid="column-error">
            <strong>{column.error.errorClass ? `${column.error.errorClass.replace('_', ' ')}: ` : ''}</strong>
            {column.error.message}
          </div>
        )}
        {reasoning && (
          <details className="compare-column__reasoning">
            <summary>Reasoning ({reasoning.length.toLocaleString()} characters)</summary>
            <p>{reasoning}</p>
          </details>
        )}
        {text ? <Markdown text={text} /> : !column.error && <p className="muted">{running ? 'Waiting for the answer…' : 'No answer.'}</p>}
      </div>
      <footer className="compare-column__footer">
        {running ? (
          <button type="button" className="button button--small" onClick={() => void stop(column.columnId)}>
            <Square size={14} /> Stop
          </button>
        ) : (
          <button type="button" className="button button--small" onClick={() => void rerun(column.columnId)}>
            <RotateCcw size={14} /> Re-run
          </button>
        )}
        <button
          type="button"
          className="button button--small button--ghost"
          disabled={!text}
          onClick={() => {
            void navigator.clipboard.writeText(text).then(() => {
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            });
          }}
        >
          <Copy size={14} /> {copied ? 'Copied' : 'Copy'}
        </button>
        <button
          type="button"
          className={`button button--small ${voted ? 'button--primary' : 'button--ghost'}`}
          aria-pressed={voted}
          disabled={running}
          onClick={() => void vote(voted ? null : column.columnId)}
        >
          <Star size={14} /> {voted ? 'Best' : 'Vote best'}
        </button>
      </footer>
    </article>
  );
});
