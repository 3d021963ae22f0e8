import { Trash2 } from 'lucide-react';
import { useEffect } from 'react';
import { useCompare } from '../../store/compare';
import { Dialog } from '../Dialog';
import { EmptyState } from '../EmptyState';

export function SavedRunsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const saved = useCompare((state) => state.saved);
  const refreshSaved = useCompare((state) => state.refreshSaved);
  const openRun = useCompare((state) => state.open);
  const remove = useCompare((state) => state.remove);

  useEffect(() => {
    if (open) void refreshSaved();
  }, [open, refreshSaved]);

  return (
    <Dialog title="Saved comparisons" open={open} onClose={onClose} wide>
      {saved.length === 0 ? (
        <EmptyState title="No saved comparisons">Every finished comparison is saved here so you can reopen and export it.</EmptyState>
      ) : (
        <ul className="plain-list saved-runs">
          {saved.map((run) => (
            <li key={run.runId} className="saved-runs__item">
              <button
                type="button"
                className="saved-runs__open"
                onClick={() => {
                  void openRun(run.runId);
                  onClose();
                }}
              >
                <span className="saved-runs__prompt">{run.prompt}</span>
                <span className="muted saved-runs__meta">
                  {new Date(run.createdAt).toLocaleString()} · {run.labels.join(' vs ')}
                </span>
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Delete comparison "${run.prompt.slice(0, 40)}"`}
                onClick={() => void remove(run.runId)}
              >
                <Trash2 size={16} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
