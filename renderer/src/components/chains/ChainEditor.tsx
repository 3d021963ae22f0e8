import { ArrowDown, ArrowUp, Plus, Save, Trash2, X } from 'lucide-react';
import { useState } from 'react';
import type { ChainShape } from '../../../../shared/api/chains';
import type { ProfileView } from '../../../../shared/api/profiles';
import { api, errorMessage } from '../../api/client';

interface DraftTarget {
  profileId: string;
  model: string;
  fallbackModels: string;
}

interface Props {
  chain?: ChainShape;
  profiles: ProfileView[];
  onSaved(): void;
  onCancel(): void;
}

/** Create or edit a chain: ordered targets (mouse or keyboard to reorder) and its retry policy. */
export function ChainEditor({ chain, profiles, onSaved, onCancel }: Props) {
  const [name, setName] = useState(chain?.name ?? '');
  const [targets, setTargets] = useState<DraftTarget[]>(chain?.targets.map((t) => ({ profileId: t.profileId, model: t.model, fallbackModels: t.fallbackModels.join(', ') })) ?? [{ profileId: profiles[0]?.id ?? '', model: profiles[0]?.defaultModel ?? '', fallbackModels: '' }]);
  const [maxRetries, setMaxRetries] = useState(String(chain?.policy.maxRetries ?? 2));
  const [cooldownMs, setCooldownMs] = useState(String(chain?.policy.cooldownMs ?? 30_000));
  const [failureThreshold, setFailureThreshold] = useState(String(chain?.policy.failureThreshold ?? 3));
  const [attemptTimeoutMs, setAttemptTimeoutMs] = useState(chain?.policy.attemptTimeoutMs ? String(chain.policy.attemptTimeoutMs) : '');
  const [problems, setProblems] = useState<string[]>([]);

  const move = (index: number, delta: number) => {
    const next = [...targets];
    const [item] = next.splice(index, 1);
    next.splice(index + delta, 0, item!);
    setTargets(next);
  };

  const save = async () => {
    setProblems([]);
    try {
      await api.invoke('chains.save', {
        id: chain?.id,
        name,
        targets: targets.map((t) => ({ profileId: t.profileId, model: t.model, fallbackModels: t.fallbackModels.split(',').map((m) => m.trim()).filter(Boolean) })),
        policy: {
          maxRetries: Number(maxRetries),
          cooldownMs: Number(cooldownMs),
          failureThreshold: Number(failureThreshold),
          ...(attemptTimeoutMs && { attemptTimeoutMs: Number(attemptTimeoutMs) }),
        },
      });
      onSaved();
    } catch (error) {
      const details = (error as { details?: { problems?: string[]; issues?: Array<{ path: string; message: string }> } }).details;
      setProblems(details?.problems ?? details?.issues?.map((i) => `${i.path}: ${i.message}`) ?? [errorMessage(error)]);
    }
  };

  return (
    <form
      className="card chain-editor"
      aria-label={chain ? `Edit chain ${chain.name}` : 'New chain'}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label className="field">
        <span className="field__label">Chain name</span>
        <input className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Reliable GPT" autoFocus />
      </label>
      <div className="field">
        <span className="field__label">Targets, tried in order</span>
        <ol className="chain-targets">
          {targets.map((target, index) => (
            <li key={index} className="chain-target">
              <span className="chain-target__index">{index + 1}</span>
              <select className="select" aria-label={`Target ${index + 1} profile`} value={target.profileId} onChange={(e) => setTargets(targets.map((t, i) => (i === index ? { ...t, profileId: e.target.value } : t)))}>
                {!profiles.some((p) => p.id === target.profileId) && <option value={target.profileId}>(deleted profile)</option>}
                {profiles.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
              <input className="input" aria-label={`Target ${index + 1} model`} placeholder="model" value={target.model} onChange={(e) => setTargets(targets.map((t, i) => (i === index ? { ...t, model: e.target.value } : t)))} />
              <input className="input" aria-label={`Target ${index + 1} fallback models`} placeholder="fallback models, comma separated" value={target.fallbackModels} onChange={(e) => setTargets(targets.map((t, i) => (i === index ? { ...t, fallbackModels: e.target.value } : t)))} />
              <span className="chain-target__actions">
                <button type="button" className="icon-button" aria-label={`Move target ${index + 1} up`} disabled={index === 0} onClick={() => move(index, -1)}>
                  <ArrowUp size={16} />
                </button>
                <button type="button" className="icon-button" aria-label={`Move target ${index + 1} down`} disabled={index === targets.length - 1} onClick={() => move(index, 1)}>
                  <ArrowDown size={16} />
                </button>
                <button type="button" className="icon-button" aria-label={`Remove target ${index + 1}`} onClick={() => setTargets(targets.filter((_, i) => i !== index))}>
                  <X size={16} />
                </button>
              </span>
            </li>
          ))}
        </ol>
        <div>
          <button type="button" className="button button--small button--ghost" onClick={() => setTargets([...targets, { profileId: profiles[0]?.id ?? '', model: '', fallbackModels: '' }])}>
            <Plus size={14} /> Add target
          </button>
        </div>
      </div>
      <div className="chain-policy">
        <label className="field">
          <span className="field__label">Retries per target</span>
          <input className="input" type="number" min={0} max={10} value={maxRetries} onChange={(e) => setMaxRetries(e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">Cool down after failed calls</span>
          <input className="input" type="number" min={1} max={100} value={failureThreshold} onChange={(e) => setFailureThreshold(e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">Cooldown (ms)</span>
          <input className="input" type="number" min={0} step={1000} value={cooldownMs} onChange={(e) => setCooldownMs(e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">Attempt timeout (ms)</span>
          <input className="input" type="number" min={1} placeholder="none" value={attemptTimeoutMs} onChange={(e) => setAttemptTimeoutMs(e.target.value)} />
        </label>
      </div>
      <p className="field__hint">Waits double from 500 ms up to 10 s with jitter; Retry-After from the provider is honoured (up to 30 s); a 429 or 401 tries the profile's next key first.</p>
      {problems.length > 0 && (
        <ul className="callout callout--error chain-problems" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="chain-editor__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary">
          <Save size={16} /> Save chain
        </button>
      </div>
    </form>
  );
}

export function DeleteChainButton({ chain, onDeleted, onError }: { chain: ChainShape; onDeleted(): void; onError(message: string): void }) {
  return (
    <button type="button" className="icon-button" aria-label={`Delete chain ${chain.name}`} onClick={() => void api.invoke('chains.delete', { id: chain.id }).then(onDeleted, (e: unknown) => onError(errorMessage(e)))}>
      <Trash2 size={16} />
    </button>
  );
}
