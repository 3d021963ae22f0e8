import { ArrowLeft } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ProfileView } from '../../../../shared/api/profiles';
import type { ProviderInfoShape } from '../../../../shared/api/providers';
import { checkBaseUrl } from '../../../../shared/base-url-check';
import { errorMessage } from '../../errors';
import { AdapterOptions } from './AdapterOptions';
import { CodeText } from './CodeText';
import { useProviders } from '../../store/providers';
import { Dialog } from '../Dialog';
import { DefaultModelField } from './DefaultModelField';
import { DraftTest, type Draft } from './DraftTest';
import { CUSTOM_FORM, ProviderPicker } from './ProviderPicker';

interface Props {
  open: boolean;
  /** Edit this profile; create a new one when absent. */
  editing?: ProfileView;
  onClose(): void;
  /** A new profile was saved (Copilot starts its sign-in from here). */
  onCreated?(profile: ProfileView): void;
  /** Open with the key field focused ("Fix key" after a rejected key). */
  focusKey?: boolean;
}

/** The endpoint with the options typed so far filled in where the catalog has a placeholder (Bedrock's {region}). */
function endpointFor(template: string, options: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => options[name]?.trim() || placeholder);
}

/** What the form holds, as the connection test needs it (the same fields save() sends). */
function draftOf(
  provider: ProviderInfoShape,
  form: { isCustom: boolean; region: string; baseUrl: string; key: string; defaultModel: string; options: Record<string, string> },
): Draft {
  const regions = [...provider.aliases, ...provider.regionAliases];
  return {
    providerKey: form.isCustom ? `custom:${form.baseUrl.trim()}` : regions.includes(form.region) ? form.region : provider.key,
    baseUrl: form.isCustom ? undefined : form.baseUrl.trim() || undefined,
    key: form.key.trim() || undefined,
    defaultModel: form.defaultModel.trim() || undefined,
    options: Object.fromEntries(
      Object.entries(form.options)
        .filter(([, v]) => v.trim())
        .map(([k, v]) => [k, v.trim()]),
    ),
  };
}

