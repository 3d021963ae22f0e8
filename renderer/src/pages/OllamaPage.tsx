import { ArrowUpDown, Columns3, Cpu, Play, Power, RefreshCw, Trash2 } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import type { OllamaModel } from '../../../shared/api/ollama';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { formatBytes, formatDuration, formatRate } from '../format';
import { PullBox } from '../components/ollama/PullBox';
import { api } from '../api/client';
import { handToCompare } from '../store/compare-handoff';
import { useNavigation } from '../store/navigation';
import { useOllama } from '../store/ollama';
import { own } from '../../../shared/own';
import '../components/ollama/ollama.css';

type SortKey = 'name' | 'size' | 'family' | 'parameters' | 'quantization';

function TestResult({ model }: { model: string }) {
  const result = useOllama((s) => own(s.tests, model));
  if (!result) return null;
  if (result === 'running') return <span className="muted">testing…</span>;
  if ('error' in result) return <span className="error-text">{result.error}</span>;
  return (
    <span className="ollama-test" data-testid={`test-${model}`}>
      load {formatDuration(result.loadMs)} · TTFT {formatDuration(result.ttftMs)} · {formatRate(result.tokensPerSecond)}
    </span>
  );
}

export function OllamaPage() {
  const status = useOllama((s) => s.status);
  const models = useOllama((s) => s.models);
  const running = useOllama((s) => s.running);
  const error = useOllama((s) => s.error);
  const refresh = useOllama((s) => s.refresh);
  const test = useOllama((s) => s.test);
  const unload = useOllama((s) => s.unload);
  const remove = useOllama((s) => s.remove);
  const go = useNavigation((s) => s.go);
  const [sort, setSort] = useState<{ key: SortKey; asc: boolean }>({ key: 'name', asc: true });
  const [selected, setSelected] = useState<string[]>([]);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [compareError, setCompareError] = useState<string | null>(null);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const sorted = useMemo(() => {
    const value = (m: OllamaModel) => (sort.key === 'size' ? m.size : (m[sort.key] ?? ''));
    return [...models].sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
      return sort.asc ? order : -order;
    });
  }, [models, sort]);

  const header = (key: SortKey, label: string) => (
    <th aria-sort={sort.key === key ? (sort.asc ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort-button" onClick={() => setSort({ key, asc: sort.key === key ? !sort.asc : true })}>
        {label} <ArrowUpDown size={12} aria-hidden="true" />
      </button>
    </th>
  );

  const compareSelected = async () => {
    setCompareError(null);
    const { profiles } = await api.invoke('profiles.list', {});
    const profile = profiles.find((p) => p.providerKey === 'ollama');
    if (!profile) {
      setCompareError('Add an Ollama profile on the Providers page first; Compare runs through profiles.');
      return;
    }
    handToCompare({ targets: selected.map((model) => ({ kind: 'profile', profileId: profile.id, model })), oneAtATime: true });
    go('compare');
  };

  return (
    <div className="page">
      <PageHeader
        title="Ollama"
        subtitle="Local models: discover, pull, run and test."
        actions={
          <button type="button" className="button" onClick={() => void refresh()}>
            <RefreshCw size={16} /> Refresh
          </button>
        }
      />
      {status && (
        <div className={status.running ? 'callout' : 'callout callout--warning'} data-testid="ollama-status">
          {status.running ? (
            <>
              <span className="status-dot status-dot--ok" /> Ollama {status.version} at <code>{status.baseUrl}</code> <span className="muted">({status.source === 'default' ? 'default address' : status.source === 'OLLAMA_HOST' ? 'from OLLAMA_HOST' : 'from your Ollama profile'})</span>
            </>
          ) : (
            <>
              <strong>Ollama is not running at {status.baseUrl}.</strong> {status.hint}
            </>
          )}
        </div>
      )}
      {error && (
        <div className="callout callout--error" role="alert">
          {error}
        </div>
      )}
      {status?.running && (
        <>
          {running.length > 0 && (
            <section className="card" aria-labelledby="running-title">
              <h2 className="card__title" id="running-title">
                Running now
              </h2>
              <ul className="running">
                {running.map((m) => (
                  <li key={m.name}>
                    <strong>{m.name}</strong> <span className="muted">{formatBytes(m.size)} ({formatBytes(m.sizeVram)} in GPU memory){m.expiresAt ? ` · unloads at ${new Date(m.expiresAt).toLocaleTimeString()}` : ''}</span>
                    <button type="button" className="button button--small" onClick={() => void unload(m.name)}>
                      <Power size={14} /> Unload
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <PullBox />
          {models.length === 0 ? (
            <EmptyState icon={<Cpu size={32} />} title="No models installed">
              Pull one above, for example <code>llama3.2:3b</code> (about 2 GB).
            </EmptyState>
          ) : (
            <section className="card" aria-labelledby="models-title">
              <div className="models-header">
                <h2 className="card__title" id="models-title">
                  Installed models
                </h2>
                <button type="button" className="button button--small" disabled={selected.length < 2} onClick={() => void compareSelected()}>
                  <Columns3 size={14} /> Compare selected ({selected.length})
                </button>
              </div>
              {compareError && <p className="error-text">{compareError}</p>}
              <table className="table">
                <thead>
                  <tr>
                    <th aria-label="Select" />
                    {header('name', 'Model')}
                    {header('size', 'Size')}
                    {header('family', 'Family')}
                    {header('parameters', 'Parameters')}
                    {header('quantization', 'Quantisation')}
                    <th>Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {sorted.map((m) => (
                    <tr key={m.name} data-testid={`model-${m.name}`}>
                      <td>
                        <input type="checkbox" aria-label={`Select ${m.name}`} checked={selected.includes(m.name)} onChange={(e) => setSelected(e.target.checked ? [...selected, m.name] : selected.filter((n) => n !== m.name))} />
                      </td>
                      <td>
                        <strong>{m.name}</strong>
                        <div>
                          <TestResult model={m.name} />
                        </div>
                      </td>
                      <td>{formatBytes(m.size)}</td>
                      <td>{m.family ?? '—'}</td>
                      <td>{m.parameters ?? '—'}</td>
                      <td>{m.quantization ?? '—'}</td>
                      <td className="model-actions">
                        <button type="button" className="button button--small" onClick={() => void test(m.name)}>
                          <Play size={14} /> Test
                        </button>
                        <button type="button" className="icon-button" aria-label={`Delete ${m.name}`} onClick={() => setDeleting(m.name)}>
                          <Trash2 size={16} />
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </>
      )}
      <ConfirmDialog
        title="Delete this model?"
        open={deleting !== null}
        confirmLabel="Delete"
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const model = deleting!;
          setDeleting(null);
          void remove(model);
        }}
      >
        <p>
          <strong>{deleting}</strong> is removed from the Ollama server; pulling it again downloads it again.
        </p>
      </ConfirmDialog>
    </div>
  );
}
