// The gateway's live request log: who asked (token), for what model, who answered, the attempt
// timeline, first-token time, tokens, cost and status, with a filter.
import { Network, Trash2 } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import type { GatewayLogEntry } from '../../../shared/api/gateway';
import { AttemptTimeline } from '../components/AttemptTimeline';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { Segmented } from '../components/Segmented';
import '../components/gateway/gateway.css';
import { subscribeGateway, useGateway } from '../store/gateway';
import { useNavigation } from '../store/navigation';
import { ErrorCallout } from '../components/ErrorCallout';

type Show = 'all' | 'errors' | 'running';

const SHOW_CHOICES = [
  ['all', 'All'],
  ['errors', 'Errors'],
  ['running', 'Running'],
] as const;

function matches(entry: GatewayLogEntry, text: string, show: Show): boolean {
  if (show === 'errors' && entry.state !== 'error') return false;
  if (show === 'running' && entry.state !== 'running') return false;
  if (!text) return true;
  const haystack = [entry.token, entry.model, entry.resolvedAs, entry.answeredBy, entry.endpoint, entry.status, entry.error]
    .join(' ')
    .toLowerCase();
  return text
    .toLowerCase()
    .split(/\s+/)
    .every((word) => haystack.includes(word));
}

/** Short times keep their digits: the gateway's own share of a request is often under a millisecond. */
const ms = (value: number | undefined) =>
  value === undefined
    ? '—'
    : value < 10
      ? `${value.toFixed(2)} ms`
      : value < 1000
        ? `${Math.round(value)} ms`
        : `${(value / 1000).toFixed(1)} s`;

function statusBadge(entry: GatewayLogEntry) {
  if (entry.state === 'running') return <span className="badge badge--accent">running</span>;
  const ok = entry.status !== undefined && entry.status < 400 && entry.state === 'done';
  return <span className={`badge ${ok ? 'badge--success' : 'badge--danger'}`}>{entry.status ?? 'error'}</span>;
}

function Entry({ entry }: { entry: GatewayLogEntry }) {
  const single = entry.attempts.length === 1 && entry.attempts[0]!.outcome === 'success';
  return (
    <li className="card gateway-entry" data-testid="gateway-entry">
      <div className="wrap-row gateway-entry__head">
        {statusBadge(entry)}
        <strong className="gateway-entry__model">{entry.model ?? entry.endpoint}</strong>
        {entry.resolvedAs && entry.resolvedAs !== entry.model && <span className="muted">→ {entry.resolvedAs}</span>}
        <span className="gateway-entry__time muted">
          {entry.format === 'openai' ? 'OpenAI' : 'Anthropic'}
          {entry.stream ? ', streamed' : ''} · {new Date(entry.at).toLocaleTimeString()}
        </span>
      </div>
      <dl className="gateway-entry__facts">
        <div>
          <dt>Client</dt>
          <dd>{entry.token ?? <span className="muted">no valid token</span>}</dd>
        </div>
        <div>
          <dt>Answered by</dt>
          <dd>{entry.answeredBy ?? '—'}</dd>
        </div>
        <div>
          <dt>First token</dt>
          <dd>{ms(entry.ttftMs)}</dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd>{ms(entry.durationMs)}</dd>
        </div>
        <div title="Time spent in Switchyard itself: checks, the engine, translating formats. The rest of the total is the provider and the client.">
          <dt>Gateway's share</dt>
          <dd>{ms(entry.gatewayMs)}</dd>
        </div>
        <div>
          <dt>Tokens in → out</dt>
          <dd>
            {entry.usage ? `${entry.usageEstimated ? '≈' : ''}${entry.usage.inputTokens ?? 0} → ${entry.usage.outputTokens ?? 0}` : '—'}
          </dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd>{entry.costUsd !== undefined ? `$${entry.costUsd.toFixed(entry.costUsd < 0.01 ? 5 : 3)}` : '—'}</dd>
        </div>
      </dl>
      {single ? (
        <p className="muted gateway-entry__single">1 attempt · answered in {ms(entry.attempts[0]!.durationMs)}</p>
      ) : (
        <AttemptTimeline attempts={entry.attempts} />
      )}
      {entry.error && <p className="error-text gateway-entry__error">{entry.error}</p>}
      {(entry.prompt || entry.answer) && (
        <details className="gateway-entry__bodies">
          <summary>Prompt and answer</summary>
          {entry.prompt && <pre>{entry.prompt}</pre>}
          {entry.answer && <pre>{entry.answer}</pre>}
        </details>
      )}
    </li>
  );
}

export function GatewayPage() {
  const status = useGateway((s) => s.status);
  const entries = useGateway((s) => s.entries);
  const load = useGateway((s) => s.load);
  const clearLog = useGateway((s) => s.clearLog);
  const loadError = useGateway((s) => s.loadError);
  const go = useNavigation((s) => s.go);
  const [text, setText] = useState('');
  const [show, setShow] = useState<Show>('all');
  useEffect(() => {
    subscribeGateway();
    void load();
  }, [load]);
  const shown = useMemo(() => entries.filter((e) => matches(e, text.trim(), show)), [entries, text, show]);

  return (
    <div className="page">
      <PageHeader
        title="Gateway"
        subtitle="Requests your other tools sent through Switchyard, live."
        actions={
          <>
            {status &&
              (status.running ? (
                <span className="badge badge--success">Running at {status.baseUrl}</span>
              ) : (
                <span className="badge">{status.enabled ? 'Not running' : 'Off'}</span>
              ))}
            <button type="button" className="button" onClick={() => void clearLog()} disabled={entries.length === 0}>
              <Trash2 size={16} /> Clear log
            </button>
          </>
        }
      />
      <ErrorCallout message={loadError} />
      {status && !status.running && (
        <div className="callout callout--warning" role="status">
          {status.enabled ? `The gateway is on but not running: ${status.error ?? 'starting…'}` : 'The gateway is off.'}{' '}
          <button type="button" className="button button--small" onClick={() => go('settings')}>
            Open Settings → Gateway
          </button>
        </div>
      )}
      <div className="wrap-row gateway-filter" role="search">
        <input
          className="input"
          type="search"
          placeholder="Filter by client, model, target or status"
          aria-label="Filter requests"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Segmented label="Show" options={SHOW_CHOICES} value={show} onChange={setShow} />
      </div>
      {entries.length === 0 ? (
        <EmptyState icon={<Network size={28} />} title="No requests yet">
          <p>
            Point a tool at the gateway with a token from Settings → Gateway; each request shows up here as it happens. Prompts and answers
            are not kept unless you turn that on.
          </p>
        </EmptyState>
      ) : shown.length === 0 ? (
        <p className="muted">No request matches the filter.</p>
      ) : (
        <ul className="plain-list gateway-log" aria-label="Gateway requests">
          {shown.map((entry) => (
            <Entry key={entry.id} entry={entry} />
          ))}
        </ul>
      )}
    </div>
  );
}
