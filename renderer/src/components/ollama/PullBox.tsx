import { Download, RotateCcw, X } from 'lucide-react';
import { useState } from 'react';
import type { PullProgress } from '../../../../shared/api/ollama';
import { useOllama } from '../../store/ollama';
import { formatByteRate, formatBytes, formatEta, formatPercent } from '../../format';

function Bar({ value, total, label, stopped }: { value: number; total: number; label: string; stopped?: boolean }) {
  const percent = total > 0 ? Math.min(100, (value / total) * 100) : 0;
  return (
    <div
      className={stopped ? 'progress progress--stopped' : 'progress'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(percent)}
    >
      <span className="progress__fill" style={{ width: `${percent}%` }} />
    </div>
  );
}

function PullCard({ pull }: { pull: PullProgress }) {
  const cancel = useOllama((s) => s.cancel);
  const dismiss = useOllama((s) => s.dismissPull);
  const retry = useOllama((s) => s.retryPull);
  const finished = pull.state !== 'running';
  const broken = pull.state === 'error' || pull.state === 'cancelled';
  return (
    <div className={`pull card${pull.state === 'error' ? ' pull--error' : ''}`} data-testid={`pull-${pull.model}`} data-state={pull.state}>
      <div className="pull__header">
        <strong>{pull.model}</strong>
        <span className="muted">
          {pull.state === 'running' ? pull.status : pull.state === 'done' ? 'Pulled' : pull.state === 'cancelled' ? 'Cancelled' : 'Failed'}
        </span>
        {broken && (
          <button type="button" className="button button--small" onClick={() => void retry(pull.pullId)}>
            <RotateCcw size={14} /> Retry
          </button>
        )}
        {finished ? (
          <button type="button" className="icon-button" aria-label={`Dismiss ${pull.model}`} onClick={() => dismiss(pull.pullId)}>
            <X size={16} />
          </button>
        ) : (
          <button type="button" className="button button--small button--danger" onClick={() => void cancel(pull.pullId)}>
            Cancel
          </button>
        )}
      </div>
      {pull.error && <div className="error-text">{pull.error}</div>}
      {pull.total > 0 && (
        <>
          <Bar value={pull.completed} total={pull.total} label={`${pull.model} overall`} stopped={broken} />
          <div className="pull__stats muted">
            <span data-testid="pull-overall">
              {broken ? `Stopped at ${formatPercent(pull.completed, pull.total)}: ` : ''}
              {formatBytes(pull.completed)} of {formatBytes(pull.total)}
              {broken ? '' : ` (${formatPercent(pull.completed, pull.total)})`}
            </span>
            {!finished && (
              <span>
                {pull.bytesPerSecond ? formatByteRate(pull.bytesPerSecond) : 'measuring speed…'} · ETA {formatEta(pull.etaSeconds)}
              </span>
            )}
          </div>
          {!finished && (
            <ul className="pull__layers">
              {pull.layers.map((layer) => (
                <li key={layer.digest}>
                  <code>{layer.digest.slice(7, 19)}</code>
                  <Bar value={layer.completed} total={layer.total} label={`layer ${layer.digest.slice(7, 19)}`} />
                  <span className="muted">{formatBytes(layer.total)}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

export function PullBox() {
  const pulls = useOllama((s) => s.pulls);
  const pull = useOllama((s) => s.pull);
  const [model, setModel] = useState('');
  return (
    <section className="card pull-box" aria-labelledby="pull-title">
      <h2 className="card__title" id="pull-title">
        Pull a model
      </h2>
      <form
        className="pull-box__form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!model.trim()) return;
          void pull(model.trim());
          setModel('');
        }}
      >
        <input
          className="input"
          aria-label="Model to pull"
          placeholder="e.g. llama3.2:3b, qwen3:8b, nomic-embed-text"
          value={model}
          onChange={(e) => setModel(e.target.value)}
        />
        <button type="submit" className="button button--primary" disabled={!model.trim()}>
          <Download size={16} /> Pull
        </button>
      </form>
      {Object.values(pulls).map((p) => (
        <PullCard key={p.pullId} pull={p} />
      ))}
    </section>
  );
}
