import { Download, FolderOpen, Trash2, Upload } from 'lucide-react';
import { useRef, useState } from 'react';
import { describeChanges } from '../../../../shared/endpoint-changes';
import { errorMessage } from '../../errors';
import { useSettings } from '../../store/settings';
import { ConfirmDialog } from '../ConfirmDialog';
import { saveFile } from '../saveFile';
import { SectionStatus, useSectionStatus } from './SectionStatus';

/** Where data lives, export and import of the configuration, and deleting all history. */
export function DataSection({ dataDir, desktop, onImported }: { dataDir: string | undefined; desktop: boolean; onImported(): void }) {
  const status = useSectionStatus();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const fail = (e: unknown) => status.fail(errorMessage(e));
  const { openDataFolder, exportConfig, importConfig, deleteAllHistory } = useSettings.getState();
  return (
    <section className="card settings-section" aria-labelledby="data-title">
      <h2 className="card__title" id="data-title">
        <FolderOpen size={16} /> Data folder
      </h2>
      <p>
        Profiles, chains and history live in <code data-testid="data-dir">{dataDir}</code>. Set <code>SWITCHYARD_HOME</code> to use another
        folder.
      </p>
      <div className="settings-actions">
        {desktop && (
          <button type="button" className="button" onClick={() => void openDataFolder().catch(fail)}>
            <FolderOpen size={16} /> Open data folder
          </button>
        )}
        <button
          type="button"
          className="button"
          onClick={() =>
            void exportConfig().then(
              (file) => (saveFile(file.filename, file.content, 'application/json'), status.ok(`Exported to ${file.filename}.`)),
              fail,
            )
          }
        >
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
              importConfig(content).then((summary) => {
                const held = summary.endpointChanges.map(({ profile, changes }) => `${profile} (${describeChanges(changes)})`);
                const text = `Imported ${summary.profiles} profiles, ${summary.chains} chains and ${summary.routes} routes.${summary.needKeys.length ? ` Add the keys again for: ${summary.needKeys.join(', ')} (exports never carry keys).` : ''}${held.length ? ` Keys on hold until you confirm them on the Providers page: ${held.join('; ')}.` : ''}`;
                // Keys on hold need the user's attention: shown as a warning, not a plain success.
                if (held.length) status.fail(text);
                else status.ok(text);
                onImported();
              }, fail),
            );
          }}
        />
        <button type="button" className="button button--danger" onClick={() => setConfirmDelete(true)}>
          <Trash2 size={16} /> Delete all history
        </button>
      </div>
      <SectionStatus message={status.message} testId="data-status" />
      <p className="muted">Exports contain no keys; after importing on another machine, paste the keys again.</p>
      <ConfirmDialog
        title="Delete all history?"
        open={confirmDelete}
        confirmLabel="Delete all"
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => {
          setConfirmDelete(false);
          void deleteAllHistory().then((deleted) => status.ok(`Deleted ${deleted} conversation${deleted === 1 ? '' : 's'}.`), fail);
        }}
      >
        <p>Every saved conversation is deleted from this computer. Profiles, keys and chains stay.</p>
      </ConfirmDialog>
    </section>
  );
}
