import { ArrowDown, ArrowUp, Plus, Save, Trash2, X } from 'lucide-react';
import { useState } from 'react';
import type { ChainShape } from '../../../../shared/api/chains';
import type { ProfileView } from '../../../../shared/api/profiles';
import type { Capability, Target } from '../../../../shared/types';
import { errorMessage } from '../../errors';
import { useChains } from '../../store/chains';
import { ModelChips } from '../models/ModelChips';
import { ModelPicker } from '../models/ModelPicker';
import { NumberField, NumberInput } from '../NumberField';
import { RequiredCapabilities } from './RequiredCapabilities';

interface DraftTarget {
  profileId: string;
  model: string;
  fallbackModels: string[];
}

interface Props {
  chain?: ChainShape;
  profiles: ProfileView[];
  onSaved(): void;
  onCancel(): void;
}

const pickerValue = (target: DraftTarget): Target | null =>
  target.profileId && target.model ? { kind: 'profile', profileId: target.profileId, model: target.model } : null;

/** Whole seconds for a field, from the policy's milliseconds. */
const seconds = (ms: number | undefined) => (ms === undefined ? '' : String(Math.round(ms / 100) / 10));

/** Create or edit a chain: ordered targets (mouse or keyboard to reorder) and its retry policy. */
export function ChainEditor({ chain, profiles, onSaved, onCancel }: Props) {
  const [name, setName] = useState(chain?.name ?? '');
  const [targets, setTargets] = useState<DraftTarget[]>(
    chain?.targets.map((t) => ({ profileId: t.profileId, model: t.model, fallbackModels: [...t.fallbackModels] })) ?? [
      { profileId: profiles[0]?.id ?? '', model: profiles[0]?.defaultModel ?? '', fallbackModels: [] },
    ],
  );
  // Times in seconds here, as people think of them; the policy keeps milliseconds.
  const [maxRetries, setMaxRetries] = useState(String(chain?.policy.maxRetries ?? 2));
  const [cooldownSeconds, setCooldownSeconds] = useState(seconds(chain?.policy.cooldownMs ?? 30_000));
  const [failureThreshold, setFailureThreshold] = useState(String(chain?.policy.failureThreshold ?? 3));
  const [attemptTimeoutSeconds, setAttemptTimeoutSeconds] = useState(seconds(chain?.policy.attemptTimeoutMs));
  const [requires, setRequires] = useState<Capability[]>(chain?.requires ?? []);
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
      await useChains.getState().save({
        id: chain?.id,
        name,
        targets: targets.map((t) => ({ profileId: t.profileId, model: t.model, fallbackModels: t.fallbackModels })),
        policy: {
          maxRetries: Number(maxRetries),
          cooldownMs: Math.round(Number(cooldownSeconds) * 1000),
          failureThreshold: Number(failureThreshold),
          ...(attemptTimeoutSeconds && { attemptTimeoutMs: Math.round(Number(attemptTimeoutSeconds) * 1000) }),
        },
        requires,
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
              <ModelPicker
                label={`Target ${index + 1}`}
                value={pickerValue(target)}
                placeholder={
                  target.profileId && !profiles.some((p) => p.id === target.profileId)
                    ? 'Deleted profile: pick another model'
                    : 'Choose a model…'
                }
                onChange={(next) =>
                  next.kind === 'profile' &&
                  setTargets(targets.map((t, i) => (i === index ? { ...t, profileId: next.profileId, model: next.model } : t)))
                }
              />
              {/* Other models of the same profile, tried before the next target. */}
              {profiles.some((p) => p.id === target.profileId) ? (
                <ModelChips
                  label={`Target ${index + 1} fallback models`}
                  profileId={target.profileId}
                  models={target.fallbackModels}
                  exclude={target.model}
                  placeholder="Add fallback model…"
                  onChange={(fallbackModels) => setTargets(targets.map((t, i) => (i === index ? { ...t, fallbackModels } : t)))}
                />
              ) : (
                <span className="muted">Pick a model first; fallbacks come from its profile.</span>
              )}
              <span className="chain-target__actions">
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move target ${index + 1} up`}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  <ArrowUp size={16} />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move target ${index + 1} down`}
                  disabled={index === targets.length - 1}
                  onClick={() => move(index, 1)}
                >
                  <ArrowDown size={16} />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove target ${index + 1}`}
                  onClick={() => setTargets(targets.filter((_, i) => i !== index))}
                >
                  <X size={16} />
                </button>
              </span>
            </li>
          ))}
        </ol>
        <div>
          <button
            type="button"
            className="button button--small button--ghost"
            onClick={() => setTargets([...targets, { profileId: profiles[0]?.id ?? '', model: '', fallbackModels: [] }])}
          >
            <Plus size={14} /> Add target
          </button>
        </div>
      </div>
      <div className="chain-policy">
        <NumberField label="Retries per target" min={0} max={10} value={maxRetries} onChange={setMaxRetries} />
        {/* One rule, read as a sentence: after N failed calls in a row, skip the target for S seconds. */}
        <fieldset className="field chain-cooldown">
          <legend className="field__label">Cool down</legend>
          <span className="chain-cooldown__sentence">
            after
            <NumberInput
              min={1}
              max={100}
              aria-label="Failed calls in a row before cooling down"
              value={failureThreshold}
              onChange={setFailureThreshold}
            />
            failed calls in a row, skip the target for
            <NumberInput min={0} step={1} aria-label="Cooldown in seconds" value={cooldownSeconds} onChange={setCooldownSeconds} />s
          </span>
        </fieldset>
        <NumberField
          label="Attempt timeout (s)"
          min={0.1}
          step={0.1}
          placeholder="none"
          value={attemptTimeoutSeconds}
          onChange={setAttemptTimeoutSeconds}
        />
      </div>
      <RequiredCapabilities value={requires} onChange={setRequires} />
      <p className="field__hint">
        Waits double from 500 ms up to 10 s with jitter; Retry-After from the provider is honoured (up to 30 s); a 429 or 401 tries the
        profile's next key first.
      </p>
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
    <button
      type="button"
      className="icon-button"
      aria-label={`Delete chain ${chain.name}`}
      onClick={() =>
        void useChains
          .getState()
          .remove(chain.id)
          .then(onDeleted, (e: unknown) => onError(errorMessage(e)))
      }
    >
      <Trash2 size={16} />
    </button>
  );
}
