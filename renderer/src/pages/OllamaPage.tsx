import { Columns3, Cpu, Power, RefreshCw } from 'lucide-react';
import { useEffect, useState } from 'react';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { ModelsTable } from '../components/ollama/ModelsTable';
import { formatBytes } from '../format';
import { PullBox } from '../components/ollama/PullBox';
import { useChat } from '../store/chat';
import { handToCompare } from '../store/compare-handoff';
import { useNavigation } from '../store/navigation';
import { useOllama } from '../store/ollama';
import { ErrorCallout } from '../components/ErrorCallout';
import '../components/ollama/ollama.css';

export function OllamaPage() {
  const status = useOllama((s) => s.status);
  const models = useOllama((s) => s.models);
  const running = useOllama((s) => s.running);
  const error = useOllama((s) => s.error);
  const refresh = useOllama((s) => s.refresh);
  const unload = useOllama((s) => s.unload);
  const remove = useOllama((s) => s.remove);
  const go = useNavigation((s) => s.go);
  const [selected, setSelected] = useState<string[]>([]);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [compareError, setCompareError] = useState<string | null>(null);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  /** Chat and Compare talk to models through a profile: the Ollama profile, if there is one. */
  const ollamaProfile = async () => {
    setCompareError(null);
    const profile = await useOllama.getState().findProfile();
    if (!profile) setCompareError('Add an Ollama profile on the Providers page first; Chat and Compare talk to models through profiles.');
    return profile;
  };

  const compareSelected = async () => {
    const profile = await ollamaProfile();
    if (!profile) return;
    handToCompare({ targets: selected.map((model) => ({ kind: 'profile', profileId: profile.id, model })), oneAtATime: true });
    go('compare');
  };

  const chatWith = async (model: string) => {
    const profile = await ollamaProfile();
    if (!profile) return;
    useChat.getState().newChat();
    useChat.getState().setTarget({ kind: 'profile', profileId: profile.id, model });
    go('chat');
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
              <span className="status-dot status-dot--ok" /> Ollama {status.version} at <code>{status.baseUrl}</code>{' '}
              <span className="muted">
                (
                {status.source === 'default'
                  ? 'default address'
                  : status.source === 'OLLAMA_HOST'
                    ? 'from OLLAMA_HOST'
                    : 'from your Ollama profile'}
                )
              </span>
            </>
          ) : (
            <>
              <strong>Ollama is not running at {status.baseUrl}.</strong> {status.hint}
            </>
          )}
        </div>
      )}
      <ErrorCallout message={error} />
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
                    <strong>{m.name}</strong>{' '}
                    <span className="muted">
                      {formatBytes(m.size)} ({formatBytes(m.sizeVram)} in GPU memory)
                      {m.expiresAt ? ` · unloads at ${new Date(m.expiresAt).toLocaleTimeString()}` : ''}
                    </span>
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
                <button
                  type="button"
                  className="button button--small"
                  disabled={selected.length < 2}
                  onClick={() => void compareSelected()}
                >
                  <Columns3 size={14} /> Compare selected ({selected.length})
                </button>
              </div>
              {compareError && (
                <p className="error-text" role="alert">
                  {compareError}
                </p>
              )}
              <ModelsTable
                models={models}
                selected={selected}
                onSelect={setSelected}
                onChat={(model) => void chatWith(model)}
                onDelete={setDeleting}
              />
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
