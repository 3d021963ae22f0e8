import { Download, FolderOpen, KeyRound, Trash2, Upload } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { SecretsStatus } from '../../../shared/api/secrets';
import type { SettingsShape } from '../../../shared/api/settings';
import { api, errorMessage } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { GatewaySettings } from '../components/gateway/GatewaySettings';
import { PageHeader } from '../components/PageHeader';
import { applyTheme } from '../app/theme';

interface Loaded {
  settings: SettingsShape;
  dataDir: string;
  configFile: string;
  recovery?: { movedTo: string; reason: string };
}

function download(filename: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function SettingsPage() {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [desktop, setDesktop] = useState(false);
  const [secrets, setSecrets] = useState<SecretsStatus | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [proxy, setProxy] = useState({ proxyUrl: '', noProxy: '' });
  const [prices, setPrices] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);

  const reload = async () => {
    try {
      const [settings, status] = await Promise.all([api.invoke('settings.get', {}), api.invoke('secrets.status', {})]);
      setLoaded(settings);
      setSecrets(status);
      setProxy({ proxyUrl: settings.settings.proxyUrl ?? '', noProxy: settings.settings.noProxy ?? '' });
      setPrices(Object.entries(settings.settings.prices).map(([model, p]) => `${model} = ${p.inputPerMTok} / ${p.outputPerMTok}`).join('\n'));
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error) });
    }
  };

  useEffect(() => {
    void reload();
    void api.invoke('app.info', {}).then((info) => setDesktop(info.transport === 'ipc'), () => undefined);
  }, []);

  const update = async (patch: Partial<SettingsShape>, done: string) => {
    try {
      const settings = await api.invoke('settings.update', patch);
      setLoaded((current) => current && { ...current, settings });
      if (patch.theme) applyTheme(patch.theme);
      setMessage({ kind: 'ok', text: done });
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error) });
    }
  };

  const savePrices = () => {
    const parsed: SettingsShape['prices'] = {};
    for (const [i, line] of prices.split('\n').entries()) {
      if (!line.trim()) continue;
      const match = /^\s*(\S+)\s*=\s*([\d.]+)\s*\/\s*([\d.]+)\s*$/.exec(line);
      if (!match) {
        setMessage({ kind: 'error', text: `Line ${i + 1} of the price table should look like "gpt-4o = 2.5 / 10" (USD per million input / output tokens).` });
        return;
      }
      parsed[match[1]!] = { inputPerMTok: Number(match[2]), outputPerMTok: Number(match[3]) };
    }
    void update({ prices: parsed }, 'Prices saved.');
  };

  return (
    <div className="page">
      <PageHeader title="Settings" subtitle="Keychain, data folder, network, theme, prices, backups and the gateway." />
      {message && (
        <div className={message.kind === 'error' ? 'callout callout--error' : 'callout'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </div>
      )}
      {loaded?.recovery && (
        <div className="callout callout--warning" role="alert">
          Your configuration file could not be read ({loaded.recovery.reason}). Switchyard started with defaults and kept the old file at <code>{loaded.recovery.movedTo}</code>.
        </div>
      )}
      <section className="card settings-section" aria-labelledby="keychain-title">
        <h2 className="card__title" id="keychain-title">
          <KeyRound size={16} /> Keychain
        </h2>
        {!secrets ? (
          <p className="muted">Checking…</p>
        ) : secrets.available ? (
          <p data-testid="keychain-status">
            <span className="status-dot status-dot--ok" /> Keys are stored in <strong>{secrets.backend}</strong>.
          </p>
        ) : (
          <div data-testid="keychain-status">
            <p>
              <span className="status-dot status-dot--error" /> No keychain is available: {secrets.error}
            </p>
            <p className="muted">Keys from environment variables still work. You can also keep keys in memory for this session only (they are forgotten when Switchyard quits).</p>
            <label className="checkbox">
              <input type="checkbox" checked={loaded?.settings.allowInMemoryKeys ?? false} onChange={(e) => void update({ allowInMemoryKeys: e.target.checked }, e.target.checked ? 'Keys will be kept in memory for this session.' : 'In-memory keys turned off.')} /> Keep keys in memory for this session
            </label>
          </div>
        )}
      </section>
      <section className="card settings-section" aria-labelledby="data-title">
        <h2 className="card__title" id="data-title">
          <FolderOpen size={16} /> Data folder
        </h2>
        <p>
          Profiles, chains and history live in <code data-testid="data-dir">{loaded?.dataDir}</code>. Set <code>SWITCHYARD_HOME</code> to use another folder.
        </p>
        <div className="settings-actions">
          {desktop && (
            <button type="button" className="button" onClick={() => void api.invoke('app.openDataFolder', {}).catch((e: unknown) => setMessage({ kind: 'error', text: errorMessage(e) }))}>
              <FolderOpen size={16} /> Open data folder
            </button>
          )}
          <button type="button" className="button" onClick={() => void api.invoke('config.export', {}).then((file) => download(file.filename, file.content, 'application/json'), (e: unknown) => setMessage({ kind: 'error', text: errorMessage(e) }))}>
            <Download size={16} /> Export configuration
          </button>
          <button type="button" className="button" onClick={() => fileInput.current?.click()}>
            <Upload size={16} /> Import configuration…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            hidden
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (!file) return;
              void file.text().then((content) =>
                api.invoke('config.import', { content }).then(
                  (summary) => {
                    setMessage({ kind: 'ok', text: `Imported ${summary.profiles} profiles, ${summary.chains} chains and ${summary.routes} routes.${summary.needKeys.length ? ` Add the keys again for: ${summary.needKeys.join(', ')} (exports never carry keys).` : ''}` });
                    void reload();
                  },
                  (e: unknown) => setMessage({ kind: 'error', text: errorMessage(e) }),
                ),
              );
            }}
          />
          <button type="button" className="button button--danger" onClick={() => setConfirmDelete(true)}>
            <Trash2 size={16} /> Delete all history
          </button>
        </div>
        <p className="muted">Exports contain no keys; after importing on another machine, paste the keys again.</p>
      </section>
      <section className="card settings-section" aria-labelledby="look-title">
        <h2 className="card__title" id="look-title">Theme</h2>
        <div className="segmented" role="radiogroup" aria-label="Theme">
          {(['system', 'light', 'dark'] as const).map((theme) => (
            <button key={theme} type="button" role="radio" aria-checked={loaded?.settings.theme === theme} className={loaded?.settings.theme === theme ? 'segmented__item segmented__item--on' : 'segmented__item'} onClick={() => void update({ theme }, `Theme: ${theme}.`)}>
              {theme === 'system' ? 'Follow the system' : theme === 'light' ? 'Light' : 'Dark'}
            </button>
          ))}
        </div>
      </section>
      <section className="card settings-section" aria-labelledby="net-title">
        <h2 className="card__title" id="net-title">Network proxy</h2>
        <form
          className="settings-form"
          onSubmit={(e) => {
            e.preventDefault();
            void update({ proxyUrl: proxy.proxyUrl.trim() || undefined, noProxy: proxy.noProxy.trim() || undefined }, 'Proxy settings saved; new requests use them.');
          }}
        >
          <label className="field">
            <span className="field__label">Proxy URL</span>
            <input className="input" placeholder="http://proxy.example:3128 (empty: use HTTPS_PROXY from the environment)" value={proxy.proxyUrl} onChange={(e) => setProxy({ ...proxy, proxyUrl: e.target.value })} />
          </label>
          <label className="field">
            <span className="field__label">No proxy for</span>
            <input className="input" placeholder="localhost,127.0.0.1,.internal" value={proxy.noProxy} onChange={(e) => setProxy({ ...proxy, noProxy: e.target.value })} />
          </label>
          <div>
            <button type="submit" className="button">
              Save proxy
            </button>
          </div>
        </form>
      </section>
      <section className="card settings-section" aria-labelledby="price-title">
        <h2 className="card__title" id="price-title">Prices</h2>
        <p className="muted">USD per million tokens, one model per line as “model = input / output”. Compare and Chat use them to show cost.</p>
        <textarea className="textarea" rows={4} value={prices} placeholder={'gpt-4o-mini = 0.15 / 0.6\nllama3.2:3b = 0 / 0'} onChange={(e) => setPrices(e.target.value)} aria-label="Price table" />
        <div>
          <button type="button" className="button" onClick={savePrices}>
            Save prices
          </button>
        </div>
      </section>
      <GatewaySettings />
      <ConfirmDialog
        title="Delete all history?"
        open={confirmDelete}
        confirmLabel="Delete all"
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => {
          setConfirmDelete(false);
          void api.invoke('history.deleteAll', {}).then(
            ({ deleted }) => setMessage({ kind: 'ok', text: `Deleted ${deleted} conversation${deleted === 1 ? '' : 's'}.` }),
            (e: unknown) => setMessage({ kind: 'error', text: errorMessage(e) }),
          );
        }}
      >
        <p>Every saved conversation is deleted from this computer. Profiles, keys and chains stay.</p>
      </ConfirmDialog>
    </div>
  );
}
