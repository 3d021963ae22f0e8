// The capability probe on the Providers page: "Probe" beside a profile's connection test and
// "Probe all" in the header. Each first shows what the probe will send and what it may cost
// (tokens counted on the host, priced with the model's price and its source), then runs it; the
// results stay as chips on the profile and in the model pickers.
import { FlaskConical } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ProbeEstimate, ProbeRecord } from '../../../../shared/api/models';
import type { ProfileView } from '../../../../shared/api/profiles';
import type { Target } from '../../../../shared/types';
import { errorMessage } from '../../errors';
import { formatCount, formatMoney } from '../../format';
import { useCapabilities } from '../../store/capabilities';
import { Dialog } from '../Dialog';
import { CAPABILITY_LABELS, CapabilityChips } from './CapabilityChips';
import { ModelPicker } from './ModelPicker';
import './models.css';

const modelOf = (profile: ProfileView) => profile.defaultModel || profile.recentModels[0] || '';

function EstimateLine({ estimate }: { estimate: ProbeEstimate }) {
  const cost = estimate.costUsd === null ? 'price unknown' : `at most ${formatMoney(estimate.costUsd)}`;
  return (
    <p data-testid="probe-estimate">
      {estimate.requests} small requests: about {formatCount(estimate.inputTokens)} tokens sent and at most{' '}
      {formatCount(estimate.maxOutputTokens)} back, {cost}
      {estimate.priceSource && <span className="muted"> ({estimate.priceSource.label})</span>}.
    </p>
  );
}

/** What each capability did, in words, after a probe. */
export function ProbeResults({ record }: { record: ProbeRecord }) {
  return (
    <ul className="probe-results">
      {record.results.map((r) => (
        <li key={r.capability}>
          <CapabilityChips record={{ ...record, results: [r] }} /> <span className="muted">{CAPABILITY_LABELS[r.capability].name}:</span>{' '}
          {r.detail}
        </li>
      ))}
    </ul>
  );
}

export function ProbeButton({ profile }: { profile: ProfileView }) {
  const [open, setOpen] = useState(false);
  const [model, setModel] = useState(modelOf(profile));
  const [estimate, setEstimate] = useState<ProbeEstimate | null>(null);
  const [running, setRunning] = useState(false);
  const [record, setRecord] = useState<ProbeRecord | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open || !model) return;
    let live = true;
    setEstimate(null);
    useCapabilities
      .getState()
      .estimate(profile.id, model)
      .then(
        (next) => live && setEstimate(next),
        (e: unknown) => live && setError(errorMessage(e)),
      );
    return () => {
      live = false;
    };
  }, [open, model, profile.id]);

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      setRecord(await useCapabilities.getState().probe(profile.id, model));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setRunning(false);
    }
  };
  const close = () => {
    setOpen(false);
    setRecord(null);
    setError(null);
  };

  return (
    <>
      <button
        type="button"
        className="button button--small"
        onClick={() => setOpen(true)}
        aria-label={`Probe ${profile.name}`}
        title="Check what a model really does: tools, images, JSON, reasoning, usage"
      >
        <FlaskConical size={14} /> Probe
      </button>
      <Dialog
        title={`Probe ${profile.name}`}
        open={open}
        onClose={close}
        description="Sends the smallest request for each capability and records what the model did."
        footer={
          <>
            <button type="button" className="button" onClick={close}>
              {record ? 'Done' : 'Cancel'}
            </button>
            {!record && (
              <button type="button" className="button button--primary" disabled={!model || running || !estimate} onClick={() => void run()}>
                <FlaskConical size={14} /> {running ? 'Probing…' : 'Run probe'}
              </button>
            )}
          </>
        }
      >
        <ModelPicker
          label={`Model to probe on ${profile.name}`}
          profileId={profile.id}
          value={model ? { kind: 'profile', profileId: profile.id, model } : null}
          onChange={(t: Target) => t.kind === 'profile' && (setModel(t.model), setRecord(null))}
        />
        {!model && <p className="muted">Choose the model to probe.</p>}
        {model && !estimate && !error && <p className="muted">Counting what the probe will send…</p>}
        {estimate && !record && <EstimateLine estimate={estimate} />}
        {error && (
          <div className="callout callout--error" role="alert">
            {error}
          </div>
        )}
        {record && <ProbeResults record={record} />}
      </Dialog>
    </>
  );
}

