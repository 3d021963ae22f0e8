// The groups of a model list, inside a cmdk <Command>: recent targets first, then each profile with
// the models its provider lists (context window and price where known), then chains and routes.
// Shared by the model picker and the command palette, so both list and search the same way.
import { Command } from 'cmdk';
import { Check, RotateCcw, Route as RouteIcon, Workflow } from 'lucide-react';
import { useEffect } from 'react';
import type { ProfileView } from '../../../../shared/api/profiles';
import type { Target } from '../../../../shared/types';
import { formatBytes, formatContext, formatPricePair } from '../../format';
import { priceOf, sameTarget, useModels, type ModelInfo } from '../../store/models';
import { ProviderLogo } from '../ProviderLogo';
import { ModelExtras } from './ModelExtras';
import { matchesSearch, SearchItem, useSearch } from './search';

export interface TargetGroupsProps {
  value?: Target | null;
  /** Shown as chosen besides `value` (the models a list already holds). */
  chosen?: Target[];
  search: string;
  onPick(target: Target): void;
  /** Offer chains and routes too (Chat, Compare); a chain's own targets are profiles only. */
  allowChains?: boolean;
  /** Only this profile's models (a profile's default model). */
  profileId?: string;
  /** Show the recent group (off in the palette's own "recent" view). */
  showRecent?: boolean;
}

export function targetLabel(target: Target, profiles: ProfileView[], chains: Array<{ id: string; name: string }>): string {
  if (target.kind === 'profile') return `${profiles.find((p) => p.id === target.profileId)?.name ?? 'Deleted profile'} · ${target.model}`;
  if (target.kind === 'chain') return `Chain: ${chains.find((c) => c.id === target.chainId)?.name ?? 'deleted chain'}`;
  return `Route hint:${target.hint}`;
}

function ModelRow({ profile, model, info, selected }: { profile: ProfileView; model: string; info?: ModelInfo; selected: boolean }) {
  const prices = useModels((s) => s.prices);
  const price = priceOf(info, model, prices);
  return (
    <>
      <span className="model-item__name">{model}</span>
      <span className="model-item__meta">
        {/* What a local server says of its model (Ollama: parameters, quantisation, size). */}
        {typeof info?.details.parameters === 'string' && <span className="model-item__chip">{info.details.parameters}</span>}
        {typeof info?.details.quantization === 'string' && <span className="model-item__chip">{info.details.quantization}</span>}
        {typeof info?.details.size === 'number' && <span>{formatBytes(info.details.size)}</span>}
        {info?.contextLength !== undefined && (
          <span className="model-item__chip" title="Context window (tokens)">
            {formatContext(info.contextLength)}
          </span>
        )}
        {price && (
          <span
            className="model-item__price"
            title={`USD per million input / output tokens${prices[model] ? ' · your price table' : typeof info?.details.priceSource === 'string' ? ` · ${info.details.priceSource}` : ''}`}
          >
            {formatPricePair(price.inputPerMTok, price.outputPerMTok)}
          </span>
        )}
        <ModelExtras profileId={profile.id} model={model} info={info} />
      </span>
      {selected ? <Check size={14} className="model-item__check" aria-label="selected" /> : <span className="model-item__check" />}
    </>
  );
}

/** What a profile offers: what it remembers first, then the provider's own list. */
function modelIds(profile: ProfileView, fetched: ModelInfo[]): string[] {
  const remembered = [profile.defaultModel, ...profile.recentModels].filter((m): m is string => Boolean(m));
  return [...new Set([...remembered, ...fetched.map((m) => m.id)])];
}

/**
 * Last, while typing: any model name with any profile, for models a provider does not list.
 * After every match, so a typed chain or listed model is never pushed down by these.
 */
function TypedName({ profiles, typed, onPick }: { profiles: ProfileView[]; typed: string; onPick(target: Target): void }) {
  const lists = useModels((s) => s.lists);
  const offered = profiles.filter((profile) => {
    const list = lists[profile.id];
    return !modelIds(profile, list?.status === 'ready' ? list.models : []).includes(typed);
  });
  if (!typed || offered.length === 0) return null;
  return (
    <Command.Group heading="Another model by name" value="Another model by name" forceMount>
      {offered.map((profile) => (
        <SearchItem
          key={profile.id}
          value={`use ${typed} with ${profile.name}`}
          forceMount
          onSelect={() => onPick({ kind: 'profile', profileId: profile.id, model: typed })}
          className="model-item model-item--note"
        >
          Use “{typed}” with {profile.name}
        </SearchItem>
      ))}
    </Command.Group>
  );
}

