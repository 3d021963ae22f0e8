// "Test before saving": the connection test for what the Add/Edit dialog holds right now, key
// included, without saving anything. The stages show as they run; the models it finds are offered
// for the default model.
import { FlaskConical } from 'lucide-react';
import { useRef, useState } from 'react';
import type { ConnectionResult, StageResult } from '../../../../shared/api/connection';
import { errorMessage } from '../../errors';
import { useProviders } from '../../store/providers';
import { TestStages } from './TestStages';

export interface Draft {
  providerKey: string;
  baseUrl?: string;
  key?: string;
  defaultModel?: string;
  options?: Record<string, unknown>;
}

export function DraftTest({ draft, disabled, onModels }: { draft: Draft; disabled?: boolean; onModels(models: string[]): void }) {
  const [stages, setStages] = useState<StageResult[] | null>(null);
  const [result, setResult] = useState<ConnectionResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = useRef<string | null>(null);

  const run = async () => {
    const draftId = `draft-${crypto.randomUUID()}`;
    running.current = draftId;
    setStages([]);
    setResult(null);
    setError(null);
    try {
      // Live stages of this run only: a newer run takes over the list.
      const tested = await useProviders.getState().testDraft(draftId, draft, (stage) => {
        if (running.current === draftId) setStages((current) => [...(current ?? []).filter((s) => s.id !== stage.id), stage]);
      });
      if (running.current !== draftId) return;
      setResult(tested);
      setStages(tested.stages);
      onModels(tested.models);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      if (running.current === draftId) running.current = null;
    }
  };

  const busy = stages !== null && result === null && error === null;
  return (
    <div className="draft-test" data-testid="draft-test">
      <button type="button" className="button button--small" disabled={disabled || busy} onClick={() => void run()}>
        <FlaskConical size={14} /> {busy ? 'Testing…' : 'Test before saving'}
      </button>
      {result && (
        <span
          className={result.ok ? 'draft-test__verdict draft-test__verdict--ok' : 'draft-test__verdict draft-test__verdict--fail'}
          role="status"
        >
          {result.ok ? 'Works: every stage passed.' : 'Not working yet; see below.'}
        </span>
      )}
      {error && (
        <span className="field__error" role="alert">
          {error}
        </span>
      )}
      {stages && stages.length > 0 && <TestStages stages={stages} />}
    </div>
  );
}
