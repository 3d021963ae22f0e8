import type { SettingsShape } from '../../../../shared/api/settings';
import { errorMessage } from '../../errors';
import { Segmented } from '../Segmented';
import { SectionStatus, useSectionStatus } from './SectionStatus';

const THEME_CHOICES = [
  ['system', 'Follow the system'],
  ['light', 'Light'],
  ['dark', 'Dark'],
] as const;

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
        <Segmented
          label="Theme"
          options={THEME_CHOICES}
          value={theme}
          onChange={(value) => onSave({ theme: value }).then(status.clear, (error: unknown) => status.fail(errorMessage(error)))}
        />
        <SectionStatus message={status.message} />
      </div>
    </section>
  );
}