function ProfileGroup({
  profile,
  isChosen,
  onPick,
}: {
  profile: ProfileView;
  isChosen(target: Target): boolean;
  onPick(target: Target): void;
}) {
  const list = useModels((s) => s.lists[profile.id]);
  const loadModels = useModels((s) => s.loadModels);
  const fetched = list?.status === 'ready' ? list.models : [];
  const ids = modelIds(profile, fetched);
  // While searching, a profile's loading or error note shows beside a model of it that matches,
  // or when the search names the profile; not under every search (the palette looks for pages too).
  const search = useSearch();
  const keywords = [profile.providerName, profile.providerKey];
  const showNote =
    !search ||
    ids.some((model) => matchesSearch(search, `${profile.name} ${model}`, keywords)) ||
    matchesSearch(search, profile.name, keywords);
  const heading = (
    <span className="model-group__heading">
      <ProviderLogo keys={[profile.providerKey, profile.adapter]} local={profile.local} size={14} />
      {profile.name}
      <span className="muted">{profile.providerName}</span>
    </span>
  );
  return (
    <Command.Group heading={heading} value={profile.name}>
      {ids.map((model) => {
        const target: Target = { kind: 'profile', profileId: profile.id, model };
        return (
          <SearchItem
            key={model}
            value={`${profile.name} ${model}`}
            keywords={keywords}
            onSelect={() => onPick(target)}
            className="model-item"
          >
            <ModelRow profile={profile} model={model} info={fetched.find((m) => m.id === model)} selected={isChosen(target)} />
          </SearchItem>
        );
      })}
      {showNote && list?.status === 'loading' && (
        <SearchItem disabled value={`${profile.name} loading`} className="model-item model-item--note" forceMount>
          Loading {profile.name}’s models…
        </SearchItem>
      )}
      {showNote && list?.status === 'error' && (
        <SearchItem
          value={`${profile.name} retry model list`}
          onSelect={() => void loadModels(profile.id)}
          className="model-item model-item--error"
          forceMount
        >
          <RotateCcw size={14} /> <span className="model-item__name">Could not list models: {list.error}</span>
          <span className="model-item__meta">Retry</span>
        </SearchItem>
      )}
    </Command.Group>
  );
}

export function TargetGroups({ value, chosen = [], search, onPick, allowChains, profileId, showRecent = true }: TargetGroupsProps) {
  const isChosen = (target: Target) => sameTarget(value, target) || chosen.some((one) => sameTarget(one, target));
  const profiles = useModels((s) => s.profiles);
  const chains = useModels((s) => s.chains);
  const routes = useModels((s) => s.routes);
  const recent = useModels((s) => s.recent);
  const loadTargets = useModels((s) => s.loadTargets);
  const loadModels = useModels((s) => s.loadModels);
  const shown = profileId ? profiles.filter((p) => p.id === profileId) : profiles;

  useEffect(() => {
    void loadTargets();
  }, [loadTargets]);
  // Every shown profile's list is fetched when the list opens; a failed one is tried again here.
  const shownIds = shown.map((p) => p.id).join(',');
  useEffect(() => {
    for (const id of shownIds.split(',').filter(Boolean)) void loadModels(id);
  }, [shownIds, loadModels]);

  const recentShown = recent.filter((t) =>
    t.kind === 'profile'
      ? shown.some((p) => p.id === t.profileId)
      : allowChains && !profileId && (t.kind === 'chain' ? chains.some((c) => c.id === t.chainId) : routes.some((r) => r.hint === t.hint)),
  );

  return (
    <>
      <Command.Empty>No model matches. Type a model’s full name to use it anyway.</Command.Empty>
      {showRecent && recentShown.length > 0 && (
        <Command.Group heading="Recent" value="Recent">
          {recentShown.map((target) => {
            const label = targetLabel(target, profiles, chains);
            const profile = target.kind === 'profile' ? profiles.find((p) => p.id === target.profileId) : undefined;
            return (
              <SearchItem
                key={`recent ${label}`}
                value={`recent ${label}`}
                keywords={profile ? [profile.providerName] : []}
                onSelect={() => onPick(target)}
                className="model-item"
              >
                {profile ? (
                  <ProviderLogo keys={[profile.providerKey, profile.adapter]} local={profile.local} size={14} />
                ) : target.kind === 'chain' ? (
                  <Workflow size={14} />
                ) : (
                  <RouteIcon size={14} />
                )}
                <span className="model-item__name">{label}</span>
                <span className="model-item__meta" />
                {isChosen(target) ? (
                  <Check size={14} className="model-item__check" aria-label="selected" />
                ) : (
                  <span className="model-item__check" />
                )}
              </SearchItem>
            );
          })}
        </Command.Group>
      )}
      {shown.map((profile) => (
        <ProfileGroup key={profile.id} profile={profile} isChosen={isChosen} onPick={onPick} />
      ))}
      {allowChains && !profileId && chains.length > 0 && (
        <Command.Group heading="Chains" value="Chains">
          {chains.map((chain) => (
            <SearchItem
              key={chain.id}
              value={`chain ${chain.name}`}
              onSelect={() => onPick({ kind: 'chain', chainId: chain.id })}
              className="model-item"
            >
              <Workflow size={14} /> <span className="model-item__name">{chain.name}</span>
              <span className="model-item__meta muted">retries and fallbacks</span>
              {isChosen({ kind: 'chain', chainId: chain.id }) ? (
                <Check size={14} className="model-item__check" />
              ) : (
                <span className="model-item__check" />
              )}
            </SearchItem>
          ))}
        </Command.Group>
      )}
      {allowChains && !profileId && routes.length > 0 && (
        <Command.Group heading="Routes" value="Routes">
          {routes.map((route) => (
            <SearchItem
              key={route.hint}
              value={`route hint:${route.hint} ${route.chainName ?? ''}`}
              onSelect={() => onPick({ kind: 'route', hint: route.hint })}
              className="model-item"
            >
              <RouteIcon size={14} /> <span className="model-item__name">hint:{route.hint}</span>
              <span className="model-item__meta muted">{route.chainName && `→ ${route.chainName}`}</span>
              {isChosen({ kind: 'route', hint: route.hint }) ? (
                <Check size={14} className="model-item__check" />
              ) : (
                <span className="model-item__check" />
              )}
            </SearchItem>
          ))}
        </Command.Group>
      )}
      <TypedName profiles={shown} typed={search.trim()} onPick={onPick} />
    </>
  );
}
