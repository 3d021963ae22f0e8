import type { SettingsShape } from '../../../../shared/api/settings';
import { errorMessage } from '../../errors';
import { SectionStatus, useSectionStatus } from './SectionStatus';

export function ThemeSection({
  theme,
  onSave,
}: {
  theme: SettingsShape['theme'] | undefined;
  onSave(patch: Partial<SettingsShape>): Promise<void>;
}) {
  const status = useSectionStatus();
  return (
    <section className="card settings-section" aria-labelledby="look-title">
      <h2 className="card__title" id="look-title">
        Theme
      </h2>
      <div className="settings-actions">
        <div className="segmented" role="radiogroup" aria-label="Theme">
          {(['system', 'light', 'dark'] as const).map((value) => (
            <button
              key={value}
              type="button"
              role="radio"
              aria-checked={theme === value}
              className={theme === value ? 'segmented__item segmented__item--on' : 'segmented__item'}
              onClick={() => onSave({ theme: value }).then(status.clear, (error: unknown) => status.fail(errorMessage(error)))}
            >
              {value === 'system' ? 'Follow the system' : value === 'light' ? 'Light' : 'Dark'}
            </button>
          ))}
        </div>
        <SectionStatus message={status.message} />
      </div>
    </section>
  );
}
