import { Columns3, History, Play, Plus, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { Target } from '../../../shared/types';
import { api } from '../api/client';
import { CompareResults } from '../components/compare/CompareResults';
import { SavedRunsDialog } from '../components/compare/SavedRunsDialog';
import { TargetSelect, useTargetChoices } from '../components/TargetSelect';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { useCompare } from '../store/compare';
import { takeCompareHandoff } from '../store/compare-handoff';
import '../components/compare/compare.css';

const MIN_TARGETS = 2;
const MAX_TARGETS = 6;

export function ComparePage() {
  const run = useCompare((state) => state.run);
  const error = useCompare((state) => state.error);
  const busy = useCompare((state) => state.busy);
  const start = useCompare((state) => state.start);
  const clear = useCompare((state) => state.clear);
  const choices = useTargetChoices();
  const [targets, setTargets] = useState<Array<Target | null>>([null, null]);
  const [prompt, setPrompt] = useState('');
  const [system, setSystem] = useState('');
  const [temperature, setTemperature] = useState('');
  const [maxTokens, setMaxTokens] = useState('');
  const [oneAtATime, setOneAtATime] = useState(false);
  const [suggestion, setSuggestion] = useState<string | null>(null);
  const [savedOpen, setSavedOpen] = useState(false);

  // A selection handed over from another page (Ollama's "Compare selected").
  useEffect(() => {
    const handoff = takeCompareHandoff();
    if (handoff && handoff.targets.length > 0) {
      setTargets(handoff.targets.length >= MIN_TARGETS ? handoff.targets : [...handoff.targets, null]);
      setOneAtATime(handoff.oneAtATime);
    }
  }, []);

  const chosen = targets.filter((target): target is Target => target !== null);

  // Offer one-at-a-time automatically when two or more chosen targets are local.
  useEffect(() => {
    if (chosen.length < MIN_TARGETS) {
      setSuggestion(null);
      return;
    }
    let cancelled = false;
    api.invoke('compare.plan', { targets: chosen }).then(
      (plan) => {
        if (cancelled) return;
        const local = plan.columns.filter((column) => column.local).length;
        setSuggestion(plan.suggestOneAtATime ? `${local} local targets: they will run one at a time so they don't fight over memory.` : null);
        setOneAtATime(plan.suggestOneAtATime);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(chosen)]);

  const canRun = chosen.length >= MIN_TARGETS && prompt.trim().length > 0 && !busy && run?.status !== 'running';

  const submit = () => {
    if (!canRun) return;
    void start({
      prompt,
      system: system.trim() || undefined,
      temperature: temperature === '' ? undefined : Number(temperature),
      maxTokens: maxTokens === '' ? undefined : Number(maxTokens),
      targets: chosen,
      oneAtATime,
    });
  };

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

      <form
        className="card compare-setup"
        aria-label="Comparison setup"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <div className="compare-setup__targets">
          <span className="field__label">Targets</span>
          {choices.loading ? (
            <p className="muted">Loading your providers…</p>
          ) : choices.options.length === 0 ? (
            <div className="callout">No providers or chains yet. Add a provider on the Providers page, then come back to compare models.</div>
          ) : (
            targets.map((target, index) => (
              <div key={index} className="compare-target-row">
                <span className="compare-target-row__index">{index + 1}</span>
                <TargetSelect
                  choices={choices}
                  value={target}
                  label={`Target ${index + 1}`}
                  onChange={(next) => setTargets((current) => current.map((t, i) => (i === index ? next : t)))}
                />
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove target ${index + 1}`}
                  disabled={targets.length <= MIN_TARGETS}
                  onClick={() => setTargets((current) => current.filter((_, i) => i !== index))}
                >
                  <X size={16} />
                </button>
              </div>
            ))
          )}
          {targets.length < MAX_TARGETS && choices.options.length > 0 && (
            <div>
              <button type="button" className="button button--small button--ghost" onClick={() => setTargets((current) => [...current, null])}>
                <Plus size={14} /> Add target
              </button>
            </div>
          )}
        </div>

        <label className="field">
          <span className="field__label">Prompt</span>
          <textarea
            className="textarea"
            rows={4}
            value={prompt}
            placeholder="Ask every target the same question…"
            onChange={(event) => setPrompt(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                submit();
              }
            }}
          />
          <span className="field__hint">Ctrl+Enter runs the comparison.</span>
        </label>

        <details>
          <summary className="field__label">System prompt and parameters</summary>
          <div className="compare-setup__params" style={{ marginTop: 'var(--space-3)' }}>
            <label className="field" style={{ gridColumn: '1 / -1' }}>
              <span className="field__label">System prompt</span>
              <textarea className="textarea" rows={2} value={system} onChange={(event) => setSystem(event.target.value)} />
            </label>
            <label className="field">
              <span className="field__label">Temperature</span>
              <input className="input" type="number" min={0} max={2} step={0.1} placeholder="provider default" value={temperature} onChange={(event) => setTemperature(event.target.value)} />
            </label>
            <label className="field">
              <span className="field__label">Max tokens</span>
              <input className="input" type="number" min={1} step={1} placeholder="provider default" value={maxTokens} onChange={(event) => setMaxTokens(event.target.value)} />
            </label>
          </div>
        </details>

        <div className="compare-setup__actions">
          <button type="submit" className="button button--primary" disabled={!canRun}>
            <Play size={16} /> {busy ? 'Starting…' : 'Run comparison'}
          </button>
          <label className="checkbox">
            <input type="checkbox" checked={oneAtATime} onChange={(event) => setOneAtATime(event.target.checked)} /> One at a time
          </label>
          {suggestion && <span className="muted" data-testid="one-at-a-time-hint">{suggestion}</span>}
        </div>
        {error && (
          <div className="callout callout--error" role="alert">
            {error}
          </div>
        )}
      </form>

      {run ? (
        <CompareResults run={run} />
      ) : (
        <EmptyState icon={<Columns3 size={32} />} title="Nothing compared yet">
          Pick two to six targets and a prompt. Each column streams on its own, with time to first token, tokens per second and cost; the fastest and cheapest get a badge.
        </EmptyState>
      )}
      <SavedRunsDialog open={savedOpen} onClose={() => setSavedOpen(false)} />
    </div>
  );
}
