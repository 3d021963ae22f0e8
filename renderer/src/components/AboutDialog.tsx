import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/api/app';
import { errorMessage } from '../errors';
import { useNavigation } from '../store/navigation';
import { useSettings } from '../store/settings';
import { Dialog } from './Dialog';
import './AboutDialog.css';

export function AboutDialog() {
  const open = useNavigation((state) => state.aboutOpen);
  const setAboutOpen = useNavigation((state) => state.setAboutOpen);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    useSettings
      .getState()
      .loadInfo()
      .then(setInfo, (cause: unknown) => setError(errorMessage(cause)));
  }, [open]);

  const rows: Array<[string, string]> = info
    ? [
        ['Version', info.version],
        ['Platform', `${info.platform} (${info.arch})`],
        ['Data folder', info.dataDir],
        ['Node.js', info.nodeVersion],
        ['Electron', info.electronVersion ?? 'not running under Electron (browser mode)'],
        ['Connection', info.transport === 'ipc' ? 'Electron IPC' : 'WebSocket on loopback'],
      ]
    : [];

  return (
    <Dialog title="About Switchyard" open={open} onClose={() => setAboutOpen(false)}>
      <p className="muted">Set up, test, chain, chat with and compare AI model providers. Keys stay in your OS keychain.</p>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {!info && !error && <p className="muted">Loading…</p>}
      {info && (
        <dl className="about-list" data-testid="about-info">
          {rows.map(([label, value]) => (
            <div key={label} className="about-list__row">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </Dialog>
  );
}
