// Picks what to talk to: a provider profile with a model, a chain, or a route. Used by Compare
// (and available to Chat). Choices come from the host: profiles, and chains and routes once defined.
import { useEffect, useState } from 'react';
import type { Target } from '../../../shared/types';
import { api } from '../api/client';
import { loadTargetChoices, type TargetChoices, type TargetOption } from '../store/targets';

/** Each profile's model list, fetched once per page load when the profile is first picked. */
const modelLists = new Map<string, Promise<string[]>>();

function useProviderModels(profileId: string | undefined): string[] {
  const [models, setModels] = useState<string[]>([]);
  useEffect(() => {
    if (!profileId) return setModels([]);
    let live = true;
    if (!modelLists.has(profileId)) {
      modelLists.set(profileId, api.invoke('connection.models', { profileId }).then((r) => r.models.map((m) => m.id), () => []));
    }
    void modelLists.get(profileId)!.then((list) => live && setModels(list));
    return () => {
      live = false;
    };
  }, [profileId]);
  return models;
}

export function useTargetChoices(): TargetChoices & { loading: boolean } {
  const [state, setState] = useState<TargetChoices & { loading: boolean }>({ options: [], loading: true });
  useEffect(() => {
    let cancelled = false;
    void loadTargetChoices().then((choices) => {
      if (!cancelled) setState({ ...choices, loading: false });
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return state;
}

function optionKey(target: Target | null): string {
  if (!target) return '';
  return target.kind === 'profile' ? `profile:${target.profileId}` : target.kind === 'chain' ? `chain:${target.chainId}` : `route:${target.hint}`;
}

interface Props {
  choices: TargetChoices;
  value: Target | null;
  label: string;
  onChange(target: Target | null): void;
}

export function TargetSelect({ choices, value, label, onChange }: Props) {
  const selected = choices.options.find((option) => option.key === optionKey(value));
  // The provider's own list, after the models this profile used recently; typing any name works too.
  const listed = useProviderModels(selected?.kind === 'profile' ? selected.id : undefined);
  const groups = [...new Set(choices.options.map((option) => option.group))];
  const pick = (option: TargetOption | undefined) => {
    if (!option) return onChange(null);
    if (option.kind === 'profile') onChange({ kind: 'profile', profileId: option.id, model: option.models[0] ?? '' });
    else if (option.kind === 'chain') onChange({ kind: 'chain', chainId: option.id });
    else onChange({ kind: 'route', hint: option.id });
  };
  const listId = `models-${label.replace(/\W+/g, '-')}`;
  return (
    <div className="target-select">
      <select className="select" aria-label={label} value={selected?.key ?? ''} onChange={(event) => pick(choices.options.find((option) => option.key === event.target.value))}>
        <option value="">Choose a provider, chain or route…</option>
        {groups.map((group) => (
          <optgroup key={group} label={group}>
            {choices.options
              .filter((option) => option.group === group)
              .map((option) => (
                <option key={option.key} value={option.key}>
                  {option.label}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
      {value?.kind === 'profile' && selected?.kind === 'profile' && (
        <>
          <input
            className="input"
            aria-label={`${label} model`}
            list={listId}
            placeholder="model"
            value={value.model}
            onChange={(event) => onChange({ ...value, model: event.target.value })}
          />
          <datalist id={listId}>
            {[...new Set([...selected.models, ...listed])].map((model) => (
              <option key={model} value={model} />
            ))}
          </datalist>
        </>
      )}
    </div>
  );
}