export function ProbeAllButton({ profiles }: { profiles: ProfileView[] }) {
  const [open, setOpen] = useState(false);
  const [total, setTotal] = useState<{ inputTokens: number; maxOutputTokens: number; costUsd: number | null; unknown: number } | null>(
    null,
  );
  const [running, setRunning] = useState(false);
  const [summary, setSummary] = useState<string | null>(null);
  const probed = profiles.filter((p) => modelOf(p));

  useEffect(() => {
    if (!open) return;
    let live = true;
    setTotal(null);
    void Promise.all(
      probed.map((p) =>
        useCapabilities
          .getState()
          .estimate(p.id, modelOf(p))
          .catch(() => null),
      ),
    ).then((estimates) => {
      if (!live) return;
      const known = estimates.filter((e): e is ProbeEstimate => e !== null);
      setTotal({
        inputTokens: known.reduce((n, e) => n + e.inputTokens, 0),
        maxOutputTokens: known.reduce((n, e) => n + e.maxOutputTokens, 0),
        costUsd: known.reduce((n, e) => n + (e.costUsd ?? 0), 0),
        unknown: estimates.filter((e) => e === null || e.costUsd === null).length,
      });
    });
    return () => {
      live = false;
    };
    // The list of profiles is read when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const run = async () => {
    setRunning(true);
    try {
      const { records, skipped } = await useCapabilities.getState().probeAll();
      setSummary(
        `Probed ${records.length} model${records.length === 1 ? '' : 's'}.${skipped.length ? ` Skipped: ${skipped.map((s) => `${profiles.find((p) => p.id === s.profileId)?.name ?? 'a profile'} (${s.reason})`).join('; ')}` : ''}`,
      );
    } catch (e) {
      setSummary(errorMessage(e));
    } finally {
      setRunning(false);
    }
  };

  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        <FlaskConical size={16} /> Probe all
      </button>
      <Dialog
        title="Probe every profile"
        open={open}
        onClose={() => (setOpen(false), setSummary(null))}
        footer={
          <>
            <button type="button" className="button" onClick={() => (setOpen(false), setSummary(null))}>
              {summary ? 'Done' : 'Cancel'}
            </button>
            {!summary && (
              <button
                type="button"
                className="button button--primary"
                disabled={running || probed.length === 0 || !total}
                onClick={() => void run()}
              >
                <FlaskConical size={14} /> {running ? 'Probing…' : `Probe ${probed.length} model${probed.length === 1 ? '' : 's'}`}
              </button>
            )}
          </>
        }
      >
        <p>Each profile's default (or last used) model gets five small requests, one profile at a time.</p>
        <ul className="probe-plan">
          {profiles.map((p) => (
            <li key={p.id}>
              <strong>{p.name}</strong> <span className="muted">{modelOf(p) || 'no model chosen yet: skipped'}</span>
            </li>
          ))}
        </ul>
        {total && !summary && (
          <p data-testid="probe-all-estimate">
            About {formatCount(total.inputTokens)} tokens sent and at most {formatCount(total.maxOutputTokens)} back, at most{' '}
            {formatMoney(total.costUsd)}
            {total.unknown > 0 && ` plus ${total.unknown} model${total.unknown === 1 ? '' : 's'} whose price is unknown`}.
          </p>
        )}
        {summary && <p role="status">{summary}</p>}
      </Dialog>
    </>
  );
}

/** The probed models of a profile, with their chips, under its name on the Providers page. */
export function ProfileCapabilities({ profileId }: { profileId: string }) {
  const load = useCapabilities((s) => s.load);
  const records = useCapabilities((s) => s.records);
  useEffect(() => {
    void load();
  }, [load]);
  const mine = Object.values(records)
    .filter((r) => r.profileId === profileId)
    .sort((a, b) => b.at - a.at)
    .slice(0, 3);
  if (mine.length === 0) return null;
  return (
    <div className="profile-capabilities">
      {mine.map((r) => (
        <span key={r.model} className="profile-capabilities__model">
          <span className="muted">{r.model}</span> <CapabilityChips record={r} />
        </span>
      ))}
    </div>
  );
}
