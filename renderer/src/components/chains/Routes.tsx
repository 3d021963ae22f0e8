import { Plus, Route as RouteIcon, Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../errors';
import { useChains } from '../../store/chains';

/** "hint → chain" and Add route; the hint clears once the route is saved. */
function AddRoute() {
  const chains = useChains((s) => s.chains);
  const { saveRoute, setError } = useChains.getState();
  const [hint, setHint] = useState('');
  const [chainId, setChainId] = useState(chains[0]?.id ?? '');
  return (
    <form
      className="routes__add"
      onSubmit={(e) => {
        e.preventDefault();
        void saveRoute({ hint, chainId }).then(
          () => setHint(''),
          (err: unknown) => setError(errorMessage(err)),
        );
      }}
    >
      <input
        className="input"
        aria-label="New route hint"
        placeholder="hint, e.g. fast"
        value={hint}
        onChange={(e) => setHint(e.target.value)}
      />
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
  );
}

/** Routes: `hint:<name>` model strings that go to a chain, with a preview of where a string goes. */
export function Routes() {
  const chains = useChains((s) => s.chains);
  const routes = useChains((s) => s.routes);
  const { removeRoute, previewRoute, setError } = useChains.getState();
  const [preview, setPreview] = useState('');
  const [previewText, setPreviewText] = useState<string | null>(null);
  useEffect(() => {
    if (!preview.trim()) return setPreviewText(null);
    let live = true;
    void previewRoute(preview).then((message) => live && setPreviewText(message));
    return () => {
      live = false;
    };
  }, [preview, routes, previewRoute]);
  return (
    <section className="card routes" aria-labelledby="routes-title">
      <h2 className="card__title" id="routes-title">
        <RouteIcon size={16} /> Routes
      </h2>
      <p className="muted">
        A route sends the model string <code>hint:&lt;name&gt;</code> to a chain, so chat and compare can say “fast” or “cheap” instead of a
        model.
      </p>
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
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Delete route ${route.hint}`}
                    onClick={() => void removeRoute(route.id).catch((e: unknown) => setError(errorMessage(e)))}
                  >
                    <Trash2 size={16} />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AddRoute />
      <label className="field">
        <span className="field__label">Route preview</span>
        <input
          className="input"
          placeholder="type a model string, e.g. hint:fast"
          value={preview}
          onChange={(e) => setPreview(e.target.value)}
        />
        {previewText && (
          <span className="field__hint" data-testid="route-preview">
            {previewText}
          </span>
        )}
      </label>
    </section>
  );
}
