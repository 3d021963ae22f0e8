// What to compare: two to six targets from the model picker, the prompt, and the optional system
// prompt and parameters. Folded into one summary line while a run is on screen, so the results
// start at the top; "Change" opens it again.
import { Pencil, Play, Plus, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { CompareRun } from '../../../../shared/api/compare';
import type { Target } from '../../../../shared/types';
import { takeCompareHandoff } from '../../store/compare-handoff';
import { useCompare } from '../../store/compare';
import { useModels } from '../../store/models';
import { ModelPicker } from '../models/ModelPicker';
import { NumberField, TEMPERATURE_RANGE } from '../NumberField';
import { ErrorCallout } from '../ErrorCallout';

const MIN_TARGETS = 2;
const MAX_TARGETS = 6;

function Summary({ run, onChange }: { run: CompareRun; onChange(): void }) {
  return (
    <div className="card compare-summary" data-testid="compare-summary">
      <span className="compare-summary__text">
        <span className="compare-summary__prompt">“{run.prompt}”</span>
        <span className="muted"> · {run.columns.map((c) => c.label).join(' vs ')}</span>
      </span>
      <button type="button" className="button button--small" onClick={onChange}>
        <Pencil size={14} /> Change
      </button>
    </div>
  );
}

export function CompareSetup() {
  const run = useCompare((state) => state.run);
  const error = useCompare((state) => state.error);
  const busy = useCompare((state) => state.busy);
  const start = useCompare((state) => state.start);
  const hasTargets = useModels((state) => state.profiles.length + state.chains.length > 0);
  const loadTargets = useModels((state) => state.loadTargets);
  // Read here, not only by a picker: with no profiles known yet no picker is shown, and a Compare
  // opened first after launch said "No providers" while the user had several.
  const [targetsLoaded, setTargetsLoaded] = useState(false);
  useEffect(() => {
    void loadTargets().finally(() => setTargetsLoaded(true));
  }, [loadTargets]);
  const [targets, setTargets] = useState<Array<Target | null>>([null, null]);
  const [prompt, setPrompt] = useState('');
  const [system, setSystem] = useState('');
  const [temperature, setTemperature] = useState('');
  const [maxTokens, setMaxTokens] = useState('');
  const [oneAtATime, setOneAtATime] = useState(false);
  const [suggestion, setSuggestion] = useState<string | null>(null);
  /** Open while there is no run, or after "Change". */
  const [expanded, setExpanded] = useState(false);

  // A selection handed over from another page (Ollama's "Compare selected").
  useEffect(() => {
    const handoff = takeCompareHandoff();
    if (handoff && handoff.targets.length > 0) {
      setTargets(handoff.targets.length >= MIN_TARGETS ? handoff.targets : [...handoff.targets, null]);
      setOneAtATime(handoff.oneAtATime);
      useCompare.getState().clear();
    }
  }, []);

  // A new run folds the form away.
  const runId = run?.runId;
  useEffect(() => setExpanded(false), [runId]);

  const chosen = targets.filter((target): target is Target => target !== null);

  // Offer one-at-a-time automatically when two or more chosen targets are local.
  const chosenKey = JSON.stringify(chosen);
  useEffect(() => {
    const picked = JSON.parse(chosenKey) as Target[];
    if (picked.length < MIN_TARGETS) {
      setSuggestion(null);
      return;
    }
    let cancelled = false;
    useCompare
      .getState()
      .plan(picked)
      .then(
        (plan) => {
          if (cancelled) return;
          const local = plan.columns.filter((column) => column.local).length;
          setSuggestion(
            plan.suggestOneAtATime ? `${local} local targets: they will run one at a time so they don't fight over memory.` : null,
          );
          setOneAtATime(plan.suggestOneAtATime);
        },
        () => undefined,
      );
    return () => {
      cancelled = true;
    };
  }, [chosenKey]);

  if (run && !expanded) {
    return (
      <Summary
        run={run}
        onChange={() => {
          // The form opens with what produced the run on screen.
          setTargets(run.columns.map((c) => c.target));
          setPrompt(run.prompt);
          setSystem(run.system ?? '');
          setTemperature(run.temperature === undefined ? '' : String(run.temperature));
          setMaxTokens(run.maxTokens === undefined ? '' : String(run.maxTokens));
          setExpanded(true);
        }}
      />
    );
  }

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
        {!hasTargets && !targetsLoaded ? (
          <p className="muted">Reading your providers and chains…</p>
        ) : !hasTargets ? (
          <div className="callout">No providers or chains yet. Add a provider on the Providers page, then come back to compare models.</div>
        ) : (
          targets.map((target, index) => (
            <div key={index} className="compare-target-row">
              <span className="compare-target-row__index">{index + 1}</span>
              <ModelPicker
                label={`Target ${index + 1}`}
                value={target}
                allowChains
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
        {targets.length < MAX_TARGETS && hasTargets && (
          <div>
            <button
              type="button"
              className="button button--small button--ghost"
              onClick={() => setTargets((current) => [...current, null])}
            >
              <Plus size={14} /> Add target
            </button>
          </div>
        )}
      </div>

      <label className="field">
        <span className="field__label">Prompt</span>
        <textarea
          className="textarea"
          rows={3}
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
        <div className="fit-columns compare-setup__params">
          <label className="field compare-setup__system">
            <span className="field__label">System prompt</span>
            <textarea className="textarea" rows={2} value={system} onChange={(event) => setSystem(event.target.value)} />
          </label>
          <NumberField
            label="Temperature"
            {...TEMPERATURE_RANGE}
            placeholder="provider default"
            value={temperature}
            onChange={setTemperature}
          />
          <NumberField label="Max tokens" min={1} step={1} placeholder="provider default" value={maxTokens} onChange={setMaxTokens} />
        </div>
      </details>

      <div className="wrap-row compare-setup__actions">
        <button type="submit" className="button button--primary" disabled={!canRun}>
          <Play size={16} /> {busy ? 'Starting…' : 'Run comparison'}
        </button>
        <label className="checkbox">
          <input type="checkbox" checked={oneAtATime} onChange={(event) => setOneAtATime(event.target.checked)} /> One at a time
        </label>
        {suggestion && (
          <span className="muted" data-testid="one-at-a-time-hint">
            {suggestion}
          </span>
        )}
        {run && (
          <button type="button" className="button button--ghost compare-setup__fold" onClick={() => setExpanded(false)}>
            Hide setup
          </button>
        )}
      </div>
      <ErrorCallout message={error} />
    </form>
  );
}
