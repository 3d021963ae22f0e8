import { useEffect, useState } from 'react';
import type { SettingsShape } from '../../../../shared/api/settings';
import { errorMessage } from '../../errors';
import { SectionStatus, useSectionStatus } from './SectionStatus';

export function ProxySection({
  settings,
  onSave,
}: {
  settings: SettingsShape | undefined;
  onSave(patch: Partial<SettingsShape>): Promise<void>;
}) {
  const [proxy, setProxy] = useState({ proxyUrl: '', noProxy: '' });
  const status = useSectionStatus();
  useEffect(() => {
    if (settings) setProxy({ proxyUrl: settings.proxyUrl ?? '', noProxy: settings.noProxy ?? '' });
  }, [settings]);
  return (
    <section className="card settings-section" aria-labelledby="net-title">
      <h2 className="card__title" id="net-title">
        Network proxy
      </h2>
      <form
        className="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          onSave({ proxyUrl: proxy.proxyUrl.trim() || undefined, noProxy: proxy.noProxy.trim() || undefined }).then(
            () => status.ok('Proxy settings saved; new requests use them.'),
            (error: unknown) => status.fail(errorMessage(error)),
          );
        }}
      >
        <label className="field">
          <span className="field__label">Proxy URL</span>
          <input
            className="input"
            placeholder="http://proxy.example:3128 (empty: use HTTPS_PROXY from the environment)"
            value={proxy.proxyUrl}
            onChange={(e) => setProxy({ ...proxy, proxyUrl: e.target.value })}
          />
        </label>
        <label className="field">
          <span className="field__label">No proxy for</span>
          <input
            className="input"
            placeholder="localhost,127.0.0.1,.internal"
            value={proxy.noProxy}
            onChange={(e) => setProxy({ ...proxy, noProxy: e.target.value })}
          />
        </label>
        <div className="settings-actions">
          <button type="submit" className="button">
            Save proxy
          </button>
          <SectionStatus message={status.message} testId="proxy-status" />
        </div>
      </form>
    </section>
  );
}
