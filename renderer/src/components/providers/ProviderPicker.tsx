// The first step of "Add provider": find the provider by name, alias or what its models are called
// ("claude" finds Anthropic, Bedrock and Claude Code), with its logo and where to get a key.
import { ExternalLink, Search } from 'lucide-react';
import { useMemo, useState } from 'react';
import type { ProviderForm, ProviderInfoShape } from '../../../../shared/api/providers';
import { useProviders } from '../../store/providers';
import { ProviderLogo } from '../ProviderLogo';
import { Segmented } from '../Segmented';
import { KEY_PAGES } from '../../../../shared/key-pages';
import { SEARCH_WORDS } from './provider-words';

/** A custom endpoint is not in the catalog: any OpenAI-compatible server, with a key if it wants one. */
export const CUSTOM_FORM: ProviderForm = { options: [], keyLabel: 'API key (optional for local servers)', keyEnvVars: [] };

const WHERE_CHOICES = [
  ['all', 'All'],
  ['cloud', 'Cloud'],
  ['local', 'Local'],
] as const;

const CUSTOM: ProviderInfoShape = {
  key: 'custom:',
  displayName: 'Custom OpenAI-compatible endpoint',
  aliases: [],
  regionAliases: [],
  local: false,
  group: 'Custom',
  adapter: 'compatible',
  available: true,
  authKinds: ['bearer', 'none'],
  defaultBaseUrl: '',
  baseUrlOverridable: true,
  envVars: [],
  capabilities: { nativeTools: true, vision: true, streaming: true, promptCaching: false },
  form: CUSTOM_FORM,
};

/** Every word typed must match the provider's key, name, aliases or the words people use for it. */
export function matchesProvider(provider: ProviderInfoShape, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [
    provider.key,
    provider.displayName,
    ...provider.aliases,
    ...provider.regionAliases,
    ...(SEARCH_WORDS[provider.key] ?? []),
  ]
    .join(' ')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** Where to get a key: the provider's key page when known, else its API docs. */
export function keyLink(provider: ProviderInfoShape): { url: string; label: string } | null {
  const page = KEY_PAGES[provider.key];
  if (page) return { url: page, label: 'Get a key' };
  return provider.docsUrl ? { url: provider.docsUrl, label: 'API docs' } : null;
}

export function ProviderPicker({ onPick }: { onPick(provider: ProviderInfoShape): void }) {
  const catalog = useProviders((state) => state.catalog);
  const catalogError = useProviders((state) => state.catalogError);
  const envSet = useProviders((state) => state.envSet);
  const [query, setQuery] = useState('');
  const [where, setWhere] = useState<'all' | 'cloud' | 'local'>('all');
  const matches = useMemo(
    () => catalog.filter((p) => p.available && (where === 'all' || (where === 'local') === p.local) && matchesProvider(p, query)),
    [catalog, query, where],
  );
  const unavailable = catalog.filter((p) => !p.available).length;
  return (
    <div className="picker">
      <div className="picker__bar">
        <label className="picker__search">
          <Search size={16} aria-hidden="true" />
          <input
            className="input"
            autoFocus
            placeholder="Search by name, alias or model (openai, claude, kimi, llama.cpp…)"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              // Enter takes the first match, so "claude⏎" is enough.
              if (e.key === 'Enter' && matches[0]) {
                e.preventDefault();
                onPick(matches[0]);
              }
            }}
            aria-label="Search providers"
          />
        </label>
        <Segmented label="Where it runs" options={WHERE_CHOICES} value={where} onChange={setWhere} />
      </div>
      {catalog.length === 0 && !catalogError ? (
        // No list until the catalog is here: the custom row alone would be pushed down by forty rows
        // arriving above it, and a click on it would land on whichever row took its place.
        <p className="muted picker__empty" role="status">
          Reading the provider catalog…
        </p>
      ) : (
        <ProviderRows matches={matches} query={query} envSet={envSet} catalogError={catalogError} onPick={onPick} />
      )}
      {unavailable > 0 && (
        <p className="muted picker__note">{unavailable} more providers are listed in the catalog but not available in this version yet.</p>
      )}
    </div>
  );
}

function ProviderRows({
  matches,
  query,
  envSet,
  catalogError,
  onPick,
}: {
  matches: ProviderInfoShape[];
  query: string;
  envSet: string[];
  catalogError: string | null;
  onPick(provider: ProviderInfoShape): void;
}) {
  return (
    <>
      {catalogError && (
        <p className="callout callout--error" role="alert">
          <strong>The provider catalog could not be read.</strong> {catalogError} A custom endpoint still works.
        </p>
      )}
      <ul className="picker__list" aria-label="Providers">
        {matches.map((p) => {
          const link = keyLink(p);
          return (
            <li key={p.key} className="picker__row">
              <button type="button" className="picker__item" onClick={() => onPick(p)}>
                <ProviderLogo keys={[p.key, ...p.aliases, p.adapter]} local={p.local} size={22} />
                <span className="picker__name">
                  <strong>{p.displayName}</strong>
                  <span className="picker__meta">
                    {p.local ? <span className="badge">Local</span> : <span className="badge badge--accent">Cloud</span>}
                    {p.envVars.some((v) => envSet.includes(v)) && <span className="badge badge--success">key in env</span>}
                    <span className="muted">{p.key}</span>
                  </span>
                </span>
              </button>
              {link && (
                <a
                  className="picker__link"
                  href={link.url}
                  target="_blank"
                  rel="noreferrer noopener"
                  aria-label={`${link.label} for ${p.displayName}`}
                >
                  {link.label} <ExternalLink size={12} aria-hidden="true" />
                </a>
              )}
            </li>
          );
        })}
        <li className="picker__row">
          <button type="button" className="picker__item" onClick={() => onPick(CUSTOM)}>
            <ProviderLogo keys={[]} size={22} />
            <span className="picker__name">
              <strong>Custom OpenAI-compatible endpoint</strong>
              <span className="muted">Any server that speaks /v1/chat/completions</span>
            </span>
          </button>
        </li>
        {matches.length === 0 && !catalogError && (
          <li className="muted picker__empty">
            No provider matches “{query}”. Use the custom endpoint above for any OpenAI-compatible server.
          </li>
        )}
      </ul>
    </>
  );
}
