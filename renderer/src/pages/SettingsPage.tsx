import { useEffect, useState } from 'react';
import type { SecretsStatus } from '../../../shared/api/secrets';
import type { SettingsShape } from '../../../shared/api/settings';
import { api, errorMessage } from '../api/client';
import { GatewaySettings } from '../components/gateway/GatewaySettings';
import { PageHeader } from '../components/PageHeader';
import { DataSection } from '../components/settings/DataSection';
import { KeychainSection } from '../components/settings/KeychainSection';
import { PricesSection } from '../components/settings/PricesSection';
import { ProxySection } from '../components/settings/ProxySection';
import { ThemeSection } from '../components/settings/ThemeSection';
import { applyTheme } from '../app/theme';

interface Loaded {
  settings: SettingsShape;
  dataDir: string;
  configFile: string;
  recovery?: { movedTo: string; reason: string };
}

/** Each section shows its own result beside its buttons; only a failure to load is shown up here. */
export function SettingsPage() {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [desktop, setDesktop] = useState(false);
  const [secrets, setSecrets] = useState<SecretsStatus | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const reload = async () => {
    try {
      const [settings, status] = await Promise.all([api.invoke('settings.get', {}), api.invoke('secrets.status', {})]);
      setLoaded(settings);
      setSecrets(status);
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error) });
    }
  };

  useEffect(() => {
    void reload();
    void api.invoke('app.info', {}).then((info) => setDesktop(info.transport === 'ipc'), () => undefined);
  }, []);

  /** Saves a change; the section that asked shows how it went. */
  const update = async (patch: Partial<SettingsShape>) => {
    const settings = await api.invoke('settings.update', patch);
    setLoaded((current) => current && { ...current, settings });
    if (patch.theme) applyTheme(patch.theme);
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
      <KeychainSection secrets={secrets} allowInMemoryKeys={loaded?.settings.allowInMemoryKeys ?? false} onSave={update} onRecheck={() => void api.invoke('secrets.status', {}).then(setSecrets)} />
      <DataSection dataDir={loaded?.dataDir} desktop={desktop} onImported={() => void reload()} />
      <ThemeSection theme={loaded?.settings.theme} onSave={update} />
      <ProxySection settings={loaded?.settings} onSave={update} />
      <PricesSection prices={loaded?.settings.prices} onSave={(prices) => update({ prices })} />
      <GatewaySettings />
    </div>
  );
}
