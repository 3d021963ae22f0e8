import { Pencil, Plus, Route as RouteIcon, Trash2, Workflow } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ChainShape, RouteShape } from '../../../shared/api/chains';
import { ChainEditor, DeleteChainButton } from '../components/chains/ChainEditor';
import { CoolingTargets } from '../components/chains/CoolingTargets';
import { DryRun } from '../components/chains/DryRun';
import { LitellmExport } from '../components/chains/LitellmExport';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { errorMessage } from '../errors';
import { formatDuration } from '../format';
import { useChains } from '../store/chains';
import '../components/chains/chains.css';

function Routes({ chains, routes, onChange, onError }: { chains: ChainShape[]; routes: RouteShape[]; onChange(): void; onError(message: string): void }) {
  const [hint, setHint] = useState('');
  const [chainId, setChainId] = useState(chains[0]?.id ?? '');
  const [preview, setPreview] = useState('');
  const [previewText, setPreviewText] = useState<string | null>(null);
  useEffect(() => {
    if (!preview.trim()) return setPreviewText(null);
    let live = true;
    void useChains.getState().previewRoute(preview).then((message) => live && setPreviewText(message));
    return () => {
      live = false;
    };
  }, [preview, routes]);
  return (
    <section className="card routes" aria-labelledby="routes-title">
      <h2 className="card__title" id="routes-title">
        <RouteIcon size={16} /> Routes
      </h2>
      <p className="muted">A route sends the model string <code>hint:&lt;name&gt;</code> to a chain, so chat and compare can say “fast” or “cheap” instead of a model.</p>
      {routes.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Hint</th>
              <th>Chain</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {routes.map((route) => (
              <tr key={route.id}>
                <td>
                  <code>hint:{route.hint}</code>
                </td>
                <td>{chains.find((c) => c.id === route.chainId)?.name ?? <span className="error-text">missing chain</span>}</td>
                <td className="routes__actions">
                  <button type="button" className="icon-button" aria-label={`Delete route ${route.hint}`} onClick={() => void useChains.getState().removeRoute(route.id).then(onChange, (e: unknown) => onError(errorMessage(e)))}>
                    <Trash2 size={16} />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="routes__add"
        onSubmit={(e) => {
          e.preventDefault();
          void useChains.getState().saveRoute({ hint, chainId }).then(
            () => {
              setHint('');
              onChange();
            },
            (err: unknown) => onError(errorMessage(err)),
          );
        }}
      >
        <input className="input" aria-label="New route hint" placeholder="hint, e.g. fast" value={hint} onChange={(e) => setHint(e.target.value)} />
        <select className="select" aria-label="Route to chain" value={chainId} onChange={(e) => setChainId(e.target.value)}>
          {chains.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <button type="submit" className="button" disabled={!hint.trim() || !chainId}>
          <Plus size={16} /> Add route
        </button>
      </form>
      <label className="field">
        <span className="field__label">Route preview</span>
        <input className="input" placeholder="type a model string, e.g. hint:fast" value={preview} onChange={(e) => setPreview(e.target.value)} />
        {previewText && (
          <span className="field__hint" data-testid="route-preview">
            {previewText}
          </span>
        )}
      </label>
    </section>
  );
}

export function ChainsPage() {
  const { chains, routes, problems, profiles, cooling, loaded, error, setError, load: reload } = useChains();
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
      {error && (
        <div className="callout callout--error" role="alert">
          {error}
        </div>
      )}
      {problems.length > 0 && (
        <ul className="callout callout--warning chain-problems" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <CoolingTargets cooling={cooling} profiles={profiles} onChange={() => void reload()} onError={setError} />
      {editing === 'new' && <ChainEditor profiles={profiles} onSaved={() => { setEditing(null); void reload(); }} onCancel={() => setEditing(null)} />}
      {loaded && chains.length === 0 && editing !== 'new' ? (
        <EmptyState icon={<Workflow size={32} />} title="No chains yet">
          {profiles.length === 0 ? 'Add at least one provider first; a chain tries its providers in order.' : 'A chain tries its targets in order, retrying and falling back when one fails. Start with “New chain”.'}
        </EmptyState>
      ) : (
        <ul className="chains">
          {chains.map((chain) =>
            editing !== 'new' && editing?.id === chain.id ? (
              <li key={chain.id}>
                <ChainEditor chain={chain} profiles={profiles} onSaved={() => { setEditing(null); void reload(); }} onCancel={() => setEditing(null)} />
              </li>
            ) : (
              <li key={chain.id} className="card chain" data-testid={`chain-${chain.name}`}>
                <header className="chain__header">
                  <h2 className="chain__name">{chain.name}</h2>
                  <span className="muted">
                    {chain.policy.maxRetries} {chain.policy.maxRetries === 1 ? 'retry' : 'retries'} per target · after {chain.policy.failureThreshold} failed {chain.policy.failureThreshold === 1 ? 'call' : 'calls'} in a row, skip a target for {formatDuration(chain.policy.cooldownMs)}
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
      {chains.length > 0 && <Routes chains={chains} routes={routes} onChange={() => void reload()} onError={setError} />}
      {chains.length > 0 && <LitellmExport />}
    </div>
  );
}
