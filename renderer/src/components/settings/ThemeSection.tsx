import type { SettingsShape } from '../../../../shared/api/settings';
import { errorMessage } from '../../errors';
import { Segmented } from '../Segmented';
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
        <Segmented
          label="Theme"
          options={[
            ['system', 'Follow the system'],
            ['light', 'Light'],
            ['dark', 'Dark'],
          ]}
          value={theme}
          onChange={(value) => onSave({ theme: value }).then(status.clear, (error: unknown) => status.fail(errorMessage(error)))}
        />
        <SectionStatus message={status.message} />
      </div>
    </section>
  );
}