export function ProfileDialog({ open, editing, onClose, onCreated, focusKey }: Props) {
  const catalog = useProviders((state) => state.catalog);
  const loadCatalog = useProviders((state) => state.loadCatalog);
  const envSet = useProviders((state) => state.envSet);
  const [provider, setProvider] = useState<ProviderInfoShape | null>(null);
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [defaultModel, setDefaultModel] = useState('');
  /** A regional alias (moonshot-intl, qwen-us…) picks the region's endpoint. */
  const [region, setRegion] = useState('');
  /** The adapter options the provider's family describes (Azure's deployment, Bedrock's region…), as text. */
  const [options, setOptions] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  /** Models "Test before saving" found, offered for the default model. */
  const [found, setFound] = useState<string[]>([]);

  useEffect(() => {
    if (!open) return;
    void loadCatalog();
    setError(null);
    setKey('');
    setName(editing?.name ?? '');
    // A custom profile keeps its URL in the provider key (custom:<url>).
    setBaseUrl(editing?.providerKey.startsWith('custom:') ? editing.providerKey.slice('custom:'.length) : (editing?.baseUrl ?? ''));
    setDefaultModel(editing?.defaultModel ?? '');
    setRegion(editing?.providerKey ?? '');
    setFound([]);
    setOptions(
      Object.fromEntries(
        Object.entries(editing?.options ?? {}).flatMap(([k, v]) =>
          typeof v === 'string' ? [[k, v]] : typeof v === 'boolean' || typeof v === 'number' ? [[k, String(v)]] : [],
        ),
      ) as Record<string, string>,
    );
    setProvider(null);
  }, [open, editing, loadCatalog]);

  useEffect(() => {
    if (open && editing && catalog.length > 0) {
      const known = catalog.find(
        (p) => p.key === editing.providerKey || p.aliases.includes(editing.providerKey) || p.regionAliases.includes(editing.providerKey),
      );
      setProvider(
        known ?? {
          ...catalog[0]!,
          key: editing.providerKey,
          displayName: editing.providerName,
          adapter: 'compatible',
          defaultBaseUrl: '',
          envVars: [],
          form: CUSTOM_FORM,
        },
      );
    }
  }, [open, editing, catalog]);

  const isCustom = provider?.key === 'custom:' || provider?.key.startsWith('custom:');
  const advice = provider ? checkBaseUrl(baseUrl, provider.adapter) : [];
  const blocking = advice.some((a) => a.level === 'error') || (isCustom && !baseUrl.trim());

  const save = async () => {
    if (!provider) return;
    setSaving(true);
    setError(null);
    try {
      const regions = [...provider.aliases, ...provider.regionAliases];
      const providerKey = isCustom ? `custom:${baseUrl.trim()}` : regions.includes(region) ? region : provider.key;
      const cleanOptions = Object.fromEntries(
        Object.entries(options)
          .filter(([, v]) => v.trim())
          .map(([k, v]) => [k, v.trim()]),
      );
      const fields = {
        name: name.trim() || provider.displayName,
        providerKey,
        baseUrl: isCustom ? undefined : baseUrl.trim() || undefined,
        defaultModel: defaultModel.trim() || undefined,
        options: cleanOptions,
      };
      if (editing) {
        await useProviders
          .getState()
          .update(
            editing.id,
            { ...fields, baseUrl: fields.baseUrl ?? '', defaultModel: fields.defaultModel ?? '' },
            key.trim() ? key : undefined,
          );
      } else {
        const created = await useProviders.getState().create({ ...fields, ...(key.trim() && { key }) });
        onCreated?.(created);
      }
      setKey('');
      await useProviders.getState().refresh();
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };

  const title = editing ? `Edit ${editing.name}` : provider ? `Add ${provider.displayName}` : 'Add a provider';
  return (
    <Dialog
      title={title}
      open={open}
      onClose={onClose}
      wide
      footer={
        provider && (
          <>
            {!editing && (
              <button type="button" className="button button--ghost" onClick={() => setProvider(null)} style={{ marginRight: 'auto' }}>
                <ArrowLeft size={16} /> Other provider
              </button>
            )}
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" form="profile-form" className="button button--primary" disabled={saving || blocking}>
              {saving ? 'Saving…' : editing ? 'Save' : 'Add provider'}
            </button>
          </>
        )
      }
    >
      {!provider ? (
        <ProviderPicker
          onPick={(p) => {
            setProvider(p);
            setName((current) => current || (p.key === 'custom:' ? '' : p.displayName));
          }}
        />
      ) : (
        <form
          id="profile-form"
          className="form-grid"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <label className="field">
            <span className="field__label">Name</span>
            <input
              className="input"
              value={name}
              placeholder={provider.displayName}
              onChange={(e) => setName(e.target.value)}
              autoFocus={!focusKey}
            />
          </label>
          {provider.regionAliases.length > 0 && (
            <label className="field">
              <span className="field__label">Region</span>
              <select
                className="select"
                value={[...provider.aliases, ...provider.regionAliases].includes(region) ? region : provider.key}
                onChange={(e) => setRegion(e.target.value)}
              >
                {[provider.key, ...provider.aliases, ...provider.regionAliases].map((alias) => (
                  <option key={alias} value={alias}>
                    {alias === provider.key ? `${alias} (default)` : alias}
                  </option>
                ))}
              </select>
              <span className="field__hint">Each region has its own endpoint and keys; pick where your account lives.</span>
            </label>
          )}
          {(isCustom || provider.baseUrlOverridable || baseUrl) && (
            <label className="field">
              <span className="field__label">Base URL{isCustom ? '' : ' (optional)'}</span>
              <input
                className="input"
                value={baseUrl}
                placeholder={provider.defaultBaseUrl || 'https://your-server.example/v1'}
                aria-invalid={advice.some((a) => a.level === 'error')}
                onChange={(e) => setBaseUrl(e.target.value)}
              />
              {advice.map((a) => (
                <span
                  key={a.message}
                  className={a.level === 'error' ? 'field__error' : 'field__hint field__hint--warn'}
                  role={a.level === 'error' ? 'alert' : undefined}
                >
                  {a.message}{' '}
                  {a.suggestion && (
                    <button type="button" className="link-button" onClick={() => setBaseUrl(a.suggestion!)}>
                      Use {a.suggestion}
                    </button>
                  )}
                </span>
              ))}
            </label>
          )}
          {!isCustom && !provider.baseUrlOverridable && !baseUrl && (
            <p className="field__hint">
              Requests go to <code>{endpointFor(provider.defaultBaseUrl, options)}</code>.{' '}
              <button type="button" className="link-button" onClick={() => setBaseUrl(endpointFor(provider.defaultBaseUrl, options))}>
                Change
              </button>
            </p>
          )}
          <AdapterOptions fields={provider.form.options} options={options} onChange={setOptions} />
          {provider.form.keyLabel === null ? (
            provider.form.note && (
              <p className="field__hint">
                <CodeText text={provider.form.note} />
              </p>
            )
          ) : (
            <>
              <label className="field">
                <span className="field__label">{provider.form.keyLabel}</span>
                <input
                  className="input"
                  type="password"
                  autoComplete="off"
                  spellCheck={false}
                  value={key}
                  placeholder={
                    editing?.keySlots[0]
                      ? `Saved: ${editing.keySlots[0].hint} — paste a new key to replace it`
                      : 'Paste the key; it goes to your OS keychain'
                  }
                  onChange={(e) => setKey(e.target.value)}
                  data-testid="key-input"
                  autoFocus={focusKey}
                />
                <span className="field__hint">Stored in the OS keychain; Switchyard never shows it again, only its last characters.</span>
                {provider.form.keyEnvVars.length > 0 && (
                  <span className="field__hint">
                    Without a key here, Switchyard reads{' '}
                    {provider.form.keyEnvVars.map((v, i) => (
                      <span key={v}>
                        {i > 0 && ', then '}
                        <code>{v}</code>
                        {envSet.includes(v) && <strong> (set)</strong>}
                      </span>
                    ))}
                    {provider.form.thenReads && (
                      <>
                        , then <CodeText text={provider.form.thenReads} />
                      </>
                    )}
                    .
                  </span>
                )}
                {provider.form.note && (
                  <span className="field__hint">
                    <CodeText text={provider.form.note} />
                  </span>
                )}
              </label>
              {/* A new profile, or a new key for a saved one, can be tried before it is kept. */}
              {(!editing || key.trim()) && (
                <DraftTest
                  draft={draftOf(provider, { isCustom: Boolean(isCustom), region, baseUrl, key, defaultModel, options })}
                  disabled={blocking}
                  onModels={setFound}
                />
              )}
            </>
          )}
          <DefaultModelField editing={editing} value={defaultModel} found={found} onChange={setDefaultModel} />
          {error && (
            <div className="callout callout--error" role="alert">
              {error}
            </div>
          )}
        </form>
      )}
    </Dialog>
  );
}
