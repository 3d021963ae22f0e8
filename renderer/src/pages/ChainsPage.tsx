import { Pencil, Plus, Workflow } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ChainShape } from '../../../shared/api/chains';
import { ChainEditor, DeleteChainButton } from '../components/chains/ChainEditor';
import { CoolingTargets } from '../components/chains/CoolingTargets';
import { DryRun } from '../components/chains/DryRun';
import { LitellmExport } from '../components/chains/LitellmExport';
import { Routes } from '../components/chains/Routes';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { formatDuration } from '../format';
import { useChains } from '../store/chains';
import { ErrorCallout } from '../components/ErrorCallout';
import '../components/chains/chains.css';

export function ChainsPage() {
  const { chains, problems, profiles, cooling, loaded, error, setError, load: reload } = useChains();
  const [editing, setEditing] = useState<ChainShape | 'new' | null>(null);

  useEffect(() => {
    // A message from an earlier visit is no longer news.
    setError(null);
    void reload();
  }, [reload, setError]);

  // A cooldown that ends on its own leaves the list without a reload by hand.
  useEffect(() => {
    if (cooling.length === 0) return;
    const timer = setTimeout(() => void reload(), Math.min(...cooling.map((c) => c.remainingMs)) + 500);
    return () => clearTimeout(timer);
  }, [cooling, reload]);

  const profileName = (id: string) => profiles.find((p) => p.id === id)?.name;

  return (
    <div className="page">
      <PageHeader
        title="Chains"
        subtitle="Retries, fallbacks and model routes that keep answers coming."
        actions={
          <button type="button" className="button button--primary" disabled={profiles.length === 0} onClick={() => setEditing('new')}>
            <Plus size={16} /> New chain
          </button>
        }
      />
      <ErrorCallout message={error} />
      {problems.length > 0 && (
        <ul className="callout callout--warning chain-problems" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <CoolingTargets cooling={cooling} profiles={profiles} onChange={() => void reload()} onError={setError} />
      {editing === 'new' && (
        <ChainEditor
          profiles={profiles}
          onSaved={() => {
            setEditing(null);
            void reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {loaded && chains.length === 0 && editing !== 'new' ? (
        <EmptyState icon={<Workflow size={32} />} title="No chains yet">
          {profiles.length === 0
            ? 'Add at least one provider first; a chain tries its providers in order.'
            : 'A chain tries its targets in order, retrying and falling back when one fails. Start with “New chain”.'}
        </EmptyState>
      ) : (
        <ul className="chains">
          {chains.map((chain) =>
            editing !== 'new' && editing?.id === chain.id ? (
              <li key={chain.id}>
                <ChainEditor
                  chain={chain}
                  profiles={profiles}
                  onSaved={() => {
                    setEditing(null);
                    void reload();
                  }}
                  onCancel={() => setEditing(null)}
                />
              </li>
            ) : (
              <li key={chain.id} className="card chain" data-testid={`chain-${chain.name}`}>
                <header className="chain__header">
                  <h2 className="chain__name">{chain.name}</h2>
                  <span className="muted">
                    {chain.policy.maxRetries} {chain.policy.maxRetries === 1 ? 'retry' : 'retries'} per target · after{' '}
                    {chain.policy.failureThreshold} failed {chain.policy.failureThreshold === 1 ? 'call' : 'calls'} in a row, skip a target
                    for {formatDuration(chain.policy.cooldownMs)}
                  </span>
                  <span className="chain__actions">
                    <button type="button" className="icon-button" aria-label={`Edit chain ${chain.name}`} onClick={() => setEditing(chain)}>
                      <Pencil size={16} />
                    </button>
                    <DeleteChainButton chain={chain} onDeleted={() => void reload()} onError={setError} />
                  </span>
                </header>
                <ol className="chain__targets">
                  {chain.targets.map((t, i) => (
                    <li key={i}>
                      <strong>{profileName(t.profileId) ?? <span className="error-text">deleted profile</span>}</strong> · {t.model}
                      {t.fallbackModels.length > 0 && <span className="muted"> → then {t.fallbackModels.join(', ')}</span>}
                    </li>
                  ))}
                </ol>
                <DryRun chain={chain} profiles={profiles} />
              </li>
            ),
          )}
        </ul>
      )}
      {chains.length > 0 && <Routes />}
      {chains.length > 0 && <LitellmExport />}
    </div>
  );
}
