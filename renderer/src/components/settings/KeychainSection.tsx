import { KeyRound } from 'lucide-react';
import type { SecretsStatus } from '../../../../shared/api/secrets';
import type { SettingsShape } from '../../../../shared/api/settings';
import { errorMessage } from '../../errors';
import { SectionStatus, useSectionStatus } from './SectionStatus';

export function KeychainSection({
  secrets,
  allowInMemoryKeys,
  onSave,
  onRecheck,
}: {
  secrets: SecretsStatus | null;
  allowInMemoryKeys: boolean;
  onSave(patch: Partial<SettingsShape>): Promise<void>;
  onRecheck(): void;
}) {
  const status = useSectionStatus();
  return (
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
      ) : secrets.code === 'keychain_locked' ? (
        <div data-testid="keychain-status">
          <p>
            <span className="status-dot status-dot--error" /> {secrets.error}
          </p>
          <button type="button" className="button" onClick={onRecheck}>
            Check again
          </button>
        </div>
      ) : (
        <div data-testid="keychain-status">
          <p>
            <span className="status-dot status-dot--error" /> No keychain is available: {secrets.error}
          </p>
          <p className="muted">
            Keys from environment variables still work. You can also keep keys in memory for this session only (they are forgotten when
            Switchyard quits).
          </p>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={allowInMemoryKeys}
              onChange={(e) => {
                const on = e.target.checked;
                onSave({ allowInMemoryKeys: on }).then(
                  () => status.ok(on ? 'Keys will be kept in memory for this session.' : 'In-memory keys turned off.'),
                  (error: unknown) => status.fail(errorMessage(error)),
                );
              }}
            />{' '}
            Keep keys in memory for this session
          </label>
          <SectionStatus message={status.message} />
        </div>
      )}
    </section>
  );
}
