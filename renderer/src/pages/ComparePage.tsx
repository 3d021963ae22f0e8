import { Columns3, History, Plus } from 'lucide-react';
import { useState } from 'react';
import { CompareResults } from '../components/compare/CompareResults';
import { CompareSetup } from '../components/compare/CompareSetup';
import { SavedRunsDialog } from '../components/compare/SavedRunsDialog';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { useCompare } from '../store/compare';
import '../components/compare/compare.css';

export function ComparePage() {
  const run = useCompare((state) => state.run);
  const clear = useCompare((state) => state.clear);
  const [savedOpen, setSavedOpen] = useState(false);

  return (
    <div className="page page--wide">
      <PageHeader
        title="Compare"
        subtitle="One prompt, two to six models side by side, with honest metrics."
        actions={
          <>
            <button type="button" className="button" onClick={() => setSavedOpen(true)}>
              <History size={16} /> Saved
            </button>
            {run && (
              <button type="button" className="button" onClick={clear}>
                <Plus size={16} /> New comparison
              </button>
            )}
          </>
        }
      />
      <CompareSetup />
      {run ? (
        <CompareResults run={run} />
      ) : (
        <EmptyState icon={<Columns3 size={32} />} title="Nothing compared yet">
          Pick two to six targets and a prompt. Each column streams on its own, with time to first token, tokens per second and cost; the
          fastest and cheapest get a badge.
        </EmptyState>
      )}
      <SavedRunsDialog open={savedOpen} onClose={() => setSavedOpen(false)} />
    </div>
  );
}
