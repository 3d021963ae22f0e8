import { useEffect } from 'react';
import type { SettingsShape } from '../../../shared/api/settings';
import { GatewaySettings } from '../components/gateway/GatewaySettings';
import { PageHeader } from '../components/PageHeader';
import { DataSection } from '../components/settings/DataSection';
import { KeychainSection } from '../components/settings/KeychainSection';
import { PricesSection } from '../components/settings/PricesSection';
import { ProxySection } from '../components/settings/ProxySection';
import { ThemeSection } from '../components/settings/ThemeSection';
import { applyTheme } from '../app/theme';
import { useSettings } from '../store/settings';
import { ErrorCallout } from '../components/ErrorCallout';
import '../components/settings/settings.css';

/** Each section shows its own result beside its buttons; only a failure to load is shown up here. */
export function SettingsPage() {
  const { loaded, secrets, info, error, setError, load: reload, recheckSecrets, loadInfo } = useSettings();
  const desktop = info?.transport === 'ipc';

  useEffect(() => {
    // A message from an earlier visit is no longer news.
    setError(null);
    void reload();
    void loadInfo().catch(() => undefined);
  }, [reload, loadInfo, setError]);

  /** Saves a change; the section that asked shows how it went. */
  const update = async (patch: Partial<SettingsShape>) => {
    await useSettings.getState().update(patch);
    if (patch.theme) applyTheme(patch.theme);
  };

  return (
    <div className="page">
      <PageHeader title="Settings" subtitle="Keychain, data folder, network, theme, prices, backups and the gateway." />
      <ErrorCallout message={error} />
      {loaded?.recovery && (
        <div className="callout callout--warning" role="alert">
          Your configuration file could not be read ({loaded.recovery.reason}). Switchyard started with defaults and kept the old file at{' '}
          <code>{loaded.recovery.movedTo}</code>.
        </div>
      )}
      <KeychainSection
        secrets={secrets}
        allowInMemoryKeys={loaded?.settings.allowInMemoryKeys ?? false}
        onSave={update}
        onRecheck={() => void recheckSecrets()}
      />
      <DataSection dataDir={loaded?.dataDir} desktop={desktop} onImported={() => void reload()} />
      <ThemeSection theme={loaded?.settings.theme} onSave={update} />
      <ProxySection settings={loaded?.settings} onSave={update} />
      <PricesSection prices={loaded?.settings.prices} onSave={(prices) => update({ prices })} />
      <GatewaySettings />
    </div>
  );
}
